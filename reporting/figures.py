"""The figures of a statistical report page (the format: publications/statistics.py), computed
from the triage queue's statistics for publication (referrals/triage/statistics.py, small
counts hidden by referrals/triage/disclosure.py) and the age band × gender table protected as
a two-way table (referrals/triage/disclosure_grid.py)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import translation

from referrals.choices import AgeBand, Gender
from referrals.models import Referral
from referrals.triage.disclosure import is_hidden
from referrals.triage.disclosure_grid import protect_grid
from referrals.triage.statistics import build_report, period_bounds

# The one-way tables of the report, in the order the page shows them; age band and gender are
# published as one two-way table instead of two (their totals are its margins).
ONE_WAY = ["channel", "referrer_type", "exploitation_type"]
LANGUAGES = ("sr", "en")
# The figures of the year so far are rounded to a multiple of this: two successive reports'
# figures must not give away, by subtraction, a month's count that its report hides.
YEAR_TO_DATE_BASE = 5


def value(count):
    """A count as stored: an int, or the symbol of a hidden one ("<5", "x")."""
    return count.symbol if is_hidden(count) else count


def _one_way(reports, pick_table):
    tables = {language: pick_table(report) for language, report in reports.items()}
    source = tables["sr"]
    return {
        "code": source.code,
        "title": {language: str(table.title) for language, table in tables.items()},
        "withheld": source.withheld,
        "total": value(source.total),
        "rows": [
            {
                "code": row.code,
                "label": {language: table.rows[i].label for language, table in tables.items()},
                "count": value(row.count),
            }
            for i, row in enumerate(source.rows)
        ],
    }


def _choices_texts(choices):
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = [str(label) for _value, label in choices.choices]
    return [
        {"code": code, "label": {language: texts[language][i] for language in LANGUAGES}}
        for i, (code, _label) in enumerate(choices.choices)
    ]


def age_gender_table(year, month=None):
    """The age band × gender table, protected along its rows and its columns."""
    start, end = period_bounds(year, month)
    counts = {
        (row["age_band"], row["gender"]): row["n"]
        for row in Referral.objects.filter(received_at__gte=start, received_at__lt=end)
        .order_by()
        .values("age_band", "gender")
        .annotate(n=Count("pk"))
    }
    rows, columns = _choices_texts(AgeBand), _choices_texts(Gender)
    # A value no longer among the choices (an older form) is still counted, under its code.
    for age_band, gender in counts:
        if age_band not in {row["code"] for row in rows}:
            rows.append({"code": age_band, "label": {language: age_band for language in LANGUAGES}})
        if gender not in {column["code"] for column in columns}:
            columns.append({"code": gender, "label": {language: gender for language in LANGUAGES}})
    grid = [[counts.get((row["code"], column["code"]), 0) for column in columns] for row in rows]
    cells, row_totals, column_totals, total, withheld = protect_grid(grid)
    titles = {}
    for language in LANGUAGES:
        with translation.override(language):
            titles[language] = translation.gettext("Age band and gender")
    return {
        "code": "age_gender",
        "title": titles,
        "withheld": withheld,
        "total": value(total),
        "columns": columns,
        "column_totals": [value(count) for count in column_totals],
        "rows": [
            {**row, "cells": [value(count) for count in line], "count": value(row_total)}
            for row, line, row_total in zip(rows, cells, row_totals, strict=True)
        ],
    }


def rounded(count):
    """A figure of the year so far: hidden as it was, else to the nearest multiple of 5."""
    if count is None or is_hidden(count):
        return value(count) if count is not None else None
    return YEAR_TO_DATE_BASE * round(count / YEAR_TO_DATE_BASE)


def year_to_date(year, month):
    report = build_report(year, for_publication=True, through_month=month or 12)
    return {
        "through": (report.end - timedelta(days=1)).date().isoformat(),
        "referrals": rounded(report.total),
        "response_share": report.response.share,
        "urgent_referrals": rounded(report.response.urgent.total),
    }


def build_figures(year, month=None):
    """The figures of the report of `year` (or of one month of it), as stored on the page."""
    reports = {}
    for language in LANGUAGES:
        with translation.override(language):
            reports[language] = build_report(year, month, for_publication=True)
    source = reports["sr"]
    tables = []
    if month is None:
        tables.append(_one_way(reports, lambda report: report.months))
    for code in ONE_WAY:
        tables.append(
            _one_way(
                reports,
                lambda report, code=code: next(t for t in report.breakdowns if t.code == code),
            )
        )
    tables.append(age_gender_table(year, month))
    tables.append(_one_way(reports, lambda report: report.response.table))
    response = source.response
    return {
        "version": 1,
        "period": f"{year}-{month:02d}" if month else str(year),
        "year": year,
        "month": month,
        "start": source.start.date().isoformat(),
        "end": (source.end - timedelta(days=1)).date().isoformat(),
        "total": value(source.total),
        "tables": tables,
        "response": {
            "days": response.days,
            "target": settings.TRIAGE_RESPONSE_TARGET_PERCENT,
            "share": response.share,
            "urgent_hours": response.urgent.hours,
            "urgent": value(response.urgent.total),
            "urgent_share": response.urgent.share,
        },
        "year_to_date": year_to_date(year, month),
    }
