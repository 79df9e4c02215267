"""Search finds Cyrillic text from a Latin query and the reverse, in the reader's language."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.search import search_terms
from publications.models import Kind
from tests.conftest import kept
from tests.factories import (
    MinimalSite,
    PublicationPageFactory,
    StandardPageFactory,
    stream,
    translate,
)

pytestmark = pytest.mark.django_db

PLAN_TEXT = "Поступак идентификације жртава трговине људима."


@pytest.fixture(scope="module", autouse=True)
def pages(django_db_setup, django_db_blocker):
    """A Cyrillic plan, a plan written in Latin and a help page, with their Latin and English
    translations, on the minimal site; made once for the module, which only reads them."""
    with kept(django_db_blocker):
        with django_db_blocker.unblock():
            make_pages(MinimalSite())
        yield


def make_pages(site_pages):
    archive = site_pages.page("plans-and-reports")
    plan = PublicationPageFactory(
        parent=archive, slug="work-plan-2021", title="План рада за 2021.",
        body=stream(("paragraph", f"<p>{PLAN_TEXT}</p>")),
    )  # fmt: skip
    action_plan = PublicationPageFactory(
        parent=archive, slug="action-plan-2017-2018", title="Akcioni plan za 2017. i 2018.",
        kind=Kind.ACTION_PLAN, year_start=2017, year_end=2018,
    )  # fmt: skip
    what_to_do = StandardPageFactory(
        parent=site_pages.page("help"), slug="what-to-do", title="Шта радити?",
        body=stream(("paragraph", "<p>Понеси пасош или личну карту.</p>")),
    )  # fmt: skip
    english = {
        "План рада за 2021.": "Work plan for 2021",
        PLAN_TEXT: "Identifying the victims of human trafficking.",
    }
    for page in (plan, action_plan, what_to_do):
        translate(page, texts=english)


def result_urls(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return [
        line.split('href="')[1].split('"')[0]
        for line in html.splitlines()
        if "<h2><a href=" in line
    ]


def test_latin_query_finds_cyrillic_text(client):
    urls = result_urls(client, "/search/", "trgovina ljudima")
    assert "/plans-and-reports/work-plan-2021/" in urls
    assert all(not url.startswith(("/en/", "/sr-latn/")) for url in urls)


def test_cyrillic_query_finds_text_on_the_latin_site(client):
    urls = result_urls(client, "/sr-latn/search/", "трговина људима")
    assert "/sr-latn/plans-and-reports/work-plan-2021/" in urls


def test_cyrillic_query_finds_a_document_written_in_latin(client):
    urls = result_urls(client, "/search/", "акциони план")
    assert "/plans-and-reports/action-plan-2017-2018/" in urls


def test_query_without_diacritics_and_in_another_case_form(client):
    assert "/help/what-to-do/" in result_urls(client, "/search/", "pasos licnu kartu")
    assert "/plans-and-reports/work-plan-2021/" in result_urls(client, "/search/", "идентификације")


def test_english_search_stays_in_english(client):
    urls = result_urls(client, "/en/search/", "trafficking")
    assert urls and all(url.startswith("/en/") for url in urls)


def test_search_terms_meet_across_scripts():
    assert search_terms("Трговина људима") == search_terms("trgovine ljudima")
    assert search_terms("ŽRTVE, Đaci!") == search_terms("жртва ђаци")
    assert search_terms('"OR(* -- ;') == "or"


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_query_is_answered_without_error(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_publishing_builds_a_pages_search_text_once_per_version(site_pages, monkeypatch):
    """The search index reads a page's folded text for each of its columns (the SQLite backend
    three times, PostgreSQL's twice) on every save of the publish: building it once per version
    of the page makes publishing a long plan cheaper for its editor."""
    from core.models import pages

    built = []
    monkeypatch.setattr(pages, "search_terms", lambda text: built.append(text) or text.lower())
    page = StandardPageFactory(
        parent=site_pages.page("help"), slug="once", title="Прво",
        body=stream(("paragraph", "<p>Текст који се тражи.</p>")),
    )  # fmt: skip
    page.title = "Једном"
    page.save_revision().publish()
    assert len([text for text in built if "Једном" in text]) == 1


def test_a_body_changed_in_place_is_searched_as_it_is_now(client, site_pages):
    """The search text built once is built again when the text changes, even on the same page
    object in memory (as the importer updates a plan)."""
    page = StandardPageFactory(
        parent=site_pages.page("help"), slug="changed", title="Страна",
        body=stream(("paragraph", "<p>Стара реченица.</p>")),
    )  # fmt: skip
    page.save_revision().publish()
    page.body[0].value = type(page.body[0].value)("<p>Сасвим нова реченица.</p>")
    page.save_revision().publish()
    assert "/help/changed/" in result_urls(client, "/search/", "sasvim nova")
    assert "/help/changed/" not in result_urls(client, "/search/", "stara")


def test_a_search_text_built_in_one_language_is_not_reused_in_another(site_pages):
    """An indicator's "figure so far" is searched by its label, in the language active when the
    page is saved: the text remembered for one language is not given for another."""
    from django.utils import translation

    indicator = {"text": "Упућивања", "target": "130", "statistic": "referrals"}
    goal = {"number": "1", "title": "Циљ", "description": "", "tasks": [],
            "indicators": [indicator], "specific_goals": []}  # fmt: skip
    plan = PublicationPageFactory(
        parent=site_pages.page("plans-and-reports"), slug="labels",
        body=stream(("general_goal", goal)),
    )  # fmt: skip
    with translation.override("en"):
        english = plan.folded_search_text()
    with translation.override("sr"):
        serbian = plan.folded_search_text()
    assert "received" in english
    assert "received" not in serbian
