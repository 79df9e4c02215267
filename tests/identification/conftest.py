"""The guided check as the identification tests need it: the check's page under the home page
and two indicator sets under it (tests/factories.py, INDICATOR_GROUPS), in Cyrillic, Latin and
English, marked as demo lists as the first lists are."""

import pytest

from tests.conftest import built_for_module, fresh
from tests.factories import IdentificationPageFactory, IndicatorSetPageFactory, translate

SECTORS = {"schools": ("Школе", "Schools"), "health": ("Здравствена заштита", "Health care")}


def make_indicator_sets(site_pages):
    check = IdentificationPageFactory(parent=site_pages.home)
    translate(check, texts={check.title: "Indicator check"})
    sets = {}
    for slug, (title, english) in SECTORS.items():
        sets[slug] = IndicatorSetPageFactory(parent=check, slug=slug, title=title, demo=True)
        translate(sets[slug], texts={title: english})
    return sets


built = built_for_module(make_indicator_sets)


@pytest.fixture
def indicator_sets(built, db):
    """The Cyrillic indicator sets, by slug; built once per module (tests/conftest.py)."""
    return fresh(built)
