"""The indicator sets: the printable list of each sector has every indicator, the Latin set
follows a Cyrillic edit, the English one is a wagtail-localize translation, and the admin marks
a demo list."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.utils.html import escape
from wagtail.models import Locale
from wagtail_localize.models import Translation

from identification.check import groups_of
from identification.models import IndicatorSetPage
from tests.identification.conftest import SECTORS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("indicator_sets")]


@pytest.mark.parametrize("language", ["sr", "sr-latn", "en"])
def test_the_print_view_lists_every_indicator_of_every_sector(client, language):
    sets = IndicatorSetPage.objects.live().filter(locale__language_code=language)
    assert sets.count() == len(SECTORS)
    for indicator_set in sets:
        response = client.get(indicator_set.url)
        assert response.status_code == 200
        html = response.content.decode()
        indicators = [i for g in groups_of(indicator_set) for i in g.indicators]
        assert indicators
        for indicator in indicators:
            assert escape(indicator.text) in html
            assert escape(indicator.explanation) in html
        assert html.count('class="indicator"') == len(indicators)


def test_the_stylesheet_has_a_print_layout():
    css = open(finders.find("css/identification.css"), encoding="utf-8").read()
    assert "@media print" in css
    assert ".indicator-group" in css


def test_the_latin_set_follows_a_cyrillic_edit(client):
    source = IndicatorSetPage.objects.get(slug="schools", locale__language_code="sr")
    raw = json.loads(json.dumps(source.groups.get_prep_value()))
    first = raw[0]["value"]["indicators"][0]
    first["value"]["text"] = "Дете каже да му је џепарац одузео љубазни ђак."
    source.groups = json.dumps(raw)
    source.save_revision().publish()

    latin = source.get_translation(Locale.objects.get(language_code="sr-latn")).specific
    text = latin.groups[0].value["indicators"].bound_blocks[0].value["text"]
    assert text == "Dete kaže da mu je džeparac oduzeo ljubazni đak."
    assert text in client.get(latin.url).content.decode()


def test_the_english_set_is_a_translation_in_the_translation_workflow():
    source = IndicatorSetPage.objects.get(slug="schools", locale__language_code="sr")
    english = Locale.objects.get(language_code="en")
    assert Translation.objects.filter(
        source__object_id=source.translation_key, target_locale=english
    ).exists()
    assert source.get_translation(english).title == "Schools"


def test_the_admin_marks_a_demo_list():
    indicator_set = IndicatorSetPage.objects.get(slug="schools", locale__language_code="sr")
    assert indicator_set.demo
    assert indicator_set.get_admin_display_title() != indicator_set.title
    indicator_set.demo = False
    assert indicator_set.get_admin_display_title() == indicator_set.title


def test_the_admin_page_list_shows_the_demo_marker(admin_client):
    index = IndicatorSetPage.objects.filter(locale__language_code="sr").first().get_parent()
    response = admin_client.get(f"/admin/pages/{index.pk}/")
    assert response.status_code == 200
    assert "(demo, to be replaced by the official list)" in response.content.decode()
