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
Loopback only; bounded by --requests.
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

from referrals import crypto  # noqa: E402
from tests.servers import gunicorn, stop  # noqa: E402

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


def run(args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


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


def measure(port, clients, requests, reload_form=False):
    per_client = max(1, requests // clients)
    times, errors = [], []
    lock = threading.Lock()

    def work():
        person = Person(port)
        for _ in range(per_client):
            try:
                elapsed = person.submit(reload_form)
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
    wall = time.perf_counter() - started
    if errors:
        raise errors[0]
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return len(times), statistics.median(times), p95, len(times) / wall


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="submissions per level")
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated")
    parser.add_argument("--database", default="intake_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main():
    args = parse_arguments()
    work = Path(tempfile.mkdtemp(prefix="intake-bench-"))
    passphrase = secrets.token_urlsafe(16).encode()
    pub = crypto.write_keypair(work, passphrase)
    database_url = f"{args.pg}/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis,
        "CACHE_KEY_PREFIX": "intake-bench",
        "VAR_DIR": str(work),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_ROLE": "public",
        "SECURE_SSL_REDIRECT": "false",
        "RECAPTCHA_DISABLED": "true",
        "INTAKE_TRUSTED_PROXY_COUNT": "0",
        "TRIAGE_PUBLIC_KEY_FILE": str(work / f"{pub.key_id}.pub"),
        "INTAKE_SUBMIT_RATE": "1000000/60",
    }
    python = sys.executable
    print(f"preparing database {args.database} (migrate, demo content, static files)...")
    run(["psql", args.pg + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {args.database}"], env)
    run(["psql", args.pg + "/postgres", "-qc", f"CREATE DATABASE {args.database}"], env)
    run([python, "manage.py", "migrate", "--noinput"], env)
    run([python, "manage.py", "load_demo"], env)
    run([python, "manage.py", "collectstatic", "--noinput"], env)

    server, port = gunicorn(env, workers=args.workers, options=["--log-level", "warning"])
    try:
        measure(port, 2, 40)  # warm up every worker
        print(
            f"\ngunicorn {args.workers} sync workers, production settings, public role, "
            f"PostgreSQL + Redis, {os.cpu_count()} cores"
        )
        header = f"{'clients':>7}  {'form loaded':>11}  {'submits':>7}  {'median ms':>9}  "
        print(header + f"{'p95 ms':>7}  {'submits/s':>9}")
        for reload_form in (False, True):
            for clients in [int(c) for c in args.clients.split(",")]:
                count, median, p95, rate = measure(port, clients, args.requests, reload_form)
                loaded = "every time" if reload_form else "once"
                print(
                    f"{clients:>7}  {loaded:>11}  {count:>7}  {median:>9.1f}  {p95:>7.1f}  "
                    f"{rate:>9.0f}"
                )
    finally:
        stop(server, seconds=30)
        if not args.keep:
            run(["psql", args.pg + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {args.database}"],
                env)  # fmt: skip
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
