"""Response time and query count of the triage queue with a million referrals, on PostgreSQL,
with production settings on the internal role.

    .venv/bin/python benchmarks/triage_queue.py [--rows 1000000] [--runs 50] [--keep]
        [--database cpvht_bench_triage] [--frame] [--explain]

It creates its own database (`cpvht_bench_triage` unless --database names another, so that
two people on one server do not reseed each other's), migrates it, seeds the referrals with one
INSERT ... SELECT over generate_series (a year of referrals, one every 30 s; each row carries a
640-byte stand-in for its sealed answers so rows are as wide as real ones), signs a Triage
member of staff in through the real password and second-factor screens, and requests each
queue page in-process through Django's full middleware stack. With --keep the database stays for
the next run (and is reused when it was seeded the same way).

Pages: the first page; a filtered page (status "in assessment" and channel "professional",
which match about a third of a percent of the rows, spread over the whole year); the page after
the 900,000th referral (reached by the "Next page" cursor, as a person paging would); the
overdue filter (about a hundred referrals, one in 9,973, were never answered and are past their
deadline, spread over the year); and the queue searched by one reference.
"""

import argparse
import hashlib
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "cpvht_bench_triage"
QUEUE = "/admin/referrals/queue/"

SEED = """
INSERT INTO referrals_referral (
    id, reference, channel, received_at, priority, referrer_type, exploitation_type, age_band,
    gender, is_minor, status, assignee_id, due_at, responded_at, closed_at, destroyed_at,
    outcome, captcha_verified, key_id, suite, sealed_answers, idempotency_hash,
    followup_secret_hash, route, from_identification, strong_indicators)
SELECT
    md5(g::text || '-id')::uuid,
    'CZ-' || upper(substr(lpad(to_hex(g), 8, '0'), 1, 4) || '-' ||
                   substr(lpad(to_hex(g), 8, '0'), 5, 4)),
    CASE WHEN g % 3 = 0 THEN 'professional' ELSE 'public' END,
    now() - g * interval '30 seconds',
    CASE WHEN g % 9 = 0 THEN 1 ELSE 2 END,
    (ARRAY['social-work','police','school','health','ngo','acquaintance','witness','self',
           'undisclosed'])[1 + g % 9],
    (ARRAY['sexual','labour','begging','criminality','marriage','multiple','unknown'])[1 + g % 7],
    (ARRAY['0-13','14-17','18-25','26-40','41+','adult','unknown'])[1 + g % 7],
    (ARRAY['female','male','unknown'])[1 + g % 3],
    g % 7 IN (0, 1, 6),
    CASE WHEN g <= 300 THEN 'new'
         WHEN g % 9973 = 0 THEN 'in-assessment'
         WHEN g % 97 = 0 THEN 'in-assessment'
         WHEN g % 89 = 0 THEN 'forwarded'
         ELSE 'closed' END,
    CASE WHEN g <= 300 THEN NULL ELSE (SELECT min(id) FROM users_user) + g % 10 END,
    now() - g * interval '30 seconds'
        + CASE WHEN g % 9 = 0 THEN interval '24 hours' ELSE interval '7 days' END,
    CASE WHEN g <= 300 OR g % 9973 = 0 THEN NULL
         ELSE now() - g * interval '30 seconds' + interval '2 days' END,
    CASE WHEN g <= 300 OR g % 9973 = 0 OR g % 97 = 0 OR g % 89 = 0 THEN NULL
         ELSE now() - g * interval '30 seconds' + interval '20 days' END,
    NULL,
    (ARRAY['identified','not-confirmed','forwarded','no-contact'])[1 + g % 4],
    NULL,
    '0123456789abcdef',
    'DHKEM-X25519-HKDF-SHA256/HKDF-SHA256/AES-256-GCM',
    decode(repeat(md5(g::text), 20), 'hex'),
    md5(g::text || '-token') || md5(g::text || '-token2'),
    '', '', g % 12 = 0, g % 24 = 0  -- from the indicator check; strong indicators seen
FROM generate_series(1, {rows}) AS g
"""


def psql(sql, database="postgres"):
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-q", "-tA", "-c", sql],
        check=True, capture_output=True, text=True,
    )
    return out.stdout.strip()


def setup_environment(keep, database):
    global DATABASE
    DATABASE = database
    sys.path.insert(0, str(ROOT))
    from tests.servers import internal_tier
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        **internal_tier("testserver"),
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        VAR_DIR=tempfile.mkdtemp(prefix="cpvht-bench-"),
        LOG_LEVEL="ERROR",
    )
    # DATABASE is an identifier, checked in main().
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")  # noqa: S608
    if exists and not keep:
        psql(f"DROP DATABASE {DATABASE}")
        exists = ""
    if not exists:
        psql(f"CREATE DATABASE {DATABASE}")


