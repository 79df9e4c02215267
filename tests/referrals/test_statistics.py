"""The referral statistics: a generated year of referrals (fixed seed) is counted again here in
plain Python, and the report must agree figure by figure; publication hides every count under
5 so that none can be worked out from the others; the admin pages are for coordinators only."""

import csv
import datetime
import io
import random
import statistics as pystats
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from referrals.choices import (
    AgeBand,
    Channel,
    ExploitationType,
    Gender,
    Outcome,
    Priority,
    ReferrerType,
    Status,
)
from referrals.models import Referral
from referrals.triage import statistics
from tests.referrals.support import referral_row
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

BELGRADE = ZoneInfo("Europe/Belgrade")
UTC = datetime.UTC
YEAR = 2025
SEVEN_DAYS = datetime.timedelta(days=7)
FINISHED = {Status.CLOSED, Status.SPAM}
CATEGORY_CHOICES = {
    "channel": Channel,
    "referrer_type": ReferrerType,
    "exploitation_type": ExploitationType,
    "age_band": AgeBand,
    "gender": Gender,
    "outcome": Outcome,
}


def row(received_at, **fields):
    """One Referral with coarse fields only (nothing is ever decrypted by the statistics)."""
    return referral_row(received_at=received_at, **{"gender": Gender.FEMALE, **fields})


def weighted(rng, choices, heavy=3):
    """A choice where the first few values are common, the rest rare, the last very rare (a
    count under 5 in a year, which publication must hide)."""
    values = [c.value for c in choices]
    weights = [10 if n < heavy else 1 for n in range(len(values))]
    weights[-1] = 0.1
    return rng.choices(values, weights)[0]


def generate(staff, seed=20250101, count=600):
    """A year of referrals, and a few just outside it, with every field drawn at random."""
    rng = random.Random(seed)
    # From a few days before the year to a few days after, in UTC: the Belgrade-local month
    # boundaries fall an hour or two away from UTC ones.
    first = datetime.datetime(YEAR - 1, 12, 28, tzinfo=UTC)
    span = int((datetime.datetime(YEAR + 1, 1, 4, tzinfo=UTC) - first).total_seconds())
    rows = []
    for _ in range(count):
        received = first + datetime.timedelta(seconds=rng.randrange(span))
        rows.append(random_row(rng, received, staff))
    # Edges: just inside and outside the year in Belgrade time (UTC+1 in winter), a month
    # boundary in summer time (UTC+2), and a response exactly 7 days after receipt.
    for received in [
        datetime.datetime(YEAR - 1, 12, 31, 22, 59, 59, tzinfo=UTC),  # 23:59:59 on 31 Dec
        datetime.datetime(YEAR - 1, 12, 31, 23, 0, 0, tzinfo=UTC),  # 00:00 on 1 Jan
        datetime.datetime(YEAR, 6, 30, 22, 30, tzinfo=UTC),  # 00:30 on 1 July
        datetime.datetime(YEAR, 12, 31, 22, 59, 59, tzinfo=UTC),  # last second of the year
        datetime.datetime(YEAR, 12, 31, 23, 0, 0, tzinfo=UTC),  # next year already
    ]:
        rows.append(random_row(rng, received, staff))
    exact = random_row(rng, datetime.datetime(YEAR, 3, 10, 9, tzinfo=UTC), staff)
    exact.responded_at = exact.received_at + SEVEN_DAYS
    exact.status = Status.IN_ASSESSMENT
    rows.append(exact)
    late = random_row(rng, datetime.datetime(YEAR, 3, 11, 9, tzinfo=UTC), staff)
    late.responded_at = late.received_at + SEVEN_DAYS + datetime.timedelta(seconds=1)
    late.status = Status.IN_ASSESSMENT
    rows.append(late)
    Referral.objects.bulk_create(rows)
    return rows


