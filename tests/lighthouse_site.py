"""The public tier started production-like for Lighthouse (benchmarks/lighthouse.py and
tests/browser/test_lighthouse.py): a fresh PostgreSQL database with the demo, gunicorn with the
production settings and the public role, and Lighthouse 13 (npm, package.json) driving Debian's
Chromium with its default mobile throttling.

nginx is not needed: gunicorn serves the site through tests/media_wsgi.py, which adds what
deploy/nginx/cpvht-public.conf serves from the disk (the image renditions under /media/images/),
and every request carries the `X-Forwarded-Proto: https` that nginx sets. Loopback is a secure
context for Chromium, so the production cookies (Secure, __Host-) are kept over plain HTTP."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from tests.servers import (
    drop_database,
    free_port,
    prepare_demo,
    production_environment,
    stop,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def database_url(database):
    return f"postgres://postgres@127.0.0.1:5432/{database}"


def environment(var_dir, database):
    return production_environment(
        "public",
        "127.0.0.1",
        var_dir,
        database_url(database),
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "lighthouse",
        # Lighthouse's own requests (robots.txt) go without the extra header below: they are
        # answered over plain HTTP here, not sent on to an https:// that nothing serves.
        SECURE_SSL_REDIRECT="false",
    )


def drop(database):
    drop_database(database_url(database), check=False)


@contextmanager
def public_site(var_dir, database, workers=2, reuse=False):
    """Yields the base URL of the site served by gunicorn with the production settings, on a
    fresh database with the demo (tests/servers.py, prepare_demo). With `reuse`, what a
    previous run left in the same folder and database is kept (for trying a change quickly)."""
    env = environment(var_dir, database)
    prepare_demo(env, "lighthouse only", reuse=reuse)
    port = free_port()
    with open(var_dir / "gunicorn.log", "a") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tests.media_wsgi:application"]
            + ["-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def run_lighthouse(url, report, attempts=2):
    """Lighthouse's mobile run of `url` (its default: a mid-range phone, slow 4G, 4x CPU
    slowdown); the JSON report is written to `report` and returned. A run that Lighthouse
    itself gives up on (a trace without its start, NO_NAVSTART, on a busy machine: "run
    Lighthouse again", it says) is run again."""
    for attempt in range(attempts):
        try:
            return _run_lighthouse(url, report)
        except RuntimeError:
            if attempt == attempts - 1:
                raise


def _run_lighthouse(url, report):
    chrome_flags = "--headless=new --no-sandbox --disable-gpu --no-first-run"
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet"]
        + [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={chrome_flags}"]
        + ['--extra-headers={"X-Forwarded-Proto": "https"}'],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(Path(report).read_text())


def scores(report):
    """{category: score out of 100}."""
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def lost_points(*reports):
    """{category: [audit ids that cost points in any of the reports]}: weighted audits scored
    under 1, or that Lighthouse could not score (an error scores the category null)."""
    lost = {}
    for report in reports:
        for name in CATEGORIES:
            for ref in report["categories"][name]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                failed = audit["scoreDisplayMode"] == "error" or (
                    audit["score"] is not None and audit["score"] < 1
                )
                if ref["weight"] > 0 and failed and ref["id"] not in lost.get(name, []):
                    lost.setdefault(name, []).append(ref["id"])
    return lost
