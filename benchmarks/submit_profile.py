"""Profile referral submissions in-process, with the production settings on the public role.

    .venv/bin/python benchmarks/submit_profile.py [--submits 60] [--top 20] [--keep|--reuse]

Prepares the database as benchmarks/intake_submit.py does (its --database, --pg, --redis,
--keep and --reuse), then, in a child process with that environment, sends reports through
Django's test client (the whole middleware stack and the CSRF check, no HTTP server): first
--submits of them unprofiled, timed, with as many rendered home pages and follow-up look-ups for
comparison, then the same number under cProfile. Prints the medians, the SQL queries of one
submit and of one look-up, and the functions that cost most: own time, then the cumulative
time of the project's own code. Loopback only; bounded by --submits.
"""

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from intake_submit import ANSWERS, add_database_arguments, drop, prepare  # noqa: E402

HIDDEN = r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"'


def child(submits, top, dump):
    """Runs in the child process, with the production environment."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    headers = {"Origin": "https://127.0.0.1"}
    hidden = dict(re.findall(HIDDEN, client.get("/report/").content.decode()))

    def send():
        data = {**hidden, **ANSWERS, "token": new_token()}
        response = client.post("/report/", data, headers=headers)
        codes = re.findall(r'class="receipt__code">([^<]+)<', response.content.decode())
        assert response.status_code == 200 and len(codes) == 2, response.status_code
        return codes

    def look_up(codes):
        data = {**hidden, "reference": codes[0], "secret": codes[1]}
        response = client.post("/report/follow-up/", data, headers=headers)
        assert response.status_code == 200 and codes[0] in response.content.decode()

    def timed(function, *args):
        started = time.perf_counter()
        result = function(*args)
        return (time.perf_counter() - started) * 1000, result

    for _ in range(5):  # warm: imports, the shared fragments, connections
        look_up(send())
        client.get("/")
    receipts, times = [], {"submit": [], "follow-up look-up": [], "home (rendered)": []}
    for _ in range(submits):
        elapsed, codes = timed(send)
        times["submit"].append(elapsed)
        receipts.append(codes)
        times["home (rendered)"].append(timed(client.get, "/")[0])
    for codes in receipts:
        times["follow-up look-up"].append(timed(look_up, codes)[0])
    for name, values in times.items():
        print(f"{name:<20} median {statistics.median(values):7.2f} ms  (n={len(values)})")
    with CaptureQueriesContext(connection) as queries:
        codes = send()
    print(f"\nSQL queries, one submit: {len(queries)}")
    for query in queries:
        print("  ", query["sql"][:110])
    with CaptureQueriesContext(connection) as queries:
        look_up(codes)
    print(f"SQL queries, one follow-up look-up: {len(queries)}")

    print_profile(send, submits, top, dump)


def print_profile(send, submits, top, dump):
    """cProfile of `submits` calls of send(): own time, then the project's cumulative time."""
    import cProfile
    import io
    import pstats

    profile = cProfile.Profile()
    for _ in range(submits):
        profile.enable()
        send()
        profile.disable()
    if dump:
        profile.dump_stats(dump)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(rf"^{re.escape(str(ROOT))}/(?!\.venv)", top)
    text = out.getvalue().replace(str(ROOT) + "/", "").replace(".venv/lib/python3.11/", "")
    print(f"\ncProfile of {submits} submits:\n{text}")


def new_token():
    return secrets.token_urlsafe(32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submits", type=int, default=60)
    parser.add_argument("--top", type=int, default=20, help="rows of each profile table")
    parser.add_argument("--dump", default="", help="also write the profile here (pstats)")
    add_database_arguments(parser)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*json.loads(args.child))
        return
    env, work = prepare(args)
    try:
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        subprocess.run(
            [sys.executable, __file__, "--child", json.dumps([args.submits, args.top, args.dump])],
            cwd=ROOT,
            env=env,
            check=True,
        )
    finally:
        drop(args, env, work)


if __name__ == "__main__":
    main()