def random_row(rng, received, staff):
    fields = {
        "channel": rng.choice([c.value for c in Channel]),
        "priority": rng.choice([Priority.URGENT, Priority.NORMAL]),
        "referrer_type": weighted(rng, ReferrerType, heavy=5),
        "exploitation_type": weighted(rng, ExploitationType),
        "age_band": weighted(rng, AgeBand, heavy=4),
        "gender": weighted(rng, Gender, heavy=2),
        "is_minor": rng.random() < 0.3,
        "assignee": rng.choice([*staff, None]),
        "outcome": weighted(rng, Outcome, heavy=3),
    }
    if rng.random() < 0.85:
        hours = rng.uniform(0.1, 24 * 20)
        fields["responded_at"] = received + datetime.timedelta(hours=hours)
        fields["status"] = rng.choice([s.value for s in Status if s != Status.NEW])
        if fields["status"] in FINISHED:
            fields["closed_at"] = fields["responded_at"] + datetime.timedelta(days=1)
            if rng.random() < 0.3:
                # Retention destroyed the sealed data: the coarse row stays and is counted.
                fields["destroyed_at"] = fields["closed_at"] + datetime.timedelta(days=730)
                fields["sealed_answers"] = None
                fields["followup_secret_hash"] = ""
    else:
        fields["status"] = Status.NEW
    return row(received, **fields)


def in_period(rows, year, month=None):
    def local(r):
        return r.received_at.astimezone(BELGRADE)

    return [r for r in rows if local(r).year == year and (month is None or local(r).month == month)]


def nearest_rank_90(values):
    """The smallest value with at least 90 % of the values at or below it."""
    for candidate in sorted(values):
        if sum(1 for v in values if v <= candidate) >= 0.9 * len(values):
            return candidate
    return None


@pytest.fixture(autouse=True)
def english():
    # The labels are read in English here (the site's default language is Serbian).
    with translation.override("en"):
        yield


@pytest.fixture
def staff():
    return [make_staff("Triage", device=False) for _ in range(3)]


@pytest.fixture
def referrals(staff):
    return generate(staff)


def table_counts(table):
    return {r.code: r.count for r in table.rows}


