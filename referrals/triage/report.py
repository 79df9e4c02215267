"""What a statistics report holds, and the report as CSV rows (referrals/triage/statistics.py
computes it, the admin page shows it). A count is an int, or a Hidden symbol in a report for
publication (referrals/triage/disclosure.py)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from .disclosure import Breakdown, Hidden, is_hidden


@dataclass
class UrgentResponse:
    hours: int
    # Urgent referrals of the period.
    total: "int | Hidden"
    within: "int | Hidden"
    later: "int | Hidden"
    overdue: "int | Hidden"
    open: "int | Hidden"
    # Percent of the settled urgent referrals (hits and misses) answered within `hours`.
    share: float | None
    table: Breakdown


@dataclass
class ResponseTimes:
    days: int
    target_percent: int
    answered: "int | Hidden | None"
    within: "int | Hidden"
    later: "int | Hidden"
    # Not answered, deadline passed (a miss) / deadline not passed yet (neither).
    overdue: "int | Hidden"
    open: "int | Hidden"
    median: timedelta | None
    p90: timedelta | None
    # Percent of the period's settled referrals (hits and misses) answered within `days`;
    # None when not computable or not publishable.
    share: float | None
    met: bool | None
    table: Breakdown
    urgent: UrgentResponse

    @property
    def median_hours(self):
        return _hours(self.median)

    @property
    def p90_hours(self):
        return _hours(self.p90)


@dataclass
class WorkloadRow:
    user_id: int | None
    name: str
    assigned: int
    open: int
    answered: int
    closed: int


@dataclass
class Report:
    year: int
    month: int | None
    for_publication: bool
    label: str
    start: datetime
    end: datetime
    generated_at: datetime
    total: "int | Hidden"
    # Twelve rows for a year report; None for a month report (its total is the month's).
    months: Breakdown | None
    breakdowns: list[Breakdown]
    response: ResponseTimes
    # None when for publication.
    workload: list[WorkloadRow] | None = field(default=None)

    @property
    def has_hidden(self):
        tables = [*self.breakdowns, self.response.table, self.response.urgent.table]
        if self.months:
            tables.append(self.months)
        return is_hidden(self.total) or any(
            is_hidden(row.count) for table in tables for row in table.rows
        )


def _hours(delta):
    return None if delta is None else round(delta.total_seconds() / 3600, 1)


def _cell(value, decimal_comma=False):
    """A CSV cell: a hidden count as its symbol, text that a spreadsheet would run as a
    formula (a user name starting with "=") defused with a leading apostrophe; with
    `decimal_comma`, a fraction written 12,5 as a Serbian-locale spreadsheet reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, float) and decimal_comma:
        return str(value).replace(".", ",")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_rows(report, *, decimal_comma=False):
    """The report as CSV rows: a heading block, one block of counts per table, the response
    times, and (not for publication) the workload. `decimal_comma` for the semicolon CSV."""
    rows = [
        [gettext("Referral statistics"), report.label],
        [gettext("Generated"), timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")],
        [gettext("For publication"), report.for_publication],
        [gettext("Total referrals"), report.total],
    ]
    if report.for_publication:
        rows.append(
            [
                gettext("Hidden"),
                gettext("<5: from 1 to 4; x: hidden so that a count under 5 cannot be worked out"),
            ]
        )
    rows.append([])
    rows.append([gettext("Table"), gettext("Code"), gettext("Category"), gettext("Referrals")])
    tables = ([report.months] if report.months else []) + report.breakdowns
    tables.extend([report.response.table, report.response.urgent.table])
    for table in tables:
        for row in table.rows:
            rows.append([str(table.title), row.code, row.label, row.count])
    rows.append([])
    rows.append([gettext("Measure"), gettext("Value")])
    rows.extend(_measure_rows(report.response))
    if report.workload is not None:
        rows.append([])
        rows.append(
            [
                gettext("Staff member"),
                gettext("Assigned"),
                gettext("Still open"),
                gettext("Answered"),
                gettext("Closed"),
            ]
        )
        for row in report.workload:
            rows.append([row.name, row.assigned, row.open, row.answered, row.closed])
    return [[_cell(value, decimal_comma) for value in row] for row in rows]


def _measure_rows(response):
    return [
        [gettext("Referrals answered"), response.answered],
        [gettext("Median time to first response (hours)"), response.median_hours],
        [gettext("90th percentile of time to first response (hours)"), response.p90_hours],
        [
            gettext("Share answered within %(days)s days (%%)") % {"days": response.days},
            response.share,
        ],
        [gettext("Target (%)"), response.target_percent],
        [gettext("Target met"), response.met],
        [gettext("Urgent referrals"), response.urgent.total],
        [
            gettext("Share of urgent referrals answered within %(hours)s hours (%%)")
            % {"hours": response.urgent.hours},
            response.urgent.share,
        ],
        [
            gettext("Note"),
            gettext(
                "Referrals not answered yet whose deadline has not passed are left out "
                "of the shares."
            ),
        ],
    ]
