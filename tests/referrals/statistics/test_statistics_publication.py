"""Publication of the referral statistics hides every count under 5 so that none can be worked
out from the others."""

import datetime

import pytest
import time_machine

from referrals.choices import (
    Gender,
    Priority,
    Status,
)
from referrals.models import Referral
from referrals.triage import statistics
from tests.referrals.statistics.support import BELGRADE, DAY, HOUR, NOW, YEAR, row, table_counts

pytestmark = pytest.mark.django_db


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
