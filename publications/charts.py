"""Bar charts of a statistical report, drawn on the server as SVG (no JavaScript, nothing from
a third party). A chart is the table beside it in another form: one horizontal bar per row,
its label above it and its count after it, in a 320-unit-wide drawing that scales down to a
phone's width and prints in black and grey. A hidden count ("fewer than 5", "hidden") has no
bar, only its words, so the drawing gives away nothing the table does not."""

from dataclasses import dataclass

from django.utils.translation import gettext

from .statistics import is_hidden, label, rows_of, shown

WIDTH = 320
# The bar's room: the rest of the width is for the count written after it.
BAR_ROOM = 240
ROW_HEIGHT = 34
BAR_HEIGHT = 12
LABEL_BASELINE = 12
BAR_TOP = 17


@dataclass
class Bar:
    label: str
    text: str
    label_y: int
    bar_y: int
    width: float
    text_x: float
    text_y: int


@dataclass
class Chart:
    code: str
    title: str
    description: str
    height: int
    bars: list[Bar]
    # The share chart only: where the target's line is drawn.
    target_x: float | None = None


def bar_chart(code, title, rows):
    """A chart of (label, count) rows; the longest published count fills the room."""
    counts = [count for _label, count in rows if not is_hidden(count) and count is not None]
    largest = max(counts, default=0) or 1
    bars = []
    for position, (name, count) in enumerate(rows):
        drawn = 0 if is_hidden(count) or not count else BAR_ROOM * count / largest
        bars.append(_bar(position, name, shown(count), drawn))
    description = gettext(
        "A bar for each row of the table that follows; a count under 5, or hidden so that one "
        "cannot be worked out, has no bar."
    )
    return Chart(code, title, description, max(len(rows), 1) * ROW_HEIGHT, bars)


def _bar(position, label, text, drawn):
    """The bar of the table's row at `position`, `drawn` units long, its figure after it."""
    top = position * ROW_HEIGHT
    return Bar(
        label=label,
        text=text,
        label_y=top + LABEL_BASELINE,
        bar_y=top + BAR_TOP,
        width=round(drawn, 1),
        text_x=round(drawn + 4, 1),
        text_y=top + BAR_TOP + BAR_HEIGHT - 2,
    )


def share_chart(code, title, rows, target):
    """Shares in percent (0-100 fills the room), with the target drawn as a line."""
    bars = []
    for position, (name, share) in enumerate(rows):
        drawn = 0 if share is None else BAR_ROOM * min(share, 100) / 100
        bars.append(_bar(position, name, "–" if share is None else f"{shown(share)} %", drawn))
    description = gettext(
        "The share of referrals answered within the deadline, against the target of "
        "%(target)s %%, drawn as a vertical line."
    ) % {"target": target}
    chart = Chart(code, title, description, max(len(rows), 1) * ROW_HEIGHT, bars)
    chart.target_x = round(BAR_ROOM * target / 100, 1)
    return chart


def report_charts(figures):
    """(chart, table) pairs of a report, in the order of its tables."""
    pairs = []
    for table in figures["tables"]:
        chart = None
        if not table.get("withheld"):
            chart = bar_chart(table["code"], label(table["title"]), rows_of(table))
        pairs.append((chart, table))
    return pairs


def response_chart(figures):
    response = figures["response"]
    rows = [
        (
            gettext("Answered within %(days)s days") % {"days": response["days"]},
            response["share"],
        ),
        (
            gettext("Urgent, answered within %(hours)s hours")
            % {"hours": response["urgent_hours"]},
            response["urgent_share"],
        ),
    ]
    return share_chart(
        "response-share", gettext("Share answered within the deadline"), rows, response["target"]
    )
