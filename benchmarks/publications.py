"""Render time and query count of the "Plans and reports" archive and the 2021 plan page with
500 generated publications, on PostgreSQL, with production settings (public role).

    .venv/bin/python benchmarks/publications.py [--runs 200] [--publications 500]

It creates (and afterwards drops) its own database `cpvht_bench_publications`, loads the demo
site, adds the generated publications, and requests each page in-process through Django's full
middleware stack. "cold frame" clears the cache before every request (the shared page frame is
rebuilt each time); "warm frame" is the usual case. No full-page cache is involved in either.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import drop_database, production_environment  # noqa: E402

DATABASE = "cpvht_bench_publications"


def setup_environment():
    """This process's environment: the public role's production settings, on an empty database
    of its own."""
    env = production_environment(
        "public",
        "testserver",
        tempfile.mkdtemp(prefix="cpvht-bench-"),
        f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "bench-publications",
        SECURE_SSL_REDIRECT="false",
        # Rendering is measured: the public role's whole-page cache stays off here.
        PAGE_CACHE_SECONDS="0",
    )
    os.environ.clear()
    os.environ.update(env)
    drop_database(env["DATABASE_URL"], create=True)


def generate(count):
    from django.db import transaction

    from publications.models import Kind, PublicationIndexPage, PublicationPage

    archive = PublicationIndexPage.objects.get(locale__language_code="sr")
    kinds = list(Kind.values)
    summary = (
        "Преглед рада Центра у години: идентификација жртава трговине људима, "
        "координација заштите и сарадња са центрима за социјални рад."
    )
    with transaction.atomic():
        for number in range(count):
            year = 2000 + number % 26
            archive.add_child(
                instance=PublicationPage(
                    title=f"Документ {number} за {year}. годину",
                    slug=f"generated-{number}",
                    kind=kinds[number % len(kinds)],
                    year_start=year,
                    year_end=year,
                    summary=summary,
                )
            )


def measure(client, url, runs, cold):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for _ in range(runs):
        if cold:
            cache.clear()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        timings.append(elapsed * 1000)
        queries.append(len(captured.captured_queries))
    timings.sort()
    return (
        statistics.median(timings),
        timings[int(len(timings) * 0.95) - 1],
        max(queries),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--publications", type=int, default=500)
    args = parser.parse_args()

    setup_environment()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    try:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        generate(args.publications)

        client = Client()
        urls = [
            ("archive, first page", "/plans-and-reports/"),
            ("archive, kind + year", "/plans-and-reports/kind/work-plans/?year=2021"),
            ("archive, page 10", "/plans-and-reports/?page=10"),
            ("2021 work plan", "/plans-and-reports/work-plan-2021/"),
        ]
        for _name, url in urls:  # warm up connections and template loading
            client.get(url)
        print(
            f"{args.publications} generated publications, {args.runs} requests per row, "
            "PostgreSQL, production settings\n"
        )
        print(f"{'page':<24} {'frame':<6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, url in urls:
            for cold in (True, False):
                median, p95, queries = measure(client, url, args.runs, cold)
                label = "cold" if cold else "warm"
                print(f"{name:<24} {label:<6} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(os.environ["DATABASE_URL"], check=False)


if __name__ == "__main__":
    main()
