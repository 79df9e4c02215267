"""The Latin site is derived from the Cyrillic source and follows it without anyone typing it."""

import json

import pytest
from wagtail.models import Locale, Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def latin_of(page):
    return page.get_translation(Locale.objects.get(language_code="sr-latn")).specific


def test_publishing_a_cyrillic_edit_updates_the_latin_page(client):
    about = Page.objects.get(locale__language_code="sr", slug="about").specific
    about.title = "О Центру и његовом раду"
    about.body = json.dumps([{"type": "paragraph", "value": "<p>Љубазно џепно ђачко</p>"}])
    about.save_revision().publish()

    latin = latin_of(about)
    assert latin.title == "O Centru i njegovom radu"
    html = client.get("/sr-latn/about/").content.decode()
    assert "Ljubazno džepno đačko" in html


def test_a_new_cyrillic_page_gets_a_latin_page_with_an_ascii_slug(client):
    help_page = Page.objects.get(locale__language_code="sr", slug="help")
    page = StandardPage(title="Права жртава", intro="Шта ти закон гарантује.")
    help_page.add_child(instance=page)
    page.save_revision().publish()

    assert page.slug == "prava-zrtava"
    assert client.get("/help/prava-zrtava/").status_code == 200
    response = client.get("/sr-latn/help/prava-zrtava/")
    assert response.status_code == 200
    assert "Prava žrtava" in response.content.decode()


def test_a_draft_does_not_reach_the_latin_site(client):
    about = Page.objects.get(locale__language_code="sr", slug="about").specific
    about.title = "Нацрт наслова"
    about.save_revision()
    assert latin_of(about).title == "O Centru"


def test_unpublishing_the_source_unpublishes_the_latin_page(client):
    safety = Page.objects.get(locale__language_code="sr", slug="safety").specific
    safety.unpublish()
    assert client.get("/sr-latn/safety/").status_code == 404


def test_deleting_the_source_deletes_the_latin_page():
    safety = Page.objects.get(locale__language_code="sr", slug="safety")
    key = safety.translation_key
    safety.delete()
    assert not Page.objects.filter(translation_key=key, locale__language_code="sr-latn").exists()


def test_page_tree_stays_consistent():
    # Stale child counts would hide pages from routing (treebeard's own consistency check).
    problems = Page.find_problems()
    assert all(not found for found in problems), problems


@pytest.mark.parametrize("language", ["sr-latn", "en"])
def test_translations_are_managed_by_wagtail_localize(language, admin_client):
    from wagtail_localize.models import Translation

    about = Page.objects.get(locale__language_code="sr", slug="about")
    assert Translation.objects.filter(
        source__object_id=about.translation_key, target_locale__language_code=language
    ).exists()
    target = about.get_translation(Locale.objects.get(language_code=language))
    response = admin_client.get(f"/admin/pages/{target.pk}/edit/")
    assert response.status_code == 200
