"""The figures of a statistical report page, stored as data (PublicationPage.figures), and what
the page, its CSV and the work plans read from them.

The figures are written by the monthly command (reporting/drafts.py) already protected for
publication: a count is an int, or "<5" (from 1 to 4) or "x" (hidden so that a count under 5
cannot be worked out). This app does not know how they were computed (it may not import the
referrals), only how to show them:

    {"version": 1, "period": "2026-10", "year": 2026, "month": 10 | null,
     "start": "2026-10-01", "end": "2026-10-31",
     "total": 123 | "<5",
     "tables": [{"code": "channel", "title": {"sr": ..., "en": ...}, "withheld": false,
                 "total": 123 | "<5",
                 "rows": [{"code": "public", "label": {"sr": ..., "en": ...}, "count": ...}],
                 # a two-way table (age band × gender) also has columns, each row its cells
                 # (its "count" is the row's total), and the columns' totals:
                 "columns": [{"code": ..., "label": {...}}], "column_totals": [...]}],
     "response": {"days": 7, "target": 65, "share": 71.4 | null,
                  "urgent_hours": 24, "urgent": 12 | "<5", "urgent_share": 80.0 | null},
     "year_to_date": {"through": "2026-10-31", "referrals": 130, "response_share": 68.2 | null,
                      "urgent_referrals": 10 | null}}

Labels are kept in Serbian (Cyrillic) and English; the Latin page shows the Serbian ones
transliterated (core/translit.py), as every other text of the Latin site.
"""

from datetime import date

from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translit import to_latin

HIDDEN_SMALL = "<5"
HIDDEN_COMPLEMENT = "x"

# What an indicator of a work plan may be linked to: a figure of the year so far.
STATISTICS = [
    ("response_share", _("Share of referrals answered within the deadline (%)")),
    ("urgent_referrals", _("Urgent referrals")),
    ("referrals", _("Referrals received")),
]
PERCENT_STATISTICS = {"response_share"}


def is_hidden(value):
    return value in (HIDDEN_SMALL, HIDDEN_COMPLEMENT)


def label(texts):
    """A stored label in the language (and script) of the request."""
    if isinstance(texts, str):
        return texts
    language = translation.get_language() or "sr"
    if language.startswith("en"):
        return texts.get("en") or texts.get("sr", "")
    text = texts.get("sr") or texts.get("en", "")
    return to_latin(text) if language.lower() == "sr-latn" else text


def shown(value):
    """A stored count or share as a reader sees it."""
    if value is None:
        return "–"
    if value == HIDDEN_SMALL:
        return gettext("fewer than 5")
    if value == HIDDEN_COMPLEMENT:
        return gettext("hidden")
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=1)
    return formats.number_format(value)


def period_end(figures):
    return date.fromisoformat(figures["end"])


def rows_of(table):
    """(label, count) of a table: a two-way table reads as its rows' totals here."""
    return [(label(row["label"]), row["count"]) for row in table["rows"]]


def csv_rows(figures):
    """The report's figures as CSV rows, the same hidden symbols as the page: one row per
    count (table, category, column, count), then the response measures."""
    rows = [
        [gettext("Statistical report"), figures["period"]],
        [gettext("Total referrals"), figures["total"]],
        [
            gettext("Hidden"),
            gettext("<5: from 1 to 4; x: hidden so that a count under 5 cannot be worked out"),
        ],
        [],
        [gettext("Table"), gettext("Category"), gettext("Column"), gettext("Referrals")],
    ]
    for table in figures["tables"]:
        title = label(table["title"])
        columns = table.get("columns")
        for row in table["rows"]:
            for column, count in zip(columns or [], row.get("cells", []), strict=True):
                rows.append([title, label(row["label"]), label(column["label"]), count])
            rows.append(
                [title, label(row["label"]), gettext("Total") if columns else "", row["count"]]
            )
        for column, count in zip(columns or [], table.get("column_totals", []), strict=True):
            rows.append([title, gettext("Total"), label(column["label"]), count])
        rows.append([title, gettext("Total"), "", table["total"]])
    rows.append([])
    rows.extend(measure_rows(figures))
    return [[_cell(value) for value in row] for row in rows]


def measure_rows(figures):
    response = figures["response"]
    return [
        [
            gettext("Share answered within %(days)s days (%%)") % {"days": response["days"]},
            response["share"],
        ],
        [gettext("Target (%)"), response["target"]],
        [gettext("Urgent referrals"), response["urgent"]],
        [
            gettext("Share of urgent referrals answered within %(hours)s hours (%%)")
            % {"hours": response["urgent_hours"]},
            response["urgent_share"],
        ],
    ]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    # A label is never a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