def seed(rows):
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from referrals.models import Referral
    from users.models import User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    seed_sql = SEED.replace("{rows}", str(int(rows)))
    # The table's comment names the seed that filled it, so a changed seed is not reused.
    fingerprint = hashlib.sha256(seed_sql.encode()).hexdigest()[:16]
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description('referrals_referral'::regclass, 'pg_class')")
        if cursor.fetchone()[0] == fingerprint and Referral.objects.count() == rows:
            print(f"reusing {rows:,} referrals in {DATABASE}")
            return
    Referral.objects.all().delete()
    triage = Group.objects.get(name="Triage")
    for number in range(10):
        user, _ = User.objects.get_or_create(username=f"bench-triage-{number}")
        user.groups.add(triage)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(seed_sql)
        cursor.execute(f"COMMENT ON TABLE referrals_referral IS '{fingerprint}'")
        cursor.execute("ANALYZE referrals_referral")
    print(f"seeded {rows:,} referrals in {time.perf_counter() - started:.0f} s")
    # The visibility map lets the planner use index-only scans, as autovacuum would in time.
    psql("VACUUM (ANALYZE) referrals_referral", DATABASE)


def signed_in_client():
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from users.models import User

    user = User.objects.get(username="bench-triage-0")
    password = secrets.token_urlsafe(16)
    user.set_password(password)
    user.save()
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    assert client.post("/admin/login/", {"username": user.username, "password": password})
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post("/admin/two-factor/verify/", {"code": f"{code:06d}"})
    assert response.status_code == 302, "second factor accepted"
    assert client.get(QUEUE).status_code == 200
    return client


def deep_cursor(position):
    from referrals.models import Referral
    from referrals.triage.admin.queue import encode_cursor

    row = Referral.objects.order_by("priority", "received_at", "id")[position]
    return encode_cursor(row)


def p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, rows, sql = [], None, None, []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
        sql = [query["sql"] for query in captured]
        rows = response.content.count(b'<td class="title"><a href="/admin/referrals/queue/')
    return statistics.median(times), p95(times), queries, rows, sql


def measure_sql(sql, runs):
    """Median and p95 in ms of one raw query, for the controls."""
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), p95(times)


# What the queue avoids, timed on the same table: the same deep page read with OFFSET, and an
# exact count of the rows (what Django's paginator would run on every page).
CONTROLS = [
    ("control: deep page by OFFSET",
     "SELECT id FROM referrals_referral ORDER BY priority, received_at, id OFFSET {deep} LIMIT 50"),
    ("control: exact COUNT(*)", "SELECT count(*) FROM referrals_referral"),
]


