"""The demo: a published statistical report, and the 2021 plan's "65 %" indicator showing the
figure so far from it."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def text(response):
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_2021_plan_shows_its_target_and_the_figure_so_far(client):
    english = text(client.get("/en/plans-and-reports/work-plan-2021/"))
    assert "65 % target, 68.4 % so far" in english
    assert "65 %" in text(client.get("/plans-and-reports/work-plan-2021/"))
    assert "68,4 %" in text(client.get("/sr-latn/plans-and-reports/work-plan-2021/"))


def test_the_demo_report_is_published_with_its_csv(client):
    page = text(client.get("/plans-and-reports/statistical-report-2021-06/"))
    assert "Женски" in page
    data = client.get("/plans-and-reports/statistical-report-2021-06/data-csv/")
    assert data.status_code == 200 and "<5" in data.content.decode()
    assert "Ženski" in text(client.get("/sr-latn/plans-and-reports/statistical-report-2021-06/"))
    assert "Female" in text(client.get("/en/plans-and-reports/statistical-report-2021-06/"))
