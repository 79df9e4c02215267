"""Publication of referral statistics without singling anyone out.

Publication (`for_publication=True`) hides small counts so that no person can be singled out:

- a count from 1 to 4 is shown as "<5" (SMALL); zeros are shown;
- the period total is exact when it is 5 or more, otherwise "<5";
- every table whose cells add up to the total (months, each category, the response table) is
  checked for subtraction: if the total is published and the hidden cells of a table could be
  narrowed from the total below "1 to 4", more cells of that table are hidden, marked "x"
  (COMPLEMENT: 5 or more, hidden so that a small count cannot be worked out); if even that
  cannot protect it, the whole table is withheld (every cell "x");
- a share (within N days, and whether the target was met; urgent within H hours) is shown
  only when its numerator, the "still open" count and the total are published, since with
  the total the share would give a hidden numerator or denominator away; the number of
  answered referrals only when it cannot be used to work out a hidden cell; median and 90th
  percentile only when at least 5 referrals were answered, so that no single case's time is
  published;
- the urgent table is protected like the others, against the number of urgent referrals,
  itself "<5" when from 1 to 4;
- workload per member of staff is left out.
"""

import math
from dataclasses import dataclass

# Counts below this are hidden in anything marked for publication.
THRESHOLD = 5
@dataclass(frozen=True)
class Hidden:
    """A count not published; `symbol` is what a reader sees in its place."""

    symbol: str
    reason: str

    def __str__(self):
        return self.symbol


# A count from 1 to 4.
SMALL = Hidden("<5", "small")
# A count of 5 or more hidden so that a small one cannot be worked out by subtraction.
COMPLEMENT = Hidden("x", "complement")


def is_hidden(value):
    return isinstance(value, Hidden)


@dataclass
class Row:
    code: str
    label: str
    count: "int | Hidden"


@dataclass
class Breakdown:
    code: str
    title: str
    rows: list[Row]
    total: "int | Hidden"
    # Publication only: the table could not be protected cell by cell, so nothing is shown.
    withheld: bool = False


def _worked_out(counts, hidden):
    """Whether an outsider who knows the table's total could narrow a small hidden cell below
    "1 to 4": each small cell is known to be 1-4, each complement at least THRESHOLD."""
    hidden_sum = sum(counts[i] for i in hidden)
    bounds = {
        i: (1, THRESHOLD - 1) if hidden[i] is SMALL else (THRESHOLD, math.inf) for i in hidden
    }
    for i, kind in hidden.items():
        if kind is not SMALL:
            continue
        others_low = sum(low for j, (low, _high) in bounds.items() if j != i)
        others_high = sum(high for j, (_low, high) in bounds.items() if j != i)
        low = max(1, hidden_sum - others_high)
        high = min(THRESHOLD - 1, hidden_sum - others_low)
        if (low, high) != (1, THRESHOLD - 1):
            return True
    return False


def protect(counts, *, total_published=True):
    """The published cells of one table whose counts add up to the total, and whether the
    whole table had to be withheld."""
    hidden = {i: SMALL for i, n in enumerate(counts) if 0 < n < THRESHOLD}
    if not hidden or not total_published:
        # Without an exact total nothing can be subtracted: the small cells alone are hidden.
        return [hidden.get(i, n) for i, n in enumerate(counts)], False
    while _worked_out(counts, hidden):
        candidates = sorted(
            (n, i) for i, n in enumerate(counts) if n >= THRESHOLD and i not in hidden
        )
        if not candidates:
            return [COMPLEMENT] * len(counts), True
        # The smallest cell that is enough on its own; failing that, the largest, and again.
        enough = [
            (n, i) for n, i in candidates if not _worked_out(counts, {**hidden, i: COMPLEMENT})
        ]
        _n, chosen = enough[0] if enough else candidates[-1]
        hidden[chosen] = COMPLEMENT
    return [hidden.get(i, n) for i, n in enumerate(counts)], False


def published(value):
    return SMALL if 0 < value < THRESHOLD else value


def table(code, title, rows, total, *, for_publication, total_published):
    if not for_publication:
        return Breakdown(code, title, rows, total)
    cells, withheld = protect([row.count for row in rows], total_published=total_published)
    published_rows = [Row(row.code, row.label, cell) for row, cell in zip(rows, cells, strict=True)]
    return Breakdown(code, title, published_rows, published(total), withheld=withheld)
