"""The referral statistics in the admin and as CSV: for coordinators only, in English or Serbian."""

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from referrals.choices import Priority
from referrals.models import Referral
from referrals.triage import statistics
from tests.referrals.statistics.support import (
    BELGRADE,
    DAY,
    HOUR,
    NOW,
    YEAR,
    row,
    table_counts,
)
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db


def test_the_csv_rows_carry_every_figure(referrals):
    report = statistics.build_report(YEAR)
    rows = statistics.csv_rows(report)
    assert rows[0] == ["Referral statistics", "2025"]
    assert ["Total referrals", report.total] in rows
    assert ["Month", "2025-03", "March", table_counts(report.months)["2025-03"]] in rows
    assert ["Gender", "female", "Female", table_counts(report.breakdowns[4])["female"]] in rows
    assert ["Share answered within 7 days (%)", report.response.share] in rows
    assert [
        "Share of urgent referrals answered within 24 hours (%)",
        report.response.urgent.share,
    ] in rows
    assert ["First response to urgent referrals", "within", "Answered within 24 hours"] in [
        r[:3] for r in rows
    ]
    assert ["Target met", "yes" if report.response.met else "no"] in rows
    names = {w.name for w in report.workload}
    assert {r[0] for r in rows if r and r[0] in names} == names


def test_a_spreadsheet_formula_in_a_name_is_defused():
    user = make_staff("Triage", username="=HYPERLINK(1)", device=False)
    Referral.objects.bulk_create(
        [row(datetime.datetime(2018, 3, 3, tzinfo=BELGRADE), assignee=user)]
    )
    rows = statistics.csv_rows(statistics.build_report(2018))
    assert ["'=HYPERLINK(1)", 1, 1, 0, 0] in rows


# The admin pages.


def test_an_editor_gets_403_and_a_coordinator_the_report(referrals):
    url = reverse("referrals_statistics")
    editor = signed_in(make_staff("Editor"))
    assert editor.get(url, {"year": YEAR}).status_code == 403
    assert editor.get(reverse("referrals_statistics_csv"), {"year": YEAR}).status_code == 403

    coordinator = signed_in(make_staff("Coordinator"))
    response = coordinator.get(url, {"year": YEAR})
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    html = response.content.decode()
    with translation.override("en"):  # a request leaves its own language active
        report = statistics.build_report(YEAR)
    assert "Referrals 2025" in html
    assert f"<strong>{report.total}</strong>" in html
    # The chart: an accessible SVG with a bar per month, no script, no style attribute.
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    svg = html[start : html.index("</svg>", start)]
    assert '<title id="chart-title">Referrals per month, 2025</title>' in svg
    assert svg.count("<rect ") == sum(1 for r in report.months.rows if r.count)
    assert "style=" not in svg and "<script" not in svg
    # The tables are the text version: captions and header cells with a scope.
    assert "<caption>Month: referrals received in 2025</caption>" in html
    assert '<th scope="row">March</th>' in html
    assert "Workload per staff member" in html
    assert f"{reverse('referrals_statistics_csv')}?year=2025" in html


def test_a_superuser_sees_the_report():
    client = signed_in(make_staff(superuser=True))
    assert client.get(reverse("referrals_statistics")).status_code == 200


