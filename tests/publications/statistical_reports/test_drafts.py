"""The monthly command drafts the report from a year of referrals with known numbers: the
figures match, the draft is one and stays a draft, a published report is never touched."""

import re

import pytest
from django.core import mail

from publications.models import Kind, PublicationPage
from tests.factories import publish
from tests.staff import make_staff

from .support import (
    MARCH,
    MARCH_PROFESSIONAL,
    MARCH_TOTAL,
    OTHER_MONTHS,
    YEAR,
    run,
    table,
    year_of_referrals,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals(site_pages, settings):
    settings.STATISTICAL_REPORT_EMAILS = ["editor@centar.example"]
    return year_of_referrals()


def reports(period):
    return PublicationPage.objects.filter(
        locale__language_code="sr", kind=Kind.STATISTICAL_REPORT, statistics_period=period
    )


def test_the_draft_has_the_months_figures(referrals):
    out = run("--month", f"{YEAR}-03")
    assert "Created the draft report 2025-03" in out
    page = reports("2025-03").get()
    assert not page.live and page.first_published_at is None
    figures = page.figures
    assert figures["total"] == MARCH_TOTAL
    # 27 public and 3 professional: the 3 is hidden, and the 27 with it (30 - 27 = 3).
    assert MARCH_PROFESSIONAL == 3
    assert [row["count"] for row in table(figures, "channel")["rows"]] == ["x", "<5"]
    assert figures["response"]["share"] == round(100 * 25 / 30, 1)
    response = {row["code"]: row["count"] for row in table(figures, "response")["rows"]}
    assert response == {"within": 25, "later": 5, "overdue": 0, "open": 0}
    grid = table(figures, "age_gender")
    assert grid["total"] == MARCH_TOTAL
    # Every figure of the two-way table is the true count, or hidden.
    true = {(age.value, gender.value): n for age, gender, n in MARCH}
    columns = [column["code"] for column in grid["columns"]]
    for row in grid["rows"]:
        for column, cell in zip(columns, row["cells"], strict=True):
            assert cell in ("<5", "x", true.get((row["code"], column), 0))
        row_total = sum(n for (age, _g), n in true.items() if age == row["code"])
        assert row["count"] in ("<5", "x", row_total)
    assert {row["code"]: row["count"] for row in grid["rows"]}["18-25"] == 18
    assert [row["count"] for row in table(figures, "exploitation_type")["rows"]][:2] == [0, 30]
    # The year so far: January and February's 16 and March's 30, to the nearest 5.
    assert figures["year_to_date"]["referrals"] == 45
    assert figures["year_to_date"]["through"] == "2025-03-31"


def test_the_draft_is_in_cyrillic_with_an_english_translation_started(referrals):
    run("--month", f"{YEAR}-03")
    page = reports("2025-03").get()
    assert "март" in page.title
    english = page.get_translations().get(locale__language_code="en").specific
    assert not english.live
    assert english.figures == page.figures


def test_the_editor_is_told_with_a_link_and_no_figures(referrals):
    run("--month", f"{YEAR}-03")
    page = reports("2025-03").get()
    [message] = mail.outbox
    assert message.to == ["editor@centar.example"]
    assert f"/admin/pages/{page.pk}/edit/" in message.body
    # Besides the link, the only number is the period's year: no figure is sent.
    words = re.sub(r"https?://\S+", "", message.subject + message.body)
    assert set(re.findall(r"\d+", words)) <= {str(YEAR)}


def test_running_twice_leaves_one_draft(referrals):
    run("--month", f"{YEAR}-03")
    out = run("--month", f"{YEAR}-03")
    assert "Updated the draft report 2025-03" in out
    assert reports("2025-03").count() == 1


def test_a_published_report_is_left_alone_and_the_command_says_so(referrals):
    run("--month", f"{YEAR}-03")
    page = publish(reports("2025-03").get())
    revision = page.latest_revision_id
    year_of_referrals()  # more referrals: the figures would change
    out = run("--month", f"{YEAR}-03")
    assert "Left alone" in out and "published" in out
    page.refresh_from_db()
    assert page.latest_revision_id == revision
    assert page.figures["total"] == MARCH_TOTAL
    assert reports("2025-03").count() == 1


def test_publishing_derives_the_latin_page_with_the_figures(referrals, client):
    run("--month", f"{YEAR}-03")
    page = publish(reports("2025-03").get())
    latin = page.get_translations().get(locale__language_code="sr-latn").specific
    assert latin.live and latin.figures == page.figures
    html = client.get(latin.url).content.decode()
    assert "Ženski" in html and "Женски" not in html


def test_the_annual_report_counts_the_year(referrals):
    run("--year", str(YEAR))
    figures = reports(str(YEAR)).get().figures
    assert figures["total"] == MARCH_TOTAL + 11 * OTHER_MONTHS
    months = [row["count"] for row in table(figures, "month")["rows"]]
    assert months == [8, 8, 30, *[8] * 9]


def test_without_arguments_the_previous_month_and_in_january_the_year(referrals, monkeypatch):
    import datetime

    from reporting.management.commands import draft_statistical_report as command

    monkeypatch.setattr(command.timezone, "localdate", lambda: datetime.date(YEAR + 1, 1, 1))
    out = run()
    assert "2025-12" in out and "report 2025 " in out
    assert reports("2025-12").count() == 1 and reports("2025").count() == 1
    assert all(not page.live for page in [*reports("2025-12"), *reports("2025")])


def test_without_a_setting_the_editor_group_is_told(site_pages, settings):
    settings.STATISTICAL_REPORT_EMAILS = []
    editor = make_staff("Editor", device=False)
    editor.email = "urednica@centar.example"
    editor.save()
    make_staff("Triage", device=False)
    year_of_referrals()
    run("--month", f"{YEAR}-03")
    assert [message.to for message in mail.outbox] == [["urednica@centar.example"]]