def test_the_year_report_matches_the_generated_data(referrals, staff):
    expected = in_period(referrals, YEAR)
    report = statistics.build_report(YEAR)

    assert report.label == "2025"
    assert report.total == len(expected)
    assert 550 < report.total < 620

    months = Counter(r.received_at.astimezone(BELGRADE).month for r in expected)
    assert [r.code for r in report.months.rows] == [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    assert [r.count for r in report.months.rows] == [months[m] for m in range(1, 13)]
    assert report.months.rows[0].label == "January"

    by_code = {table.code: table for table in report.breakdowns}
    assert list(by_code) == list(CATEGORY_CHOICES)
    for column, choices in CATEGORY_CHOICES.items():
        counted = Counter(getattr(r, column) for r in expected)
        table = by_code[column]
        # Every choice is listed, zeros included, in the choices' order and with their labels.
        assert [r.code for r in table.rows] == [c.value for c in choices]
        assert [r.label for r in table.rows] == [str(c.label) for c in choices]
        assert table_counts(table) == {c.value: counted[c.value] for c in choices}, column
        assert table.total == len(expected)

    durations = [r.responded_at - r.received_at for r in expected if r.responded_at]
    response = report.response
    assert response.answered == len(durations)
    assert response.median == pystats.median(durations)
    assert response.p90 == nearest_rank_90(durations)
    within = sum(1 for d in durations if d <= SEVEN_DAYS)
    assert response.within == within
    assert response.later == len(durations) - within
    # 2025 is over: every referral not answered is past its deadline, none is still open.
    assert response.overdue == sum(1 for r in expected if r.responded_at is None)
    assert response.open == 0
    assert response.share == round(100 * within / len(expected), 1)
    assert response.target_percent == 65
    assert response.met is (100 * within / len(expected) >= 65)
    urgent = [r for r in expected if r.priority == Priority.URGENT]
    urgent_durations = [r.responded_at - r.received_at for r in urgent if r.responded_at]
    urgent_within = sum(1 for d in urgent_durations if d <= datetime.timedelta(hours=24))
    assert response.urgent.hours == 24
    assert response.urgent.total == len(urgent) > 200
    assert response.urgent.within == urgent_within
    assert response.urgent.later == len(urgent_durations) - urgent_within
    assert response.urgent.overdue == len(urgent) - len(urgent_durations)
    assert response.urgent.open == 0
    assert response.urgent.share == round(100 * urgent_within / len(urgent), 1)

    workload = {w.user_id: w for w in report.workload}
    assert set(workload) == {u.pk for u in staff} | {None}
    assert report.workload[-1].user_id is None  # "Not assigned" comes last
    for user_id, line in workload.items():
        mine = [r for r in expected if (r.assignee.pk if r.assignee else None) == user_id]
        assert line.assigned == len(mine)
        assert line.open == sum(1 for r in mine if r.status not in FINISHED)
        assert line.answered == sum(1 for r in mine if r.responded_at)
        assert line.closed == sum(1 for r in mine if r.status in FINISHED)
    assert sum(w.assigned for w in report.workload) == len(expected)


def test_a_month_report_counts_belgrade_local_months(referrals):
    for month in (1, 7, 12):
        expected = in_period(referrals, YEAR, month)
        report = statistics.build_report(YEAR, month)
        assert report.months is None
        assert report.label == {1: "January", 7: "July", 12: "December"}[month] + " 2025"
        assert report.total == len(expected)
        gender = Counter(r.gender for r in expected)
        assert table_counts(report.breakdowns[4]) == {g.value: gender[g.value] for g in Gender}
    # The edge rows: 00:00 on 1 January and 00:30 on 1 July (Belgrade) are in those months; the
    # second before the year and the first second of the next are not in it.
    jan = statistics.build_report(YEAR, 1)
    assert jan.start == datetime.datetime(YEAR, 1, 1, tzinfo=BELGRADE)
    assert jan.start == datetime.datetime(YEAR - 1, 12, 31, 23, tzinfo=UTC)
    jul = statistics.build_report(YEAR, 7)
    assert jul.start == datetime.datetime(YEAR, 6, 30, 22, tzinfo=UTC)


def test_a_response_of_exactly_seven_days_is_within_and_one_second_more_is_not():
    received = datetime.datetime(2023, 5, 1, 12, tzinfo=BELGRADE)
    Referral.objects.bulk_create(
        [
            row(received, responded_at=received + SEVEN_DAYS, status=Status.IN_ASSESSMENT),
            row(
                received,
                responded_at=received + SEVEN_DAYS + datetime.timedelta(seconds=1),
                status=Status.IN_ASSESSMENT,
            ),
            row(received),  # not answered, and its 7 days are long over: a miss
        ]
    )
    response = statistics.build_report(2023).response
    assert (response.within, response.later, response.overdue, response.open) == (1, 1, 1, 0)
    assert response.share == 33.3
    assert response.met is False
    assert response.median == SEVEN_DAYS + datetime.timedelta(seconds=0.5)


# "Now" for the deadline tests: a report of the month in progress.
NOW = datetime.datetime(2026, 5, 20, 12, tzinfo=BELGRADE)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def test_an_unanswered_referral_still_within_its_deadline_is_not_a_miss():
    Referral.objects.bulk_create(
        [
            row(NOW - 2 * DAY),  # not answered, 5 days left: neither hit nor miss
            row(NOW - 10 * DAY),  # not answered, 3 days late: a miss
            row(NOW - 5 * DAY, responded_at=NOW - 4 * DAY, status=Status.IN_ASSESSMENT),
        ]
    )
    with time_machine.travel(NOW, tick=False):
        response = statistics.build_report(2026, 5).response
    assert (response.within, response.later, response.overdue, response.open) == (1, 0, 1, 1)
    # One hit out of the two whose deadline is settled.
    assert response.share == 50.0
    assert response.met is False
    codes = [r.code for r in response.table.rows]
    assert codes == ["within", "later", "overdue", "open"]


def test_the_urgent_referrals_are_measured_against_24_hours():
    urgent = {"priority": Priority.URGENT, "status": Status.IN_ASSESSMENT}
    Referral.objects.bulk_create(
        [
            row(NOW - 3 * DAY, responded_at=NOW - 3 * DAY + 23 * HOUR, **urgent),  # hit
            row(NOW - 3 * DAY, responded_at=NOW - 3 * DAY + 24 * HOUR, **urgent),  # hit, just
            row(NOW - 3 * DAY, responded_at=NOW - 3 * DAY + 30 * HOUR, **urgent),  # miss
            row(NOW - 3 * DAY, priority=Priority.URGENT),  # not answered, 2 days late: miss
            row(NOW - 2 * HOUR, priority=Priority.URGENT),  # not answered, 22 hours left
            # A normal referral answered in 30 hours is within its own 7 days; not urgent.
            row(NOW - 3 * DAY, responded_at=NOW - 3 * DAY + 30 * HOUR, status="in_assessment"),
        ]
    )
    with time_machine.travel(NOW, tick=False):
        report = statistics.build_report(2026, 5)
    urgent_response = report.response.urgent
    assert urgent_response.hours == 24
    assert urgent_response.total == 5
    assert (
        urgent_response.within,
        urgent_response.later,
        urgent_response.overdue,
        urgent_response.open,
    ) == (2, 1, 1, 1)
    assert urgent_response.share == 50.0
    assert [r.count for r in urgent_response.table.rows] == [2, 1, 1, 1]
    # Against 7 days, all four answered ones are hits and both unanswered ones still open.
    assert (report.response.within, report.response.open) == (4, 2)
    assert report.response.share == 100.0


def test_a_destroyed_referral_is_still_counted():
    received = datetime.datetime(2022, 2, 3, 10, tzinfo=BELGRADE)
    Referral.objects.bulk_create(
        [
            row(
                received,
                gender=Gender.MALE,
                status=Status.CLOSED,
                outcome=Outcome.IDENTIFIED,
                responded_at=received + datetime.timedelta(days=2),
                closed_at=received + datetime.timedelta(days=3),
                destroyed_at=received + datetime.timedelta(days=733),
                sealed_answers=None,
            )
        ]
    )
    report = statistics.build_report(2022)
    assert report.total == 1
    assert table_counts(report.months)["2022-02"] == 1
    assert table_counts(report.breakdowns[4])["male"] == 1
    assert table_counts(report.breakdowns[5])["identified"] == 1
    assert report.response.median == datetime.timedelta(days=2)
    assert report.workload[0].closed == 1


def test_an_empty_period_gives_zeros_not_errors():
    report = statistics.build_report(2001, 2)
    assert report.total == 0
    assert all(r.count == 0 for t in report.breakdowns for r in t.rows)
    assert report.response.share is None and report.response.met is None
    assert report.response.median is None and report.response.p90 is None
    assert report.workload == []


@pytest.mark.parametrize("year, month", [(1999, None), (2025, 0), (2025, 13), ("2025", None)])
def test_a_period_out_of_range_is_refused(year, month):
    with pytest.raises(ValueError):
        statistics.build_report(year, month)


# Publication.


def could_be(values_kinds, total_hidden):
    """Every value a hidden small cell could take, for someone who sees the published table
    and its total: each small cell is 1-4, each "x" at least 5 (worked out by brute force over
    the reachable sums, independently of the report's own check)."""
    possible = []
    for index, (_value, kind) in enumerate(values_kinds):
        if kind != "small":
            continue
        sums = {0}
        for other, (_v, other_kind) in enumerate(values_kinds):
            if other == index:
                continue
            choices = range(1, 5) if other_kind == "small" else range(5, total_hidden + 1)
            sums = {s + c for s in sums for c in choices if s + c <= total_hidden}
        possible.append({v for v in range(1, 5) if total_hidden - v in sums})
    return possible


def assert_protected(table, true_counts):
    cells = [r.count for r in table.rows]
    for cell, true in zip(cells, true_counts, strict=True):
        if statistics.is_hidden(cell):
            assert cell is statistics.SMALL if 0 < true < 5 else cell is statistics.COMPLEMENT
        else:
            # What is shown is exact, and never a count from 1 to 4.
            assert cell == true and not 0 < cell < 5
    if not statistics.is_hidden(table.total):
        shown = sum(c for c in cells if not statistics.is_hidden(c))
        hidden = [
            (true, "small" if c is statistics.SMALL else "x")
            for c, true in zip(cells, true_counts, strict=True)
            if statistics.is_hidden(c) and true > 0
        ]
        for values in could_be(hidden, table.total - shown):
            assert values == {1, 2, 3, 4}, table.code


def test_publication_hides_every_count_under_five_beyond_subtraction(referrals):
    internal = statistics.build_report(YEAR)
    public = statistics.build_report(YEAR, for_publication=True)
    assert public.workload is None
    assert public.total == internal.total
    pairs = zip(
        [public.months, *public.breakdowns], [internal.months, *internal.breakdowns], strict=True
    )
    hidden_small = 0
    for table, truth in pairs:
        assert_protected(table, [r.count for r in truth.rows])
        hidden_small += sum(1 for r in table.rows if r.count is statistics.SMALL)
    # The generated data has rare categories, so the rule was really exercised.
    assert hidden_small > 3
    assert public.has_hidden
    # The response figures are large enough to publish.
    assert public.response.median == internal.response.median
    assert public.response.share == internal.response.share
    # The urgent table too (about half the year's referrals).
    assert_protected(
        public.response.urgent.table, [r.count for r in internal.response.urgent.table.rows]
    )
    assert public.response.urgent.share == internal.response.urgent.share is not None


def test_publication_of_a_small_table_hides_the_complement_and_keeps_the_total():
    received = datetime.datetime(2021, 4, 1, 12, tzinfo=BELGRADE)
    rows = [row(received, gender=Gender.FEMALE) for _ in range(20)]
    rows += [row(received, gender=Gender.MALE) for _ in range(3)]
    Referral.objects.bulk_create(rows)
    report = statistics.build_report(2021, 4, for_publication=True)
    gender = table_counts(report.breakdowns[4])
    # 23 - 20 would give the 3 away: the 20 is hidden too.
    assert gender == {
        "female": statistics.COMPLEMENT,
        "male": statistics.SMALL,
        "other": 0,
        "unknown": 0,
    }
    assert report.total == 23
    assert report.workload is None
    # Nobody answered: 23 "not answered yet", and the share (0 %) is publishable.
    assert report.response.share == 0.0
    assert report.response.median is None


def test_publication_of_a_period_with_under_five_referrals_hides_the_total():
    received = datetime.datetime(2020, 9, 9, 9, tzinfo=BELGRADE)
    Referral.objects.bulk_create(
        [
            row(received, responded_at=received + datetime.timedelta(hours=5), status="closed")
            for _ in range(3)
        ]
    )
    report = statistics.build_report(2020, for_publication=True)
    assert report.total is statistics.SMALL
    assert table_counts(report.months)["2020-09"] is statistics.SMALL
    assert report.response.share is None and report.response.met is None
    assert report.response.median is None and report.response.p90 is None
    assert report.response.answered is None
    internal = statistics.build_report(2020)
    assert internal.total == 3
    assert internal.response.median == datetime.timedelta(hours=5)


def test_publication_hides_small_urgent_counts_and_their_share():
    received = datetime.datetime(2021, 4, 1, 12, tzinfo=BELGRADE)
    urgent = {"priority": Priority.URGENT, "status": Status.IN_ASSESSMENT}
    rows = [row(received, responded_at=received + HOUR, **urgent) for _ in range(20)]
    rows += [row(received, responded_at=received + 30 * HOUR, **urgent) for _ in range(3)]
    Referral.objects.bulk_create(rows)
    public = statistics.build_report(2021, 4, for_publication=True).response.urgent
    internal = statistics.build_report(2021, 4).response.urgent
    assert (internal.within, internal.later, internal.share) == (20, 3, 87.0)
    assert_protected(public.table, [r.count for r in internal.table.rows])
    # 23 - 20 would give the 3 away: the 20 is hidden too, and so is the share (20 / 23).
    assert public.table.rows[0].count is statistics.COMPLEMENT
    assert public.table.rows[1].count is statistics.SMALL
    assert public.share is None
    assert public.total == 23

    # With three urgent referrals in all, the total is "<5" and nothing of it is published.
    Referral.objects.bulk_create(
        [row(received.replace(month=5), responded_at=received + 32 * DAY, **urgent) for _ in "abc"]
    )
    public = statistics.build_report(2021, 5, for_publication=True).response.urgent
    assert public.total is statistics.SMALL
    assert public.share is None


def test_publication_hides_a_share_whose_denominator_would_give_a_small_count_away():
    # 20 hits and 3 still open: the share (100 %) over 20 with a total of 23 would say 3 open.
    Referral.objects.bulk_create(
        [row(NOW - 10 * DAY, responded_at=NOW - 9 * DAY, status="closed") for _ in range(20)]
        + [row(NOW - DAY) for _ in range(3)]
    )
    with time_machine.travel(NOW, tick=False):
        public = statistics.build_report(2026, 5, for_publication=True).response
        internal = statistics.build_report(2026, 5).response
    assert internal.share == 100.0 and internal.open == 3
    assert public.open is statistics.SMALL
    assert public.share is None and public.met is None


def test_a_table_that_cannot_be_protected_is_withheld():
    received = datetime.datetime(2019, 1, 15, 12, tzinfo=BELGRADE)
    rows = [row(received, gender=Gender.FEMALE) for _ in range(4)]
    rows += [row(received, gender=Gender.MALE) for _ in range(4)]
    Referral.objects.bulk_create(rows)
    report = statistics.build_report(2019, 1, for_publication=True)
    gender = report.breakdowns[4]
    # A total of 8 with two cells "<5" would say both are 4.
    assert gender.withheld
    assert all(r.count is statistics.COMPLEMENT for r in gender.rows)
    assert report.total == 8


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
