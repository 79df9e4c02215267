"""Counting up to a cap: "exact up to N, more than N beyond", so that no page counts a table.

The queue, its urgent notice and the home-page panel count this way. The count is taken in the
queue's order (KEYSET), so the database walks an index in that order and stops after cap + 1
rows instead of first gathering every match (_capped).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, Value
from django.db.models.expressions import RawSQL

# The queue's order, and so the keyset: unique thanks to the id.
KEYSET = ("priority", "received_at", "id")


def _capped(queryset, cap):
    """The first cap + 1 rows of the queryset, in the queue's order when it has one.

    The order is what bounds the cost: with it PostgreSQL walks an index in queue order and
    stops at the LIMIT. Without it, it may prefer a bitmap scan, which reads EVERY index entry
    matching one filter before the first row is counted (111,111 entries for
    status=closed&priority=1&channel=professional at a million referrals, docs/benchmarks.md)."""
    return queryset.values("pk")[: cap + 1]


def count_up_to(queryset, cap):
    """How many rows, up to cap + 1 (anything above cap means "more than cap")."""
    return _capped(queryset.order_by(*KEYSET), cap).count()


def capped_count_of(queryset, cap):
    """count_up_to() as an expression, to ride along with a page's own query. The queryset's
    order is kept (the queue passes its own, see _capped); an unordered one stays unordered."""
    capped = _capped(queryset, cap)
    try:
        sql, params = capped.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (such as an empty IN list)
        return Value(0, output_field=IntegerField())
    # The inner SQL is Django's own, with its parameters still bound separately.
    count_sql = f"SELECT COUNT(*) FROM ({sql}) AS capped"  # noqa: S608
    return RawSQL(count_sql, params, output_field=IntegerField())  # noqa: S611
