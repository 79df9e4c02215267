"""Monthly and annual referral statistics, from the plaintext coarse fields only.

Nothing here decrypts: the figures come from the columns the intake keeps in the clear
(referrals/models/referral.py). A referral whose sealed data retention destroyed keeps those
columns and is counted like any other. Every referral received in the period is counted,
spam included (the outcome table shows how many were spam).

The period is a Belgrade-local calendar year or month (settings.TIME_ZONE), by `received_at`.

Response times: the first response is when the status first left "new" (`responded_at`).
Median and 90th percentile are over the referrals of the period that have one; the 90th
percentile is the nearest-rank value (the smallest duration with at least 90 % of the
durations at or below it).

Deadlines: every referral of the period is measured against N days (N =
TRIAGE_DUE_NORMAL_DAYS), and the urgent ones (current priority urgent) also against H hours
(H = TRIAGE_DUE_URGENT_HOURS). Against a deadline a referral is

- a hit: answered, `responded_at - received_at <= deadline`;
- a miss: answered later, or not answered and the deadline passed by the time of the report;
- still open: not answered, and the deadline not yet passed at the time of the report. It is
  neither a hit nor a miss, and is left out of the share: share = hits / (hits + misses).

Workload: the referrals of the period grouped by their current assignee (the model keeps no
assignment history): how many, how many still open now (not closed or spam), how many
answered, how many closed or spam.

Publication (`for_publication=True`) hides small counts: referrals/triage/disclosure.py.
"""

import math
import statistics
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from ..choices import (
    FINISHED_STATUSES,
    AgeBand,
    Channel,
    ExploitationType,
    Gender,
    Outcome,
    Priority,
    ReferrerType,
)
from ..models import Referral
from . import disclosure
from .disclosure import COMPLEMENT as COMPLEMENT
from .disclosure import SMALL as SMALL
from .disclosure import THRESHOLD, Row, is_hidden
from .report import Report, ResponseTimes, UrgentResponse, WorkloadRow
from .report import csv_rows as csv_rows

# Years a report may be asked for: before the Centre's intake, nothing; after next year, typos.
FIRST_YEAR = 2000


def period_bounds(year, month=None):
    """The Belgrade-local [start, end) of a year or month, as aware datetimes."""
    tz = timezone.get_default_timezone()
    if month is None:
        return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def last_year():
    return timezone.localdate().year + 1


def validate_period(year, month=None):
    if not isinstance(year, int) or not FIRST_YEAR <= year <= last_year():
        raise ValueError(f"year out of range: {year!r}")
    if month is not None and (not isinstance(month, int) or not 1 <= month <= 12):
        raise ValueError(f"month out of range: {month!r}")


def period_label(year, month=None):
    if month is None:
        return str(year)
    return pgettext("month and year", "%(month)s %(year)s") % {
        "month": MONTHS[month],
        "year": year,
    }


