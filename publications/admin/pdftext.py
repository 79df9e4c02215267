"""A PDF page's text with its table cells read whole, one cell a line.

pypdf reads a page in the order its text was drawn and joins the text of one baseline into one
line. A table is drawn cell by cell, so the text of two cells on one baseline ran together
("...informacija Cilj 2: ..." lost the action plan's second goal) and a cell wrapped over
three lines came out as three lines, its numbered items cut ("...zaštite2." / "Izraditi..."). The
text of a table, as the parser knows it from the text and Word imports, has each cell on a line.

So each piece of text pypdf reads is kept with the point where it starts. A piece further right
on the line of the one before, starting where lines of the document start (a column's left edge,
seen twice or more), begins a line of its own. A line that shares its baseline with a line of
another column is in a table; its cell goes on while the next line drawn starts at the cell's
left edge one line lower (the wrapped lines of two cells side by side share baselines too), and
is joined into one line. Text outside tables is left as pypdf reads it.
"""

from collections import Counter
from dataclasses import dataclass

# A wrapped line of a cell sits one line lower: at most this many times the type's size, which
# covers single and 1.15 line spacing and leaves out the gap before the next row or paragraph.
LINE_STEP = 1.4


@dataclass
class Line:
    x: float
    y: float
    size: float
    text: str


def _pieces(page) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size of the type) of each piece; joined, the texts are extract_text()."""
    pieces = []

    def visit(text, cm, tm, _font, font_size):
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        pieces.append((text, x, y, abs(font_size * tm[3] * cm[3]) or font_size))

    page.extract_text(visitor_text=visit)
    return pieces


def _lines(pieces, column_starts: Counter | None) -> list[Line]:
    """The page's lines, each at the start of its first piece of text; with ``column_starts``,
    a piece that starts at a column's left edge further along a line begins a new one."""
    lines: list[Line] = []
    current: Line | None = None
    last = None  # (x, y) of the last piece of text
    for text, x, y, size in pieces:
        for number, part in enumerate(text.split("\n")):
            if number:
                current = None
            if not part.strip():
                if current is not None:
                    current.text += part
                continue
            new_cell = (
                column_starts is not None
                and current is not None
                and last is not None
                and abs(y - last[1]) < 0.5
                and x > last[0] + 1
                and column_starts[round(x)] >= 2
            )
            if current is None or new_cell:
                current = Line(x, y, size, part.lstrip(" ") if new_cell else part)
                lines.append(current)
            else:
                current.text += part
            last = (x, y)
    return lines


def _cells_joined(lines: list[Line]) -> list[str]:
    """Each table cell's wrapped lines joined into one; other lines as they are."""
    starts_at = Counter(round(line.y) for line in lines)
    row_tops = {y for y, n in starts_at.items() if n >= 2}
    out: list[str] = []
    cell: Line | None = None
    for line in lines:
        wrapped = (
            cell is not None
            and abs(line.x - cell.x) < 1
            and 0 < cell.y - line.y <= LINE_STEP * line.size
        )
        if wrapped:
            out[-1] = f"{out[-1].rstrip()} {line.text.strip()}"
            cell.y = line.y
            continue
        out.append(line.text)
        cell = Line(line.x, line.y, line.size, "") if round(line.y) in row_tops else None
    return out


def pages_text(pages) -> list[str]:
    """The text of each of ``pages`` (pypdf PageObjects)."""
    pieces = [_pieces(page) for page in pages]
    column_starts = Counter(round(line.x) for p in pieces for line in _lines(p, None))
    return ["\n".join(_cells_joined(_lines(p, column_starts))) for p in pieces]
