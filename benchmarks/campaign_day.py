"""Campaign-day load on the public tier as deployed: nginx (deploy/nginx/cpvht-public.conf, TLS)
in front of gunicorn, and with --varnish also Varnish (deploy/varnish/default.vcl) between them.

    .venv/bin/python benchmarks/campaign_day.py [--seconds 5] [--workers 3] [--varnish]

Makes a fresh database (`cpvht_bench_campaign`, dropped afterwards) with the demo site, starts
the public tier with the production settings (PostgreSQL, Redis, the page cache on) and drives,
with wrk (Debian's package) over HTTPS through nginx, the home page, a campaign page, the report
form (GET: rendered every time, it carries a CSRF token) and one static file at 16, 64 and 256
connections. Machines differ 2-3x, so each row's requests/s is also given as a share of the
static file's at the same number of connections in the same run. Prints the load average
before and after: the figures mean little on a machine busy with something else.
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from site_load import HOST, environment  # noqa: E402

from tests.servers import (  # noqa: E402
    drop_database,
    free_port,
    gunicorn,
    nginx_folder,
    prepare_demo,
    wait_for,
)

DATABASE = "cpvht_bench_campaign"
CONNECTIONS = (16, 64, 256)
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.3f %.3f %.1f %d %d\\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),
    summary.requests, errors))
end
"""


def self_signed(folder):
    crt, key = folder / "public.crt", folder / "public.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        + ["-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(crt)],
        check=True,
        capture_output=True,
    )
    return crt, key


def start_gunicorn(env, workers):
    return gunicorn(env, workers=workers, options=["--log-level", "warning"])


def start_varnish(folder, app_port):
    port, purge = free_port(), free_port()
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    (folder / "default.vcl").write_text(vcl.replace('"8001"', f'"{app_port}"'))
    process = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-n", str(folder / "varnish")]
        + ["-a", f"127.0.0.1:{port}", "-a", f"purge=127.0.0.1:{purge}"]
        + ["-f", str(folder / "default.vcl"), "-s", "malloc,128m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(port, process)
    return process, port


def start_nginx(folder, upstream_port, media):
    """deploy/nginx/cpvht-public.conf on loopback ports with a self-signed certificate, as in
    tests/deploy/test_two_tiers.py; worker_connections raised for 256 clients."""
    conf = folder / "nginx"
    nginx_folder(conf, ["cpvht-public.conf"], connections=1024)
    crt, key = self_signed(conf)
    http, tls = free_port(), free_port()
    text = (ROOT / "deploy" / "nginx" / "cpvht-public.conf").read_text()
    text = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", text)
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{tls} ssl http2;"),
        ("/etc/ssl/cpvht/public.crt", str(crt)),
        ("/etc/ssl/cpvht/public.key", str(key)),
        ("127.0.0.1:8001", f"127.0.0.1:{upstream_port}"),
        ("/var/log/nginx/", f"{conf / 'logs'}/"),
        ("/srv/cpvht/var/media/", f"{media}/"),
    ):
        text = text.replace(old, new)
    (conf / "cpvht-public.conf").write_text(text)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen(
        [nginx, "-p", str(conf), "-c", str(conf / "nginx.conf")], stderr=subprocess.DEVNULL
    )
    wait_for(tls, process)
    return process, tls


def curl_headers(port, path):
    result = subprocess.run(
        ["curl", "-sk", "-o", "/dev/null", "-D", "-", "--resolve", f"{HOST}:{port}:127.0.0.1"]
        + [f"https://{HOST}:{port}{path}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.stdout


def fetch_text(port, path):
    return subprocess.run(
        ["curl", "-sk", "--resolve", f"{HOST}:{port}:127.0.0.1", f"https://{HOST}:{port}{path}"],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout


def wrk(port, path, connections, seconds, script):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script]
        + ["-H", f"Host: {HOST}", f"https://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    _tag, p50, p99, rps, count, errors = re.search(r"RESULT .*", output).group(0).split()
    return float(p50), float(p99), float(rps), int(count), int(errors)


def drain(port, seconds=120):
    """Waits until the application answers at once again: wrk stops, but what it left queued
    (256 form renders take many seconds) would otherwise be measured in the next row."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch_text(port, "/healthz")
        if time.monotonic() - started < 0.2:
            return
        time.sleep(0.5)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def run(label, port, targets, seconds, script):
    print(f"\n{label}")
    print(
        f"{'target':<28} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'of static':>9}"
    )
    for connections in CONNECTIONS:
        rows = {}
        for name, path in targets:
            wrk(port, path, min(connections, 16), 1, script)  # warm the caches
            rows[name] = wrk(port, path, connections, seconds, script)
            drain(port)
        static_rps = rows["static file"][2]
        for name, (p50, p99, rps, _count, errors) in rows.items():
            share = f"{rps / static_rps:.2f}" if static_rps else "-"
            print(
                f"{name:<28} {connections:>5} {rps:>8.0f} {p50:>8.1f} {p99:>8.1f} "
                f"{errors:>7} {share:>9}"
            )


def parse_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--varnish", action="store_true", help="also run with Varnish")
    return parser.parse_args()


def main():
    args = parse_arguments()
    for tool in ("wrk", "nginx", *(["varnishd"] if args.varnish else [])):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx-light varnish")

    folder = Path(tempfile.mkdtemp(prefix="cpvht-campaign-"))
    (folder / "media").mkdir()
    # Behind one nginx; the whole-page cache on (the settings' default).
    env = environment(folder, DATABASE, "bench-campaign", INTAKE_TRUSTED_PROXY_COUNT="1")
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    print(f"{datetime.date.today()}, {os.cpu_count()} cores, load average before:", end=" ")
    print(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    # The report form is served only with a key to seal with: prepare_demo makes one.
    prepare_demo(env, "a passphrase for the benchmark only")
    processes = []
    try:
        app, app_port = start_gunicorn(env, args.workers)
        processes.append(app)
        nginx, port = start_nginx(folder, app_port, folder / "media")
        processes.append(nginx)
        home = fetch_text(port, "/")
        # A campaign page itself (not the campaigns' feed), as the campaigns' index links it.
        campaign = next(
            link
            for link in re.findall(
                r'href="(/campaigns/[a-z0-9-]+/)"', fetch_text(port, "/campaigns/")
            )
            if link != "/campaigns/feed/"
        )
        static = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
        targets = [
            ("static file", static),
            ("home /", "/"),
            (f"campaign {campaign}", campaign),
            ("report form /report/", "/report/"),
        ]
        print(
            f"gunicorn {args.workers} sync workers, production settings (public role, page cache "
            f"on), nginx 1 worker with TLS, wrk 2 threads, {args.seconds} s per row"
        )
        run("nginx -> gunicorn", port, targets, args.seconds, script)
        if args.varnish:
            varnish, varnish_port = start_varnish(folder, app_port)
            processes.append(varnish)
            nginx_v, port_v = start_nginx(folder / "with-varnish", varnish_port, folder / "media")
            processes.append(nginx_v)
            headers = curl_headers(port_v, "/")
            headers = curl_headers(port_v, "/")
            assert re.search(r"(?im)^x-varnish: \d+ \d+", headers), "the home page is a hit"
            run("nginx -> varnish -> gunicorn", port_v, targets, args.seconds, script)
        print("\nload average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    finally:
        for process in reversed(processes):
            stop(process)
        time.sleep(0.5)
        drop_database(env["DATABASE_URL"], check=False)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
