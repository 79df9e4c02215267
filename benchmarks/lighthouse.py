"""Lighthouse 13, mobile (its default throttling: a mid-range phone on slow 4G, 4x CPU slowdown),
on the public pages of the demo site in the three languages, served production-like.

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--pages home,report] [--languages sr,en]

Makes a fresh database (`cpvht_bench_lighthouse`, dropped afterwards) with the demo, starts the
public tier with the production settings (gunicorn, PostgreSQL, Redis, the page cache on;
tests/lighthouse_site.py) and runs Lighthouse (npm, package.json) with Debian's Chromium on each
page (--runs times; the median of each score is printed). Prints the four scores per page and,
under the table, each audit that cost points in any run. Lighthouse's scores are relative to its
model of a phone, not to this machine, but a busy machine still lowers the performance score
(long tasks take longer): run it on an idle one, or with --runs 3 or 5 as Lighthouse advises.
"""

import argparse
import datetime
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.lighthouse_site import (  # noqa: E402
    drop,
    lost_points,
    public_site,
    run_lighthouse,
    scores,
)

DATABASE = "cpvht_bench_lighthouse"
# Serbian Cyrillic, the source language, has no prefix.
LANGUAGES = {"sr": "", "sr-latn": "/sr-latn", "en": "/en"}
PAGES = {
    "home": "/",
    "help": "/help/what-to-do/",
    "report": "/report/",
    "professional": "/professional-referral/",
    "archive": "/plans-and-reports/",
    "plan-2021": "/plans-and-reports/work-plan-2021/",
    "campaign": "/campaigns/world-day-2026/",
    "news": "/news/plans-for-2024/",
}


def chosen(value, known):
    names = value.split(",") if value else list(known)
    unknown = set(names) - set(known)
    if unknown:
        raise SystemExit(f"unknown: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    return names


def measure(url, report, runs):
    """([median score of each category], ["category: audit" that cost points in any run])."""
    reports = [run_lighthouse(url, report) for _ in range(runs)]
    columns = zip(*(scores(r).values() for r in reports), strict=True)
    lost = [f"{c}: {a}" for c, audits in lost_points(*reports).items() for a in audits]
    return [statistics.median(column) for column in columns], lost


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", help=f"comma-separated, of: {', '.join(PAGES)}")
    parser.add_argument("--languages", help=f"comma-separated, of: {', '.join(LANGUAGES)}")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median printed)")
    parser.add_argument(
        "--reuse", metavar="FOLDER", help="keep the database and this folder between runs"
    )
    args = parser.parse_args()
    pages, languages = chosen(args.pages, PAGES), chosen(args.languages, LANGUAGES)
    folder = Path(args.reuse or tempfile.mkdtemp(prefix="cpvht-lighthouse-"))
    folder.mkdir(parents=True, exist_ok=True)
    version = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "lighthouse"), "--version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"Lighthouse {version}, mobile, {datetime.date.today()}; Debian's Chromium\n")
    print(f"{'page':<48} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
    lost = {}
    try:
        with public_site(folder, DATABASE, reuse=bool(args.reuse)) as base:
            for language in languages:
                for name in pages:
                    path = LANGUAGES[language] + PAGES[name]
                    row, audits = measure(base + path, folder / "report.json", args.runs)
                    print(f"{path:<48} " + " ".join(f"{v:>5g}" for v in row), flush=True)
                    for audit in audits:
                        lost.setdefault(audit, []).append(path)
    finally:
        if not args.reuse:
            drop(DATABASE)
            shutil.rmtree(folder, ignore_errors=True)
    print("\nWhat cost points:" if lost else "\nNothing cost points.")
    for audit, paths in sorted(lost.items()):
        print(f"  {audit}: {', '.join(paths)}")


if __name__ == "__main__":
    main()
