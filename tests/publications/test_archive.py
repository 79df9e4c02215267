"""The "Plans and reports" archive: filters that are plain links, stable kind URLs, a feed."""

import re
import xml.etree.ElementTree as ET

import pytest

from publications.models import PublicationIndexPage, PublicationPage
from tests.conftest import parse_page

pytestmark = pytest.mark.django_db
# The archive with the four seeds, for the tests of what it lists (tests/publications/conftest.py).
seeds = pytest.mark.usefixtures("seed_publications")
ATOM = "{http://www.w3.org/2005/Atom}"


def titles(response):
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'class="publication-item__title"><a href="[^"]*">([^<]*)</a>', html)


@seeds
def test_archive_lists_the_four_seed_documents_newest_first(client):
    listed = titles(client.get("/plans-and-reports/"))
    assert listed == [
        "Извештај о раду Центра за 2023. годину",
        "План рада за 2021. годину",
        "План рада Центра за заштиту жртава трговине људима за 2019. годину",
        "Akcioni plan za sprovođenje Strategije prevencije i suzbijanja trgovine ljudima, "
        "posebno ženama i decom i zaštite žrtava za 2017. i 2018. godinu",
    ]


@seeds
def test_filter_by_kind_has_a_stable_url(client):
    assert len(titles(client.get("/plans-and-reports/kind/work-plans/"))) == 2
    assert len(titles(client.get("/plans-and-reports/kind/action-plans/"))) == 1
    assert client.get("/plans-and-reports/kind/no-such-kind/").status_code == 404


@seeds
def test_filter_by_year_includes_plans_spanning_it(client):
    assert titles(client.get("/plans-and-reports/?year=2018"))[0].startswith("Akcioni plan")
    assert len(titles(client.get("/plans-and-reports/?year=2021"))) == 1
    assert titles(client.get("/plans-and-reports/kind/work-plans/?year=2018")) == []


@pytest.mark.usefixtures("site_pages")
@pytest.mark.parametrize("query", ["?year=abc", "?year=99999", "?page=0", "?page=x", "?page=9"])
def test_bad_filter_values_are_a_404_not_an_error(client, query):
    assert client.get(f"/plans-and-reports/{query}").status_code == 404


@seeds
def test_filters_are_links_that_work_without_javascript(client):
    parsed = parse_page(client.get("/plans-and-reports/").content.decode())
    assert "/plans-and-reports/kind/work-reports/" in parsed.links
    assert "?year=2017" in parsed.links


@seeds
def test_archive_paginates(client):
    archive = PublicationIndexPage.objects.get(locale__language_code="sr")
    for year in range(1990, 2015):
        archive.add_child(
            instance=PublicationPage(
                title=f"Статистички извештај {year}",
                slug=f"stat-{year}",
                kind="statistical_report",
                year_start=year,
                year_end=year,
            )
        )
    first = titles(client.get("/plans-and-reports/"))
    second = titles(client.get("/plans-and-reports/?page=2"))
    assert len(first) == archive.per_page and len(second) == 29 - archive.per_page
    assert not set(first) & set(second)


@seeds
def test_each_language_has_its_archive(client):
    assert len(titles(client.get("/sr-latn/plans-and-reports/"))) == 4
    english = titles(client.get("/en/plans-and-reports/"))
    assert "Work plan for 2021" in english


@seeds
def test_english_page_says_the_full_text_is_in_serbian(client):
    html = client.get("/en/plans-and-reports/work-plan-2021/").content.decode()
    assert "This document is published in Serbian" in html
    assert 'lang="sr-Cyrl"' in html


@seeds
def test_feed_lists_publications_as_atom(client):
    response = client.get("/plans-and-reports/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert "http://testserver/plans-and-reports/work-plan-2021/" in links
    html = client.get("/plans-and-reports/").content.decode()
    assert 'type="application/atom+xml"' in html


@seeds
def test_english_feed_has_english_titles(client):
    feed = ET.fromstring(client.get("/en/plans-and-reports/feed/").content)
    assert any(
        entry.find(f"{ATOM}title").text.startswith("Work plan for 2021")
        for entry in feed.findall(f"{ATOM}entry")
    )


@seeds
def test_preview_shows_the_draft_not_the_cached_live_body(admin_client, client):
    import json

    page = PublicationPage.objects.get(locale__language_code="sr", slug="work-report-2023")
    assert "Сви циљеви" in client.get(page.url).content.decode()  # the live body is cached now
    page.body = json.dumps([{"type": "paragraph", "value": "<p>Нацрт нове верзије</p>"}])
    revision = page.save_revision()
    preview = admin_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert preview.status_code == 200
    assert "Нацрт нове верзије" in preview.content.decode()
    assert "Нацрт нове верзије" not in client.get(page.url).content.decode()
