"""The referral statistics: a generated year of referrals (fixed seed) is counted again here in
plain Python, and the report must agree figure by figure, in Belgrade-local periods and against
the response deadlines."""

import datetime
import statistics as pystats
from collections import Counter

import pytest
import time_machine

from referrals.choices import (
    Gender,
    Outcome,
    Priority,
    Status,
)
from referrals.models import Referral
from referrals.triage import statistics
from tests.referrals.statistics.support import (
    BELGRADE,
    CATEGORY_CHOICES,
    DAY,
    FINISHED,
    HOUR,
    NOW,
    SEVEN_DAYS,
    UTC,
    YEAR,
    in_period,
    nearest_rank_90,
    row,
    table_counts,
)

pytestmark = pytest.mark.django_db


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
    # The last table counts referrals from the indicator check (test_identification_triage.py).
    assert list(by_code) == [*CATEGORY_CHOICES, "identification"]
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
