"""The queue's count: exact on small queues, and bounded in what it reads whatever the filters
(referrals/triage/admin/queue.py, bounded_count_of), shown as "at least" when it stopped early."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.triage_queue import SEED
from referrals.choices import Channel, Priority, Status
from referrals.models import Referral
from referrals.triage.admin import queue
from tests.referrals.support import referral_row
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

QUEUE = "/admin/referrals/queue/"
LARGE = 30_000


@pytest.fixture
def triage():
    user = make_staff("Triage")
    return user, signed_in(user)


def summary(response):
    assert response.status_code == 200
    html = response.content.decode()
    return " ".join(re.search(r'referral-queue-summary">\s*<p>(.*?)</p>', html, re.S)[1].split())


def test_counts_are_exact_on_a_small_queue(triage):
    Referral.objects.bulk_create(
        [referral_row(i, status=Status.CLOSED if i % 3 else Status.NEW) for i in range(1, 61)]
        + [referral_row(100, priority=Priority.URGENT, channel=Channel.PROFESSIONAL)]
    )
    client = triage[1]
    assert summary(client.get(QUEUE)).startswith("61 referrals.")
    assert summary(client.get(f"{QUEUE}?status=closed")).startswith("40 referrals.")
    assert summary(client.get(f"{QUEUE}?status=new")).startswith("21 referrals.")
    assert summary(client.get(f"{QUEUE}?priority=1&channel=professional")).startswith(
        "1 referral."
    )


def test_a_count_that_stopped_early_says_at_least(triage, monkeypatch):
    monkeypatch.setattr(queue, "SCAN_LIMIT", 10)
    Referral.objects.bulk_create(
        [referral_row(i, status=Status.CLOSED if i % 2 else Status.NEW) for i in range(1, 141)]
    )
    client = triage[1]
    # 70 matches, the first 10 referrals read: the page itself shows 50 of them.
    assert summary(client.get(f"{QUEUE}?status=new")).startswith("At least 50 referrals.")
    # Every match on one page: they are all in sight, so the count is exact.
    Referral.objects.filter(status=Status.NEW).exclude(reference__endswith="2-TEST").delete()
    assert summary(client.get(f"{QUEUE}?status=new")).startswith("14 referrals.")


def seed_large_queue(assignees):
    first = assignees[0].pk
    assert [user.pk for user in assignees] == list(range(first, first + 10))
    sql = SEED.replace("{rows}", str(LARGE)).replace("(SELECT min(id) FROM users_user)", str(first))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.execute("ANALYZE referrals_referral")


def rows_read(sql):
    """Index and table entries each scan of the query's plan read, from EXPLAIN ANALYZE."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    read, nodes = [], [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if node["Node Type"].endswith("Scan") and node["Node Type"] != "Subquery Scan":
            loops = node.get("Actual Loops", 1)
            removed = node.get("Rows Removed by Filter", 0) + node.get(
                "Rows Removed by Index Recheck", 0
            )
            read.append((node["Node Type"], (node["Actual Rows"] + removed) * loops))
    return read


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_the_count_reads_a_bounded_number_of_rows_whatever_the_filters(triage, monkeypatch):
    """Sparse combinations the planner would answer by reading all of one filter's index
    entries (a bitmap scan: 3,000 to 10,000 of them here): the count still reads at most
    SCAN_LIMIT entries of the queue."""
    monkeypatch.setattr(queue, "SCAN_LIMIT", 2_000)
    user, client = triage
    assignees = [make_staff("Triage", device=False) for _ in range(10)]
    seed_large_queue(assignees)
    sparse = [
        "status=closed&priority=1&channel=professional",
        f"assignee={assignees[3].pk}&status=in-assessment&priority=1",
    ]
    for filters in sparse:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{QUEUE}?{filters}")
        assert response.status_code == 200
        # Each a figure the page can stand by: exact when every match is on the page.
        assert re.match(r"(At least |More than )?[\d,]+ referrals?\.", summary(response))
        page_query = next(q["sql"] for q in captured if "AS capped" in q["sql"])
        count_sql = re.search(r"\(SELECT COUNT\(\*\) FROM \(.*?\) AS capped\)", page_query)[0]
        reads = rows_read(f"SELECT {count_sql}")
        assert reads, filters
        assert all(rows <= queue.SCAN_LIMIT + 1 for _node, rows in reads), (filters, reads)
