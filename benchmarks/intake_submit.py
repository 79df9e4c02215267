"""Time a report's submission against gunicorn on PostgreSQL, with production settings.

    .venv/bin/python benchmarks/intake_submit.py [--requests N] [--clients 1,8]

Builds its own database (intake_bench by default: dropped and created, migrated, demo loaded),
its own triage key pair and static files in a temporary folder, then starts gunicorn with the
production settings on the public role (Redis cache, captcha explicitly disabled: no network
here) on 127.0.0.1. Each client is a thread that, like a person, loads the form (not timed) and
sends it (timed: from the request to the last byte of the receipt). Two loads: each client
loads the form once and then sends report after report (each with a new one-time token: the
submit path alone), and each client loads the form before every report (a person's whole
visit; only the submit is timed). Prints median and p95 per number of concurrent clients.

Absolute figures do not carry from one machine to another, so the same run also measures, at
each number of clients, a static file from the same gunicorn (the ceiling: WhiteNoise, no
database) and the home page rendered (the page cache is off in this server), and prints every
row as a multiple of the static file's median and a share of its rate, then the ratios issue 20
sets targets for: the submit's median over the rendered home's (1 client), the p95 at the most
clients over the 1-client median, and submits sent = acknowledged = referrals stored (nothing
lost). --keep keeps the database; --reuse runs on a kept one. Loopback only; bounded by
--requests.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import (  # noqa: E402
    drop_database,
    gunicorn,
    prepare_demo,
    production_environment,
    stop,
)

ANSWERS = {
    "danger_now": "no",
    "child_involved": "no",
    "what_happened": "My neighbour's cousin works on a farm and is not allowed to leave. " * 5,
    "where": "Kraljevo",
    "situation": ["labour"],
    "reporter": "acquaintance",
    "wants_contact": "yes",
    "contact_phone": "060 000 0000",
    "safe_times": "weekdays after 6 pm",
}


class Person:
    """One browser: a fresh connection per request, the CSRF cookie, the form's hidden fields."""

    def __init__(self, port):
        self.port = port
        self.cookie = ""
        self.headers = {"X-Forwarded-Proto": "https"}  # TLS ends at the proxy in production

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(
                method, path, body=body, headers={**self.headers, **(headers or {}),
                                                  "Cookie": self.cookie}
            )  # fmt: skip
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                if "csrftoken=" in header:
                    self.cookie = header.split(";")[0].strip()
            return response.status, content
        finally:
            connection.close()

    def load_form(self):
        status, html = self.request("GET", "/report/")
        assert status == 200, status
        hidden = dict(re.findall(rb'name="(csrfmiddlewaretoken|token)" value="([^"]+)"', html))
        self.hidden = {k.decode(): v.decode() for k, v in hidden.items()}

    def submit(self, reload_form):
        if reload_form or not getattr(self, "hidden", None):
            self.load_form()
        else:
            # The same person sending another report from the page: a new one-time token,
            # as a new rendering of the form would carry.
            self.hidden["token"] = secrets.token_urlsafe(32)
        data = self.hidden | ANSWERS
        body = urlencode(data, doseq=True).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://127.0.0.1:{self.port}",
        }
        started = time.perf_counter()
        status, receipt = self.request("POST", "/report/", body, headers)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200 or b"receipt__code" not in receipt:
            raise RuntimeError(f"submission failed: {status} {receipt[:300]!r}")
        return elapsed


def run_clients(port, clients, per_client, action):
    """`clients` threads, each calling action(person) per_client times; (times in ms, errors,
    seconds of the whole run)."""
    times, errors = [], []
    lock = threading.Lock()

    def work():
        person = Person(port)
        for _ in range(per_client):
            try:
                elapsed = action(person)
            except Exception as error:  # noqa: BLE001
                with lock:
                    errors.append(error)
                continue
            with lock:
                times.append(elapsed)

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(times), errors, time.perf_counter() - started


def summary(times, wall):
    """(median, p95, per second) of sorted times."""
    if not times:
        return float("nan"), float("nan"), 0.0
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(times) / wall


