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


def _latin_strings(page):
    from wagtail_localize.models import StringTranslation

    return {
        row.translation_of.data: (row.data, row.updated_at)
        for row in StringTranslation.objects.filter(
            locale__language_code="sr-latn", context__object_id=page.translation_key
        ).select_related("translation_of")
    }


# The blocks keep their ids from one revision to the next, as the editor's do.
FIRST, SECOND = "5b1c1d0e-0000-4000-8000-000000000001", "5b1c1d0e-0000-4000-8000-000000000002"


def test_a_republish_rewrites_only_the_strings_that_changed():
    """The editor's "Machine translated on…" date of a Latin string is the day its source text
    last changed: publishing the page again with one paragraph edited rewrites that one."""
    about = Page.objects.get(locale__language_code="sr", slug="about").specific
    about.body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Први пасус.</p>", "id": FIRST},
            {"type": "paragraph", "value": "<p>Други пасус.</p>", "id": SECOND},
        ]
    )
    about.save_revision().publish()
    before = _latin_strings(about)
    assert before["Први пасус."][0] == "Prvi pasus."

    about.body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Први пасус.</p>", "id": FIRST},
            {"type": "paragraph", "value": "<p>Трећи пасус.</p>", "id": SECOND},
        ]
    )
    about.save_revision().publish()
    after = _latin_strings(about)
    assert after["Први пасус."] == before["Први пасус."]
    assert after["Трећи пасус."][0] == "Treći pasus."
    assert after["Трећи пасус."][1] > before["Први пасус."][1]
    assert latin_of(about).body[1].value.source == "<p>Treći pasus.</p>"


def test_a_latin_copy_is_indexed_once_as_it_ends_up(client):
    """Making the Latin copy saves it five times; its search and reference index updates ran
    after each save. They run once, after the last, and the indexes are as before: the Latin
    page is found by its final words and lists the page its text links to."""
    from django_tasks.signals import task_started
    from wagtail.models import ReferenceIndex

    ran = []

    def count(sender, task_result, **kwargs):
        ran.append((task_result.task.name, task_result.args[1:]))

    help_page = Page.objects.get(locale__language_code="sr", slug="help")
    safety = Page.objects.get(locale__language_code="sr", slug="safety")
    page = StandardPage(
        title="Склониште за жртве",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": f'<p>Види <a linktype="page" id="{safety.pk}">безбедност</a>.</p>',
                }
            ]
        ),
    )
    help_page.add_child(instance=page)
    task_started.connect(count)
    try:
        page.save_revision().publish()
    finally:
        task_started.disconnect(count)

    latin = latin_of(page)
    for task in ("insert_or_update_object_task", "update_reference_index_task"):
        assert ran.count((task, ["standardpage", str(latin.pk)])) == 1, ran
    response = client.get("/sr-latn/search/", {"q": "sklonište"})
    assert f'href="{latin.url}"' in response.content.decode()
    referenced = {row.to_object_id for row in ReferenceIndex.get_references_for_object(latin)}
    assert str(safety.pk) in referenced
