"""The published report's page and its CSV hold the same numbers; a work plan's linked
indicator shows its target and the figure so far from the last published report only."""

import csv
import io
import re

import pytest

from publications.models import Kind, PublicationPage
from tests.factories import PublicationPageFactory, publish, stream

from .support import YEAR, page_counts, run, year_of_referrals

pytestmark = pytest.mark.django_db


def report(period):
    return PublicationPage.objects.get(
        locale__language_code="sr", kind=Kind.STATISTICAL_REPORT, statistics_period=period
    )


@pytest.fixture
def published_march(site_pages):
    year_of_referrals()
    run("--month", f"{YEAR}-03")
    return publish(report("2025-03"))


def csv_tables(content):
    """The CSV's counts, table by table in order (the last column of each count row)."""
    tables = {}
    rows = list(csv.reader(io.StringIO(content.decode())))
    # The heading block, an empty row and the columns' names come first.
    assert rows[3] == [] and len(rows[4]) == 4
    for row in rows[5:]:
        if not row:
            break
        tables.setdefault(row[0], []).append(row[3])
    return list(tables.values())


def test_the_csv_has_the_pages_numbers(published_march, client):
    page = client.get(published_march.url)
    data = client.get(published_march.url + "data-csv/")
    assert data.status_code == 200 and data["Content-Type"].startswith("text/csv")
    on_page = page_counts(page.content.decode())
    tables = [counts for code, counts in on_page.items() if code != "response_share"]
    assert csv_tables(data.content) == tables
    assert "<5" in data.content.decode() and "x" in sum(tables, [])


def test_a_draft_has_no_public_page_nor_csv(site_pages, client):
    year_of_referrals()
    run("--month", f"{YEAR}-03")
    draft = report("2025-03")
    assert not draft.live
    assert client.get("/plans-and-reports/statistical-report-2025-03/").status_code == 404
    assert client.get("/plans-and-reports/statistical-report-2025-03/data-csv/").status_code == 404


def test_a_publication_without_figures_has_no_csv(site_pages, client):
    plan = PublicationPageFactory(parent=site_pages.page("plans-and-reports"))
    assert client.get(plan.url + "data-csv/").status_code == 404


def plan_with_indicator(site_pages):
    indicator = {
        "text": "Проценат пријава у којима је реаговано у року од недељу дана",
        "target": "65%",
        "statistic": "response_share",
    }
    goal = {
        "number": "1",
        "title": "Општи циљ",
        "description": "",
        "tasks": [],
        "indicators": [indicator],
        "specific_goals": [],
    }
    return PublicationPageFactory(
        parent=site_pages.page("plans-and-reports"),
        year_start=YEAR,
        body=stream(("general_goal", goal)),
    )


def test_the_plan_shows_the_target_and_the_last_published_figure(
    published_march, site_pages, client
):
    plan = plan_with_indicator(site_pages)
    # April's draft (not published) would say 49 of 54: the plan must not show it.
    run("--month", f"{YEAR}-04")
    html = client.get(plan.url).content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    # January to March: 16 and 25 answered within a week, 5 later: 41 of 46.
    assert "65 %" in text and "89,1 %" in text
    assert "90,7" not in text
    assert published_march.url in html
    assert "31. 3. 2025." in text


def test_without_a_published_report_the_plan_shows_the_target_alone(site_pages, client):
    year_of_referrals()
    run("--month", f"{YEAR}-03")
    plan = plan_with_indicator(site_pages)
    text = re.sub(r"<[^>]+>", "", client.get(plan.url).content.decode())
    assert "65%" in text and "89,1" not in text
