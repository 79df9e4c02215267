"""The statistics tests' shared data: a generated year of referrals (fixed seed), one row with
coarse fields only, and the same figures counted again in plain Python."""

import datetime
import random
from zoneinfo import ZoneInfo

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
from tests.referrals.support import referral_row

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


def table_counts(table):
    return {r.code: r.count for r in table.rows}


# "Now" for the deadline tests: a report of the month in progress.
NOW = datetime.datetime(2026, 5, 20, 12, tzinfo=BELGRADE)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
