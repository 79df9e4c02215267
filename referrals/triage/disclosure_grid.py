"""Small-count protection of a two-way table (rows × columns, with row and column totals and a
grand total), for publication: the age band × gender table of the statistical reports.

The one-way rule (disclosure.py) checks each table against its total alone. A two-way table
can be attacked along its rows and its columns at once, so here the check is the attacker's:
every published figure is taken as known, every "<5" as 1 to 4, every "x" as 5 or more, and the
bounds are narrowed again and again through every row sum, column sum and the sums of the
totals (interval propagation) until nothing changes. If any "<5" cell or total comes out
narrower than "1 to 4", one more figure is hidden as "x" (the smallest that is enough on its
own, cells before row and column totals; else the largest cell, and again), and the check is
run again; if nothing is left to hide, the whole table is withheld. The test in
tests/publications/statistical_reports/test_suppression.py plays the attacker the same way.
"""

from .disclosure import COMPLEMENT, SMALL, THRESHOLD, is_hidden

# The attacker's upper bound for a figure nothing else limits.
UNBOUNDED = 10**9


def _lines(rows, columns):
    """The sums the table publishes, as lists of (coefficient, variable) adding up to zero.
    Variables: ("cell", r, c), ("row", r), ("column", c) and ("grand",)."""
    lines = []
    for r in range(rows):
        lines.append([(1, ("cell", r, c)) for c in range(columns)] + [(-1, ("row", r))])
    for c in range(columns):
        lines.append([(1, ("cell", r, c)) for r in range(rows)] + [(-1, ("column", c))])
    lines.append([(1, ("row", r)) for r in range(rows)] + [(-1, ("grand",))])
    lines.append([(1, ("column", c)) for c in range(columns)] + [(-1, ("grand",))])
    return lines


def _start(value):
    if value is SMALL:
        return (1, THRESHOLD - 1)
    if value is COMPLEMENT:
        return (THRESHOLD, UNBOUNDED)
    return (value, value)


def attacker_bounds(published, lines):
    """What an outsider can narrow each figure to from the published ones (a dict variable ->
    published value or Hidden), propagating the sums until nothing changes."""
    bounds = {var: _start(value) for var, value in published.items()}
    changed = True
    while changed:
        changed = False
        for line in lines:
            for coefficient, var in line:
                low = high = 0
                for other_coefficient, other in line:
                    if other == var:
                        continue
                    other_low, other_high = bounds[other]
                    if other_coefficient > 0:
                        low, high = low + other_low, high + other_high
                    else:
                        low, high = low - other_high, high - other_low
                # coefficient * var + sum(others) = 0
                new = (-high, -low) if coefficient > 0 else (low, high)
                old = bounds[var]
                narrowed = (max(old[0], new[0]), min(old[1], new[1]))
                if narrowed != old:
                    bounds[var] = narrowed
                    changed = True
    return bounds


def _worked_out(published, lines):
    bounds = attacker_bounds(published, lines)
    return any(
        bounds[var] != (1, THRESHOLD - 1) for var, value in published.items() if value is SMALL
    )


def _small(value):
    return SMALL if 0 < value < THRESHOLD else value


def protect_grid(counts):
    """(cells, row totals, column totals, grand total, withheld) of `counts` (a list of rows
    of ints) as published: see the module's text."""
    rows, columns = len(counts), len(counts[0])
    published = {
        ("cell", r, c): _small(n) for r, line in enumerate(counts) for c, n in enumerate(line)
    }
    published.update({("row", r): _small(sum(line)) for r, line in enumerate(counts)})
    published.update(
        {("column", c): _small(sum(line[c] for line in counts)) for c in range(columns)}
    )
    grand = sum(map(sum, counts))
    published[("grand",)] = _small(grand)
    lines = _lines(rows, columns)
    while _worked_out(published, lines):
        # Cells first; a row or column total when hiding cells alone cannot do it (a small
        # cell whose column holds one other count needs the column's total hidden too).
        candidates = sorted(
            (var[0] != "cell", value, var)
            for var, value in published.items()
            if var[0] != "grand" and not is_hidden(value) and value >= THRESHOLD
        )
        if not candidates:
            withheld = dict.fromkeys(published, COMPLEMENT)
            withheld[("grand",)] = published[("grand",)]
            return _shape(withheld, rows, columns, withheld=True)
        enough = [
            var
            for _margin, _value, var in candidates
            if not _worked_out({**published, var: COMPLEMENT}, lines)
        ]
        cells = [var for margin, _value, var in candidates if not margin]
        chosen = enough[0] if enough else (cells or [candidates[-1][2]])[-1]
        published[chosen] = COMPLEMENT
    return _shape(published, rows, columns, withheld=False)


def _shape(published, rows, columns, *, withheld):
    cells = [[published[("cell", r, c)] for c in range(columns)] for r in range(rows)]
    row_totals = [published[("row", r)] for r in range(rows)]
    column_totals = [published[("column", c)] for c in range(columns)]
    return cells, row_totals, column_totals, published[("grand",)], withheld