def frame_cost(client, pages, runs):
    """CPU time and queries per page, sidebar built (cold, as before users/admin_menu.py) or
    cached (warm), interleaved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from users import admin_menu
    from users.models import User

    user_id = User.objects.get(username="bench-triage-0").pk
    print(f"\nSidebar cold and warm, CPU ms of the request's process, {runs} runs each")
    print(f"{'page':44} {'cold ms':>8} {'warm ms':>8} {'ratio':>6} {'queries':>8}")
    for name, url in pages:
        cpu, queries = {True: [], False: []}, {}
        for _ in range(runs):
            for cold in (True, False):
                if cold:
                    admin_menu.forget_user(user_id)
                with CaptureQueriesContext(connection) as captured:
                    started = time.process_time()
                    assert client.get(url).status_code == 200
                    cpu[cold].append((time.process_time() - started) * 1000)
                queries[cold] = len(captured)
        c, w = statistics.median(cpu[True]), statistics.median(cpu[False])
        print(f"{name:44} {c:8.1f} {w:8.1f} {w / c:6.2f} {queries[True]:>4}→{queries[False]}")


def explain_counts(filters):
    """What the count reads per filter combination, EXPLAIN (ANALYZE, BUFFERS): capped over
    the filtered queue (before issue 21's second pass), and bounded (now)."""
    from django.db import connection

    from referrals.models import Referral
    from referrals.triage.admin import queue
    from referrals.triage.admin.bounded_count import bounded_count_of
    KEYSET = queue.KEYSET  # noqa: N806
    print("\nThe count's plan: rows read by each scan, buffers, ms (EXPLAIN ANALYZE, warm)")
    for name, lookups in filters:
        filtered = Referral.objects.filter(**lookups)
        for label, figures in (
            ("capped", {"n": queue.capped_count_of(filtered.order_by(*KEYSET))}),
            ("bounded", bounded_count_of(filtered, KEYSET, queue.COUNT_CAP, queue.SCAN_LIMIT)),
        ):
            sql, params = Referral.objects.annotate(**figures)[:1].query.sql_with_params()
            with connection.cursor() as cursor:
                for _ in range(2):  # the second run is the one shown: a warm cache
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
                    plan = cursor.fetchone()[0][0]
            nodes, scans = [plan["Plan"]], []
            while nodes:
                node = nodes.pop()
                nodes.extend(node.get("Plans", []))
                if node["Node Type"].endswith("Scan") and node["Node Type"] != "Subquery Scan":
                    rows = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
                    scans.append(f"{node['Node Type']} {node.get('Index Name', '')} {rows:,}")
            buffers = sum(plan["Plan"].get(f"Shared {kind} Blocks", 0) for kind in ("Hit", "Read"))
            print(f"{name} [{label}]: {plan['Execution Time']:.1f} ms, {buffers:,} buffers")
            print(f"    {'; '.join(scans)}")


def time_statistics(runs=3):
    """The coordinators' report over the seeded year and over one month of it: the whole
    report as the page builds it (every table, response times, workload)."""
    from django.utils import timezone

    from referrals.triage.statistics import build_report

    now = timezone.localtime()
    last_month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    print(f"\nStatistics report, {runs} runs each")
    print(f"{'period':44} {'median s':>10} {'referrals':>10}")
    for label, args in (
        (f"year {now.year}", (now.year,)),
        (f"month {last_month[1]}/{last_month[0]}", last_month),
    ):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            report = build_report(*args)
            times.append(time.perf_counter() - started)
        print(f"{label:44} {statistics.median(times):10.2f} {report.total:10,}")


def queue_pages(rows):
    from referrals.models import Referral
    from users.models import User

    some_reference = Referral.objects.order_by("received_at").values_list("reference", flat=True)[
        rows // 2
    ]
    deep = min(900_000, rows - 60)
    assignee = User.objects.get(username="bench-triage-3").pk
    pages = [
        ("first page", QUEUE),
        (
            "filtered: in assessment, professional",
            f"{QUEUE}?status=in-assessment&channel=professional",
        ),
        # Dense but not covered by one index: urgent professional referrals (111,111 index
        # entries) that are closed; the capped count must stop at 10,001.
        (
            "filtered: closed, urgent, professional",
            f"{QUEUE}?status=closed&priority=1&channel=professional",
        ),
        # Sparse: 1 in 30 of one assignee's index entries match; the count stays bounded.
        (
            "filtered: one assignee, in assessment, urgent",
            f"{QUEUE}?assignee={assignee}&status=in-assessment&priority=1",
        ),
        (f"deep: after referral {deep:,}", f"{QUEUE}?after={deep_cursor(deep)}"),
        ("filtered: overdue", f"{QUEUE}?overdue=true"),
        ("search: one reference", f"{QUEUE}?q={some_reference}"),
        # Part of a reference: the trigram index on the reference without dashes (0006).
        ("search: last 4 characters of a reference", f"{QUEUE}?q={some_reference[-4:]}"),
        ("search: 5 characters across the dash", f"{QUEUE}?q={some_reference[5:10]}"),
    ]
    return pages, deep, assignee


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the database for next time")
    parser.add_argument(
        "--database", default=DATABASE, help="the PostgreSQL database to seed and read"
    )
    parser.add_argument("--sql", action="store_true", help="print each page's queries, shortened")
    parser.add_argument(
        "--statistics", action="store_true", help="also time the statistics report (slow)"
    )
    parser.add_argument("--frame", action="store_true", help="CPU, sidebar cold and cached")
    parser.add_argument("--explain", action="store_true", help="the count's plans, sparse filters")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.database):
        parser.error("--database: lower-case letters, digits and underscores only")

    setup_environment(args.keep, args.database)
    import django

    django.setup()
    seed(args.rows)
    client = signed_in_client()
    pages, deep, assignee = queue_pages(args.rows)
    # Warm up the process (templates, the permission cache, the menu).
    for _name, url in pages:
        client.get(url)
    print(f"\nTriage queue, {args.rows:,} referrals, PostgreSQL, {args.runs} runs each")
    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'rows':>5}")
    for name, url in pages:
        median, tail, queries, rows, sql = measure(client, url, args.runs)
        print(f"{name:44} {median:10.1f} {tail:8.1f} {queries:8d} {rows:5d}")
        if args.sql:
            for text in sql:
                print(f"    {' '.join(text.split())[:150]}")
    control_runs = max(3, args.runs // 5)
    for name, sql in CONTROLS:
        median, tail = measure_sql(sql.format(deep=deep), control_runs)
        print(f"{name:44} {median:10.1f} {tail:8.1f} {1:8d} {'':>5}")
    if args.frame:
        frame_cost(client, pages[:3], max(5, args.runs // 2))
    if args.explain:
        closed = dict(status="closed", priority=1, channel="professional")
        sparse = dict(assignee_id=assignee, status="in-assessment", priority=1)
        ordinary = dict(status="in-assessment", channel="professional")
        explain_counts(
            [("closed, urgent, professional", closed), ("assignee, in assessment, urgent", sparse)]
            + [("in assessment, professional", ordinary), ("no filter", {})]
        )
    if args.statistics:
        time_statistics()
    if not args.keep:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE {DATABASE}")


if __name__ == "__main__":
    main()
