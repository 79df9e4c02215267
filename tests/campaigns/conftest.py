"""The campaigns the campaign tests visit, built with the factories (campaign_support.py) once
per module (tests/conftest.py, `built_for_module`): each test changes them only inside its own
transaction."""

import pytest

from tests.campaigns.campaign_support import make_campaigns
from tests.conftest import built_for_module, fresh

built_2026 = built_for_module(lambda site: make_campaigns(site, ["world-day-2026", "eu-day-2026"]))
built_all = built_for_module(make_campaigns)


@pytest.fixture
def campaigns_2026(built_2026, db):
    """30 July and 18 October 2026, held, in three languages: {slug: Cyrillic page}."""
    return fresh(built_2026)


@pytest.fixture
def campaigns(built_all, db):
    """The campaigns of 2026 and, scheduled, of 2027: {slug: Cyrillic page}."""
    return fresh(built_all)
