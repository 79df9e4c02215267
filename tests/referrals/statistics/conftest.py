"""The statistics tests read the labels in English, and most count a generated year of referrals."""

import pytest
from django.utils import translation

from tests.referrals.statistics.support import generate
from tests.staff import make_staff


@pytest.fixture(autouse=True)
def english():
    # The labels are read in English here (the site's default language is Serbian).
    with translation.override("en"):
        yield


@pytest.fixture
def staff():
    return [make_staff("Triage", device=False) for _ in range(3)]


@pytest.fixture
def referrals(staff):
    return generate(staff)
