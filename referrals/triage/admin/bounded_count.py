"""A count whose cost does not depend on the filters: the matches among the first `scan` rows
in a given order only (the triage queue's count, referrals/triage/admin/queue.py).

The first `scan` rows are a LIMITed subquery named like the table, and the queryset's own SQL
reads that instead of the table: its filters cannot be pushed inside a LIMIT, so the database
walks the order's index and stops after `scan` entries at most, where a sparse combination of
filters would otherwise gather every entry of one filter's index first (111,111 for
status=closed&priority=1&channel=professional at a million referrals, docs/benchmarks.md).
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import IntegerField, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import GreaterThan


def _count_sql(queryset):
    sql, params = queryset.query.sql_with_params()
    # The inner SQL is Django's own, with its parameters still bound separately.
    return f"SELECT COUNT(*) FROM ({sql}) AS capped", params  # noqa: S608


def bounded_count_of(queryset, order, cap, scan):
    """Expressions for a page's own query: `capped_total`, the matches among the first scan
    rows in order (up to cap + 1: anything above cap means "more than cap"), and
    `beyond_scan`, whether there are rows past those (then the count is a lower bound)."""
    model = queryset.model
    whole = model._default_manager.order_by(*order)
    window_count, window_count_params = _count_sql(whole.values("pk")[: scan + 1])
    beyond = GreaterThan(RawSQL(window_count, window_count_params, IntegerField()), scan)  # noqa: S611
    try:
        sql, params = _count_sql(queryset.order_by(*order).values("pk")[: cap + 1])
    except EmptyResultSet:  # a filter that can match nothing (such as an empty IN list)
        return {"capped_total": Value(0, output_field=IntegerField()), "beyond_scan": beyond}
    window, window_params = whole[:scan].query.sql_with_params()
    table = connections[queryset.db].ops.quote_name(model._meta.db_table)
    # The filtered query's first FROM is its own: nothing but the id is selected before it.
    at = sql.index(f" FROM {table}")
    before = sql[:at].count("%s")
    sql = f"{sql[:at]} FROM ({window}) AS {table}{sql[at + len(f' FROM {table}') :]}"
    params = (*params[:before], *window_params, *params[before:])
    return {
        "capped_total": RawSQL(sql, params, output_field=IntegerField()),  # noqa: S611
        "beyond_scan": beyond,
    }


def bounded_count(queryset, order, cap, scan):
    """bounded_count_of() on its own: (count, beyond_scan)."""
    figures = bounded_count_of(queryset, order, cap, scan)
    row = queryset.model._default_manager.annotate(**figures).values_list(*figures)
    return row.order_by()[:1].first() or (0, False)
