"""The demo: a published statistical report, and the 2021 plan's "65 %" indicator showing the
figure so far from it."""

import re

import pytest


def text(response):
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_the_2021_plan_shows_its_target_and_the_figure_so_far(client):
    english = text(client.get("/en/plans-and-reports/work-plan-2021/"))
    assert "65 % target, 68.4 % so far" in english
    assert "65 %" in text(client.get("/plans-and-reports/work-plan-2021/"))
    assert "68,4 %" in text(client.get("/sr-latn/plans-and-reports/work-plan-2021/"))


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_the_demo_report_is_published_with_its_csv(client):
    page = text(client.get("/plans-and-reports/statistical-report-2021-06/"))
    assert "Женски" in page
    data = client.get("/plans-and-reports/statistical-report-2021-06/data-csv/")
    assert data.status_code == 200 and "<5" in data.content.decode()
    assert "Ženski" in text(client.get("/sr-latn/plans-and-reports/statistical-report-2021-06/"))
    assert "Female" in text(client.get("/en/plans-and-reports/statistical-report-2021-06/"))


def test_the_demo_figures_keep_the_publication_rules():
    """Made up by hand, the demo's figures still hide what the command would hide."""
    from demo.loader import read
    from tests.publications.statistical_reports.test_suppression import assert_small_cells_safe

    figures = read("publications")["statistical_report"]["figures"]
    for table in figures["tables"]:
        counts = [row["count"] for row in table["rows"]]
        assert not any(isinstance(n, int) and 0 < n < 5 for n in counts), table["code"]
        if "columns" in table:
            assert_small_cells_safe(
                [row["cells"] for row in table["rows"]],
                counts,
                table["column_totals"],
                table["total"],
            )
        elif "<5" in counts:
            # One way: the hidden cells together are what the total leaves; a "<5" among them
            # must still be anything from 1 to 4.
            left = table["total"] - sum(n for n in counts if isinstance(n, int))
            others = counts.count("x")
            assert others and left - 4 >= 5 * others, table["code"]
    response = figures["response"]
    assert response["urgent_share"] is None or isinstance(response["urgent"], int)
