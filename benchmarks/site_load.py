"""Load test of the public role as production runs it: gunicorn, PostgreSQL, Redis.

    .venv/bin/python benchmarks/site_load.py [--seconds 10] [--workers 4]

Starts two gunicorn servers on loopback from one fresh database (`cpvht_bench_site`, dropped
afterwards): one with the whole-page cache off ("uncached": every request renders, with the
shared fragments cached as in normal operation) and one with it on ("cached"). wrk (Debian's
package; installed with apt-get when missing) drives each page at 1 and 16 connections. Then it
counts SQL queries per page in-process and prints the bytes each public page transfers.

Absolute figures do not carry from one machine to another: each server also serves a static
file (the stylesheet, through WhiteNoise: no database, no template), the ceiling of what that
server answers, and every row is printed also as a multiple of the static file's median and a
share of its requests per second, at the same number of connections, in the same run. Redis:
BENCH_REDIS_URL (database 14 by default), flushed.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import (  # noqa: E402
    drop_database,
    gunicorn,
    prepare_demo,
    production_environment,
)

DATABASE = "cpvht_bench_site"
HOST = "centar.example"
PAGES = [
    ("home", "/"),
    ("2021 work plan", "/plans-and-reports/work-plan-2021/"),
]
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.3f %.3f %.1f %d %d\\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6),
    summary.requests, errors))
end
"""


def environment(var_dir, database, cache_prefix, **overrides):
    """A benchmark's public tier on HOST with `database` on the local PostgreSQL, Redis at
    BENCH_REDIS_URL (shared with benchmarks/campaign_day.py)."""
    return production_environment(
        "public",
        HOST,
        var_dir,
        f"postgres://postgres@127.0.0.1:5432/{database}",
        os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        cache_prefix,
        **overrides,
    )


def prepare(env):
    prepare_demo(env, "a passphrase for the benchmark only")
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def start_server(env, page_cache_seconds, workers):
    env = {**env, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    return gunicorn(env, workers=workers, options=["--log-level", "warning"])


def fetch(port, path, headers=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})},
    )
    # Long enough for a first render on a loaded machine (the cold frame, every template).
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read(), dict(response.headers)


def python_load(port, path, connections, seconds, _script=None):
    """What wrk reports, from `connections` Python threads, each sending request after request
    on a kept-alive connection for `seconds` (--client python: no wrk to install). The client
    shares the 2 cores and is slower than wrk, so compare its rows only with each other, as the
    static file's share does."""
    import http.client
    import statistics
    import threading
    import time

    times, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}

    def work():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            with lock:
                if ok:
                    times.append((time.perf_counter() - started) * 1000)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=work) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    rps = len(times) / (time.perf_counter() - started)
    return statistics.median(times), p95, rps, len(times), errors[0]


def wrk(port, path, connections, seconds, script):
    threads = min(connections, 2)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            script,
            "-H",
            f"Host: {HOST}",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    _tag, p50, p95, rps, count, errors = re.search(r"RESULT .*", output).group(0).split()
    return float(p50), float(p95), float(rps), int(count), int(errors)


def query_counts(env):
    """SQL queries per page, in-process, with the shared fragments cached (second request)."""
    code = (
        "from django.test import Client; from django.db import connection; "
        "from django.test.utils import CaptureQueriesContext; "
        f"c = Client(HTTP_HOST='{HOST}', HTTP_X_FORWARDED_PROTO='https'); "
        f"paths = {[path for _name, path in PAGES]!r}\n"
        "for p in paths:\n"
        "    c.get(p)\n"
        "    with CaptureQueriesContext(connection) as q: c.get(p)\n"
        "    print('QUERIES', p, len(q))\n"
    )
    output = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        line.split()[1]: int(line.split()[2])
        for line in output.splitlines()
        if line.startswith("QUERIES")
    }


MEDIA_ROOT = Path()


