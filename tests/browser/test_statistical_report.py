"""The demo's statistical report on a 360×640 phone: axe finds nothing serious, nothing
scrolls sideways but the wide table's own box, and the CSV's numbers are the page's."""

import csv
import io

import pytest

from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser
REPORT = "/plans-and-reports/statistical-report-2021-06/"


def page_tables(page):
    """The page's counts, table by table (the share table aside: it holds percentages)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('table[data-table]')]
            .filter(t => t.dataset.table !== 'response_share')
            .map(t => [...t.querySelectorAll('[data-count]')].map(c => c.dataset.count))"""
    )


def csv_tables(text):
    rows = list(csv.reader(io.StringIO(text)))
    tables = {}
    for row in rows[5:]:
        if not row:
            break
        tables.setdefault(row[0], []).append(row[3])
    return list(tables.values())


@pytest.fixture
def phone(browser):
    # bypass_csp lets the test inject axe-core; the page itself is unchanged.
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_the_report_reads_on_a_phone_and_its_csv_has_the_pages_numbers(site, phone):
    phone.goto(site + REPORT)
    assert phone.locator("svg.stat-chart[role=img]").count() >= 4
    assert serious_violations(phone) == []
    # The page itself never scrolls sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # Every chart has its title and description, named by aria-labelledby.
    for chart in phone.locator("svg.stat-chart").all():
        ids = chart.get_attribute("aria-labelledby").split()
        assert [phone.locator(f"#{i}").count() for i in ids] == [1, 1]
    link = phone.get_by_role("link", name="CSV")
    href = link.get_attribute("href")
    response = phone.request.get(site + href)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    assert csv_tables(response.text()) == page_tables(phone)


def test_the_plan_shows_the_figure_so_far(site, phone):
    phone.goto(site + "/en/plans-and-reports/work-plan-2021/")
    assert "65 % target, 68.4 % so far" in " ".join(phone.locator("main").inner_text().split())
    assert serious_violations(phone) == []
