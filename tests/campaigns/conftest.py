"""The campaigns the campaign tests visit, built with the factories (campaign_support.py)."""

import pytest

from tests.campaigns.campaign_support import make_campaigns


@pytest.fixture
def campaigns_2026(site_pages):
    """30 July and 18 October 2026, held, in three languages: {slug: Cyrillic page}."""
    return make_campaigns(site_pages, ["world-day-2026", "eu-day-2026"])


@pytest.fixture
def campaigns(site_pages):
    """The campaigns of 2026 and, scheduled, of 2027: {slug: Cyrillic page}."""
    return make_campaigns(site_pages)