def page_weight(port, path):
    html, _headers = fetch(port, path)
    text = html.decode()
    assets = re.findall(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"', text)
    images = re.findall(r'<img[^>]+src="([^"]+)"', text)
    weight = {"html": (len(html), len(gzip.compress(html, 6)))}
    for asset in assets:
        body, _ = fetch(port, asset)
        compressed, headers = fetch(port, asset, {"Accept-Encoding": "gzip"})
        kind = "css" if asset.endswith(".css") else "js"
        raw, packed = weight.get(kind, (0, 0))
        sent = len(compressed) if headers.get("Content-Encoding") == "gzip" else len(body)
        weight[kind] = (raw + len(body), packed + sent)
    # Media is served by the web server in front of gunicorn, so its size is read from disk.
    image_bytes = sum(
        (MEDIA_ROOT / image.removeprefix("/media/")).stat().st_size
        for image in set(images)
        if image.startswith("/media/")
    )
    fonts = re.findall(r"@font-face|\.woff2?", text)
    return weight, image_bytes, bool(fonts)


def print_page_weights(port):
    print("\nBytes per public page (gzip as served; HTML gzipped at level 6 as a proxy would):")
    print(
        f"{'page':<44} {'html':>12} {'css':>12} {'js':>12} {'total gz':>9} "
        f"{'images':>8} {'fonts':>6}"
    )
    for path in [
        "/",
        "/sr-latn/",
        "/en/",
        "/help/what-to-do/",
        "/plans-and-reports/",
        "/plans-and-reports/work-plan-2021/",
        "/campaigns/world-day-2026/",
        "/news/",
    ]:
        weight, images, fonts = page_weight(port, path)
        cells = {k: f"{v[0]}/{v[1]}" for k, v in weight.items()}
        total = sum(v[1] for v in weight.values())
        print(
            f"{path:<44} {cells.get('html', '-'):>12} {cells.get('css', '-'):>12} "
            f"{cells.get('js', '-'):>12} {total:>9} {images:>8} {'yes' if fonts else 'no':>6}"
        )
    print("(raw/compressed bytes)")


def static_path(port):
    """The stylesheet the home page links: a static file from the same gunicorn (WhiteNoise,
    no database), the fastest answer the server gives: the ceiling each page is compared to."""
    html, _headers = fetch(port, "/")
    return re.search(r'href="(/static/[^"]+\.css)"', html.decode()).group(1)


def measure_all(servers, seconds, script, load=wrk):
    """{(name, mode, connections): (median, p95, req/s, errors)}, the static file first."""
    rows = {}
    for mode in ("uncached", "cached"):
        _process, port = servers[mode]
        for name, path in [("static file", static_path(port)), *PAGES]:
            fetch(port, path)  # warm
            for connections in (1, 16):
                p50, p95, rps, _count, errors = load(port, path, connections, seconds, script)
                rows[name, mode, connections] = (p50, p95, rps, errors)
    return rows


def print_table(rows):
    """Each row also as a multiple of the static file's median and a share of its requests per
    second, from the same server at the same number of connections (measured in this run)."""
    print(
        f"{'page':<16} {'mode':<9} {'conns':>5} {'median ms':>10} {'p95 ms':>8} "
        f"{'req/s':>9} {'errors':>7} {'x static':>9} {'% static':>8}"
    )
    for name in ["static file", *(page for page, _path in PAGES)]:
        for mode in ("uncached", "cached"):
            for connections in (1, 16):
                p50, p95, rps, errors = rows[name, mode, connections]
                static = rows["static file", mode, connections]
                print(
                    f"{name:<16} {mode:<9} {connections:>5} {p50:>10.2f} {p95:>8.2f} "
                    f"{rps:>9.0f} {errors:>7} {p50 / static[0]:>8.1f}x {rps / static[2]:>8.0%}"
                )


def main():
    global DATABASE
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default=DATABASE, help="dropped, created, dropped again")

    parser.add_argument(
        "--client", choices=("wrk", "python"), default="wrk", help="python: threads, no wrk"
    )
    args = parser.parse_args()
    DATABASE = args.database
    if args.client == "wrk" and shutil.which("wrk") is None:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL
        )
    global MEDIA_ROOT
    var_dir = Path(tempfile.mkdtemp(prefix="cpvht-load-"))
    MEDIA_ROOT = var_dir / "media"
    script = var_dir / "report.lua"
    script.write_text(WRK_SCRIPT)
    # The whole-page cache off; start_server turns it on for the "cached" server.
    env = environment(var_dir, DATABASE, "bench-site", PAGE_CACHE_SECONDS="0")
    prepare(env)
    servers = {}
    try:
        servers["uncached"] = start_server(env, 0, args.workers)
        servers["cached"] = start_server(env, 300, args.workers)
        print(
            f"gunicorn, {args.workers} sync workers, PostgreSQL + Redis, production settings, "
            f"{args.client} {args.seconds} s per row, {os.cpu_count()} cores; "
            "load average before " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "\n"
        )
        load = wrk if args.client == "wrk" else python_load
        print(f"client: {args.client}")
        rows = measure_all(servers, args.seconds, script, load)
        print_table(rows)
        print("load average after " + " ".join(f"{x:.2f}" for x in os.getloadavg()))

        print("\nSQL queries per request (shared fragments cached):")
        for path, count in query_counts(env).items():
            print(f"  {path:<40} {count}")

        _process, port = servers["uncached"]
        print_page_weights(port)
    finally:
        for process, _port in servers.values():
            process.terminate()
            process.wait(timeout=10)
        drop_database(env["DATABASE_URL"], check=False)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
