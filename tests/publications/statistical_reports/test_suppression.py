"""A cell under 5 is hidden, and an outsider holding the published page cannot work it back
from the row and column totals: the test plays the outsider on the stored figures."""

import itertools

import pytest

from referrals.triage.disclosure_grid import protect_grid

from .support import YEAR, run, table, year_of_referrals

pytestmark = pytest.mark.django_db
BIG = 10**6


def known(value):
    """What the outsider knows of a published figure."""
    return {"<5": (1, 4), "x": (5, BIG)}.get(value, (value, value))


def attack(grid_rows, row_totals, column_totals, grand):
    """Narrow every figure through every row and column sum until nothing changes (written
    here again, not taken from the code under test): {(r, c): (low, high)}."""
    cells = {(r, c): known(v) for r, line in enumerate(grid_rows) for c, v in enumerate(line)}
    rows = {r: known(v) for r, v in enumerate(row_totals)}
    columns = {c: known(v) for c, v in enumerate(column_totals)}
    total = known(grand)
    for _round in range(100):
        before = (dict(cells), dict(rows), dict(columns))
        sums = [(rows[r], [(r, c) for c in columns]) for r in rows]
        sums += [(columns[c], [(r, c) for r in rows]) for c in columns]
        for (low_total, high_total), members in sums:
            for member in members:
                others = [cells[m] for m in members if m != member]
                low = low_total - sum(high for _low, high in others)
                high = high_total - sum(low for low, _high in others)
                old = cells[member]
                cells[member] = (max(old[0], low), min(old[1], high))
        for group in (rows, columns):
            for key in group:
                others = [group[k] for k in group if k != key]
                low = total[0] - sum(high for _low, high in others)
                high = total[1] - sum(low for low, _high in others)
                group[key] = (max(group[key][0], low), min(group[key][1], high))
        if (cells, rows, columns) == before:
            break
    return cells, rows, columns


def assert_small_cells_safe(grid_rows, row_totals, column_totals, grand):
    cells, rows, columns = attack(grid_rows, row_totals, column_totals, grand)
    for (r, c), value in itertools.chain(
        ((key, grid_rows[key[0]][key[1]]) for key in cells),
    ):
        if value == "<5":
            assert cells[(r, c)] == (1, 4), f"cell {r},{c} narrowed to {cells[(r, c)]}"
    for group, values in ((rows, row_totals), (columns, column_totals)):
        for key, value in enumerate(values):
            if value == "<5":
                assert group[key] == (1, 4)


def test_the_small_cell_is_hidden_and_cannot_be_worked_back(site_pages):
    year_of_referrals()
    run("--month", f"{YEAR}-03")
    from publications.models import PublicationPage

    figures = PublicationPage.objects.get(
        statistics_period="2025-03", locale__language_code="sr"
    ).figures
    grid = table(figures, "age_gender")
    assert not grid["withheld"]
    rows = [row["cells"] for row in grid["rows"]]
    # The 26-40 male cell (2) is hidden.
    by_code = {row["code"]: row["cells"] for row in grid["rows"]}
    male = [c["code"] for c in grid["columns"]].index("male")
    assert by_code["26-40"][male] == "<5"
    # Subtraction along its row alone would have given it away (12 - 10): more is hidden.
    assert by_code["26-40"][0] == "x"
    assert_small_cells_safe(
        rows, [row["count"] for row in grid["rows"]], grid["column_totals"], grid["total"]
    )
    # The one-way channel table: 30 in all, so hiding the 3 alone would give it away.
    channel = table(figures, "channel")
    assert [row["count"] for row in channel["rows"]] == ["x", "<5"]


@pytest.mark.parametrize("seed", range(30))
def test_random_tables_keep_every_small_cell_hidden(seed):
    import random

    rng = random.Random(seed)
    counts = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 9, 12, 20]) for _ in range(4)] for _ in range(5)]
    cells, row_totals, column_totals, grand, withheld = protect_grid(counts)
    published = [[str(v) if hasattr(v, "symbol") else v for v in line] for line in cells]
    row_totals = [str(v) if hasattr(v, "symbol") else v for v in row_totals]
    column_totals = [str(v) if hasattr(v, "symbol") else v for v in column_totals]
    grand = str(grand) if hasattr(grand, "symbol") else grand
    for line, original in zip(published, counts, strict=True):
        for shown, n in zip(line, original, strict=True):
            assert (shown == "<5") == (0 < n < 5) or withheld
            assert shown in ("<5", "x", n)
    if not withheld:
        assert_small_cells_safe(published, row_totals, column_totals, grand)