def measure(port, clients, requests, reload_form=False):
    """(acknowledged, median, p95, submits/s, errors) of `requests` submissions."""
    times, errors, wall = run_clients(
        port, clients, max(1, requests // clients), lambda person: person.submit(reload_form)
    )
    return (len(times), *summary(times, wall), errors)


def measure_get(port, path, clients, requests):
    """(median, p95, requests/s) of GETs of `path`, each on a fresh connection, as a submit's."""

    def get(person):
        started = time.perf_counter()
        status, _body = person.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        return (time.perf_counter() - started) * 1000

    times, errors, wall = run_clients(port, clients, max(1, requests // clients), get)
    if errors:
        raise errors[0]
    return summary(times, wall)


def stored_referrals(database_url):
    output = subprocess.run(
        ["psql", database_url, "-tAc", "SELECT count(*) FROM referrals_referral"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(output.strip())


def static_path(port):
    """The stylesheet the home page links: a static file served by the same gunicorn
    (WhiteNoise), the fastest answer the server can give: the ceiling."""
    _status, html = Person(port).request("GET", "/")
    return re.search(rb'href="(/static/[^"]+\.css)"', html).group(1).decode()


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="submissions per level")
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    add_database_arguments(parser)
    return parser.parse_args()


def add_database_arguments(parser):
    """The database and cache options (shared with benchmarks/submit_profile.py)."""
    parser.add_argument("--database", default="intake_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="use the database as it is (one kept by --keep)"
    )


def environment(args, work):
    """The production settings on the public role, as the benchmark's server runs them."""
    return production_environment(
        "public",
        "127.0.0.1",
        work,
        f"{args.pg}/{args.database}",
        args.redis,
        CACHE_KEY_PREFIX="intake-bench",
        LOG_LEVEL=None,
        SECURE_SSL_REDIRECT="false",
        INTAKE_SUBMIT_RATE="1000000/60",
        # The home page is rendered on every request: the reference the submit is compared to.
        PAGE_CACHE_SECONDS="0",
    )


def prepare(args):
    """(environment, work folder): a key pair and static files in a temporary folder, and the
    database dropped, created, migrated and loaded with the demo site (with --reuse, kept as it
    is and migrated)."""
    work = Path(tempfile.mkdtemp(prefix="intake-bench-"))
    env = environment(args, work)
    if not args.reuse:
        print(f"preparing database {args.database} (migrate, demo content, static files)...")
    prepare_demo(env, secrets.token_urlsafe(16), reuse=args.reuse)
    return env, work


def drop(args, env, work):
    if not args.keep:
        drop_database(env["DATABASE_URL"])
    shutil.rmtree(work, ignore_errors=True)


ROW = "{:>7}  {:<18}  {:>6}  {:>9.1f}  {:>7.1f}  {:>7.0f}  {:>8.1f}x  {:>7.0%}"


def print_row(clients, what, count, median, p95, rate, ceiling):
    """One row, with its median as a multiple of the static file's and its rate as a share of
    the static file's rate at the same number of clients (`ceiling`: median, p95, rate)."""
    shares = (median / ceiling[0], rate / ceiling[2])
    print(ROW.format(clients, what, count, median, p95, rate, *shares))


def main():
    args = parse_arguments()
    env, work = prepare(args)
    server, port = gunicorn(env, workers=args.workers, options=["--log-level", "warning"])
    levels = [int(c) for c in args.clients.split(",")]
    database_url = env["DATABASE_URL"]
    try:
        measure(port, 2, 40)  # warm up every worker
        measure_get(port, "/", 2, 20)
        static = static_path(port)
        load_before = os.getloadavg()
        print(
            f"\ngunicorn {args.workers} sync workers, production settings, public role, "
            f"PostgreSQL + Redis, {os.cpu_count()} cores; load average before "
            + " ".join(f"{x:.2f}" for x in load_before)
        )
        print(
            f"{'clients':>7}  {'what':<18}  {'count':>6}  {'median ms':>9}  {'p95 ms':>7}  "
            f"{'per s':>7}  {'x static':>9}  {'% static':>7}"
        )
        ceiling, home, results = {}, {}, {}
        for clients in levels:
            ceiling[clients] = measure_get(port, static, clients, args.requests)
            print_row(clients, "static file", args.requests, *ceiling[clients], ceiling[clients])
            home[clients] = measure_get(port, "/", clients, args.requests)
            print_row(clients, "home (rendered)", args.requests, *home[clients], ceiling[clients])
        before = stored_referrals(database_url)
        sent = 0
        for reload_form in (False, True):
            for clients in levels:
                count, median, p95, rate, errors = measure(
                    port, clients, args.requests, reload_form
                )
                sent += max(1, args.requests // clients) * clients
                results[clients, reload_form] = (count, median, p95, errors)
                what = "submit, form " + ("each" if reload_form else "once")
                print_row(clients, what, count, median, p95, rate, ceiling[clients])
                if errors:
                    print(f"         {len(errors)} failed, the first: {errors[0]}")
        stored = stored_referrals(database_url) - before
        print_ratios(levels, home, results, sent, stored)
        print("load average after " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    finally:
        stop(server, seconds=30)
        drop(args, env, work)


def print_ratios(levels, home, results, sent, stored):
    """The figures issue 20 sets targets for, as ratios of figures of this same run."""
    one, many = min(levels), max(levels)
    submit_one = results[one, False][1]
    acknowledged = sum(count for count, *_ in results.values())
    print("\nRatios (this run):")
    print(
        f"  submit median / rendered home median, {one} client: "
        f"{submit_one / home[one][0]:.2f}x  (target <= 1.2)"
    )
    print(
        f"  submit p95 at {many} clients / submit median at {one}: "
        f"{results[many, False][2] / submit_one:.2f}x  (target <= 3)"
    )
    lost = "nothing lost" if acknowledged == stored == sent else "LOST OR FAILED"
    print(f"  submits sent {sent}, acknowledged {acknowledged}, referrals stored {stored}: {lost}")


if __name__ == "__main__":
    main()