def percentile(values, percent):
    """Nearest-rank percentile: the smallest value with `percent` % of values at or below."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


# The category tables, in the order the report shows them.
CATEGORIES = [
    ("channel", _("Channel"), Channel),
    ("referrer_type", _("Referrer"), ReferrerType),
    ("exploitation_type", _("Form of exploitation"), ExploitationType),
    ("age_band", _("Age band"), AgeBand),
    ("gender", _("Gender"), Gender),
    ("outcome", _("Outcome"), Outcome),
]


def _category_rows(queryset, column, choices):
    counts = {
        row[column]: row["n"]
        for row in queryset.order_by().values(column).annotate(n=Count("pk")).order_by()
    }
    rows = [Row(value, str(label), counts.pop(value, 0)) for value, label in choices.choices]
    # A value no longer among the choices (an older form) is still counted, under its code.
    rows.extend(Row(value, value, n) for value, n in sorted(counts.items()))
    return rows


def _identification_rows(queryset):
    """Referrals that came from the guided check, with or without a strong indicator, and the
    others: from the two plaintext flags alone. A check that did not become a referral left
    nothing to count (docs/identification.md)."""
    counts = queryset.order_by().aggregate(
        strong=Count("pk", filter=Q(from_identification=True, strong_indicators=True)),
        general=Count("pk", filter=Q(from_identification=True, strong_indicators=False)),
        other=Count("pk", filter=Q(from_identification=False)),
    )
    return [
        Row("check_strong", gettext("From the indicator check, strong indicators present"),
            counts["strong"]),
        Row("check", gettext("From the indicator check, no strong indicator"), counts["general"]),
        Row("other", gettext("Not from the indicator check"), counts["other"]),
    ]  # fmt: skip


def _month_rows(queryset, year):
    bounds = [period_bounds(year, m) for m in range(1, 13)]
    counts = queryset.order_by().aggregate(
        **{
            f"m{m}": Count("pk", filter=Q(received_at__gte=start, received_at__lt=end))
            for m, (start, end) in enumerate(bounds, start=1)
        }
    )
    return [Row(f"{year}-{m:02d}", str(MONTHS[m]), counts[f"m{m}"]) for m in range(1, 13)]


def _deadline_counts(rows, limit, now):
    """(hits, answered later, overdue, still open) of (received_at, responded_at) pairs
    against `limit` after receipt, with `now` deciding whether an unanswered one is late."""
    within = later = overdue = still_open = 0
    for received, responded in rows:
        if responded is not None:
            if responded - received <= limit:
                within += 1
            else:
                later += 1
        elif received + limit < now:
            overdue += 1
        else:
            still_open += 1
    return within, later, overdue, still_open


def _deadline_rows(within, later, overdue, still_open, within_label):
    return [
        Row("within", within_label, within),
        Row("later", gettext("Answered later"), later),
        Row("overdue", gettext("Not answered, past the deadline"), overdue),
        Row("open", gettext("Not answered yet, still within the deadline"), still_open),
    ]


def _share(within, settled):
    return round(100 * within / settled, 1) if settled else None


def _share_published(table, total_published):
    """Whether a share of this table may be published: with the total, the share would give a
    hidden numerator or a hidden "still open" count (its denominator) away."""
    cells = {row.code: row.count for row in table.rows}
    return total_published and not (is_hidden(cells["within"]) or is_hidden(cells["open"]))


def _urgent_response(queryset, now, *, for_publication):
    hours = settings.TRIAGE_DUE_URGENT_HOURS
    pairs = list(
        queryset.filter(priority=Priority.URGENT)
        .order_by()
        .values_list("received_at", "responded_at")
    )
    total = len(pairs)
    within, later, overdue, still_open = _deadline_counts(pairs, timedelta(hours=hours), now)
    rows = _deadline_rows(
        within,
        later,
        overdue,
        still_open,
        gettext("Answered within %(hours)s hours") % {"hours": hours},
    )
    total_published = not (for_publication and 0 < total < THRESHOLD)
    table = disclosure.table(
        "urgent_response",
        _("First response to urgent referrals"),
        rows,
        total,
        for_publication=for_publication,
        total_published=total_published,
    )
    share = _share(within, within + later + overdue)
    if for_publication and not _share_published(table, total_published):
        share = None
    cells = [row.count for row in table.rows]
    return UrgentResponse(hours, table.total, *cells, share=share, table=table)


def _response_times(queryset, total, now, *, for_publication, total_published):
    days = settings.TRIAGE_DUE_NORMAL_DAYS
    target = settings.TRIAGE_RESPONSE_TARGET_PERCENT
    limit = timedelta(days=days)
    pairs = list(queryset.order_by().values_list("received_at", "responded_at"))
    durations = [responded - received for received, responded in pairs if responded is not None]
    answered = len(durations)
    within, later, overdue, still_open = _deadline_counts(pairs, limit, now)
    rows = _deadline_rows(
        within,
        later,
        overdue,
        still_open,
        gettext("Answered within %(days)s days") % {"days": days},
    )
    table = disclosure.table(
        "response",
        _("First response"),
        rows,
        total,
        for_publication=for_publication,
        total_published=total_published,
    )
    share = _share(within, within + later + overdue)
    median_time = statistics.median(durations) if durations else None
    p90_time = percentile(durations, 90)
    shown_answered = answered
    if for_publication:
        within_cell, later_cell, _overdue_cell, _open_cell = (row.count for row in table.rows)
        if not _share_published(table, total_published):
            share = None
        # Answered = within + later: exact only if neither part is hidden.
        if is_hidden(within_cell) or is_hidden(later_cell):
            shown_answered = None
        # A median of a handful is nearly one person's case.
        if answered < THRESHOLD:
            median_time = p90_time = None
    return ResponseTimes(
        days=days,
        target_percent=target,
        answered=shown_answered,
        within=table.rows[0].count,
        later=table.rows[1].count,
        overdue=table.rows[2].count,
        open=table.rows[3].count,
        median=median_time,
        p90=p90_time,
        share=share,
        met=None if share is None else share >= target,
        table=table,
        urgent=_urgent_response(queryset, now, for_publication=for_publication),
    )


def _workload(queryset):
    finished = Q(status__in=FINISHED_STATUSES)
    groups = (
        queryset.order_by()
        .values("assignee")
        .annotate(
            assigned=Count("pk"),
            open=Count("pk", filter=~finished),
            answered=Count("pk", filter=Q(responded_at__isnull=False)),
            closed=Count("pk", filter=finished),
        )
        .order_by()
    )
    groups = list(groups)
    users = get_user_model().objects.in_bulk([g["assignee"] for g in groups if g["assignee"]])
    rows, unassigned = [], None
    for group in groups:
        user = users.get(group["assignee"])
        if user is None:
            name = gettext("Not assigned")
        else:
            name = user.get_full_name() or user.get_username()
        row = WorkloadRow(
            user_id=group["assignee"],
            name=name,
            assigned=group["assigned"],
            open=group["open"],
            answered=group["answered"],
            closed=group["closed"],
        )
        if group["assignee"] is None:
            unassigned = row
        else:
            rows.append(row)
    rows.sort(key=lambda r: (-r.assigned, r.name.lower()))
    if unassigned:
        # Last, so the staff members' rows read first.
        rows.append(unassigned)
    return rows


def build_report(year, month=None, *, for_publication=False, through_month=None):
    """The statistics of a Belgrade-local year (or one month of it); see the module's text
    for what each figure means and what publication hides. `through_month` (a year report
    only): the year so far, from January to the end of that month."""
    validate_period(year, month)
    start, end = period_bounds(year, month)
    if through_month is not None:
        validate_period(year, through_month)
        end = period_bounds(year, through_month)[1]
    # One "now" for the whole report: it decides which unanswered referrals are still open.
    now = timezone.now()
    period = Referral.objects.filter(received_at__gte=start, received_at__lt=end)
    total = period.order_by().count()
    total_published = not (for_publication and 0 < total < THRESHOLD)

    def table(code, title, rows):
        return disclosure.table(
            code,
            title,
            rows,
            total,
            for_publication=for_publication,
            total_published=total_published,
        )

    months = None
    if month is None:
        months = table("month", _("Month"), _month_rows(period, year))
    breakdowns = [
        table(column, title, _category_rows(period, column, choices))
        for column, title, choices in CATEGORIES
    ]
    breakdowns.append(table("identification", _("Indicator check"), _identification_rows(period)))
    return Report(
        year=year,
        month=month,
        for_publication=for_publication,
        label=period_label(year, month),
        start=start,
        end=end,
        generated_at=now,
        total=disclosure.published(total) if for_publication else total,
        months=months,
        breakdowns=breakdowns,
        response=_response_times(
            period, total, now, for_publication=for_publication, total_published=total_published
        ),
        workload=None if for_publication else _workload(period),
    )