def test_a_month_and_the_publication_version_in_the_admin(referrals):
    client = signed_in(make_staff("Coordinator"))
    html = client.get(
        reverse("referrals_statistics"), {"year": YEAR, "month": 3, "publication": "1"}
    ).content.decode()
    assert "Referrals March 2025, for publication" in html
    assert "Workload per staff member" not in html
    assert "<svg xmlns" not in html  # a month has no per-month chart
    assert "&lt;5" in html
    assert "year=2025&amp;month=3&amp;publication=1" in html


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1800"},
        {"year": "99999999999999999999"},
        {"year": "2025", "month": "13"},
        {"year": "2025", "month": "x"},
    ],
)
def test_bad_parameters_show_a_form_error_not_a_500(query):
    client = signed_in(make_staff("Coordinator"))
    response = client.get(reverse("referrals_statistics"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The period asked for is not valid" in html
    assert "error-message" in html or "w-field__errors" in html
    # The CSV of a hand-edited link sends to the page that says what is wrong.
    response = client.get(reverse("referrals_statistics_csv"), query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("referrals_statistics"))


def test_the_csv_export(referrals):
    client = signed_in(make_staff("Coordinator"))
    response = client.get(reverse("referrals_statistics_csv"), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="referrals-2025.csv"'
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    with translation.override("en"):  # a request leaves its own language active
        report = statistics.build_report(YEAR)
    assert rows[0] == ["Referral statistics", "2025"]
    assert ["Total referrals", str(report.total)] in rows
    for line in report.months.rows:
        assert ["Month", line.code, line.label, str(line.count)] in rows
    assert ["Staff member", "Assigned", "Still open", "Answered", "Closed"] in rows

    response = client.get(
        reverse("referrals_statistics_csv"), {"year": YEAR, "month": 2, "publication": "1"}
    )
    assert 'filename="referrals-2025-02-publication.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Staff member" not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert ["For publication", "yes"] in rows
    values = [r[3] for r in rows if len(r) == 4 and r[0] != "Table"]
    assert values and all(v in ("<5", "x") or v == "0" or int(v) >= 5 for v in values)


def test_the_csv_for_serbian_spreadsheets_uses_semicolons_and_a_decimal_comma(referrals):
    client = signed_in(make_staff("Coordinator"))
    page = client.get(reverse("referrals_statistics"), {"year": YEAR}).content.decode()
    url = reverse("referrals_statistics_csv_semicolon")
    assert f"{url}?year=2025" in page
    assert "CSV for Serbian spreadsheets (semicolons)" in page

    response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="referrals-2025-semicolon.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    with translation.override("en"):  # a request leaves its own language active
        report = statistics.build_report(YEAR)
    assert rows[0] == ["Referral statistics", "2025"]
    assert ["Total referrals", str(report.total)] in rows
    for line in report.months.rows:
        assert ["Month", line.code, line.label, str(line.count)] in rows
    shares = {r[0]: r[1] for r in rows if len(r) == 2}
    share = shares["Share answered within 7 days (%)"]
    assert share == f"{report.response.share:.1f}".replace(".", ",") and "," in share
    urgent = shares["Share of urgent referrals answered within 24 hours (%)"]
    assert urgent == f"{report.response.urgent.share:.1f}".replace(".", ",")
    assert "." not in shares["Median time to first response (hours)"]

    response = client.get(url, {"year": YEAR, "month": 2, "publication": "1"})
    assert (
        'filename="referrals-2025-02-publication-semicolon.csv"' in response["Content-Disposition"]
    )
    text = response.content.decode("utf-8-sig")
    assert "Staff member" not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["For publication", "yes"] in rows
    values = [r[3] for r in rows if len(r) == 4 and r[0] != "Table"]
    assert values and all(v in ("<5", "x") or v == "0" or int(v) >= 5 for v in values)
    # A hand-edited link goes to the page that says what is wrong; others get 403.
    assert client.get(url, {"year": "abc"}).status_code == 302
    editor = signed_in(make_staff("Editor"))
    assert editor.get(url, {"year": YEAR}).status_code == 403


def test_the_page_shows_the_open_referrals_and_the_urgent_measure():
    Referral.objects.bulk_create(
        [
            row(NOW - 2 * DAY),
            row(NOW - 10 * DAY),
            row(NOW - 3 * DAY, priority=Priority.URGENT, responded_at=NOW - 3 * DAY + 23 * HOUR),
            row(NOW - 3 * DAY, priority=Priority.URGENT, responded_at=NOW - 3 * DAY + 30 * HOUR),
        ]
    )
    with time_machine.travel(NOW, tick=False):
        client = signed_in(make_staff("Coordinator"))
        html = client.get(reverse("referrals_statistics"), {"year": 2026, "month": 5})
    html = html.content.decode()
    assert '<th scope="row">Not answered yet, still within the deadline</th>' in html
    assert '<th scope="row">Not answered, past the deadline</th>' in html
    assert "<caption>First response to urgent referrals: referrals received in May 2026" in html
    assert "Urgent referrals answered within 24 hours" in html
    assert "50.0 %" in html
    assert "are left out of the share" in html


def test_the_csv_is_readable_in_serbian_cyrillic(referrals):
    user = make_staff("Coordinator")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sr"
    profile.save()
    client = signed_in(user)
    response = client.get(reverse("referrals_statistics_csv"), {"year": YEAR})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    # Whatever the catalogue translates, the month names are Django's own Cyrillic ones.
    assert "март" in text.lower()


def test_the_coordinator_group_has_the_report_permission():
    perms = Group.objects.get(name="Coordinator").permissions.values_list("codename", flat=True)
    assert "report_referral" in perms


@pytest.mark.parametrize("publication", ["", "1"])
def test_the_report_in_serbian_for_staff_who_chose_it(referrals, publication):
    from wagtail.users.models import UserProfile

    user = make_staff("Coordinator")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sr"
    profile.save()
    client = signed_in(user)
    query = {"year": YEAR, "publication": publication}
    html = client.get(reverse("referrals_statistics"), query).content.decode()
    assert "Пријаве по месецима" in html and "Медијана" in html
    assert "Удео одговорених у року од 7 дана" in html or "циљ 65 %" in html
    assert "Referrals per month" not in html
    csv_text = client.get(reverse("referrals_statistics_csv"), query).content.decode()
    assert "Укупно" in csv_text
