"""Drafts the statistical report of last month (and, in January, of last year) from the triage
queue's statistics, on the internal tier on the 1st of each month (docs/operations.md)."""

import re

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.drafts import draft_report, notify


def previous_month(today):
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def parse_month(text):
    match = re.fullmatch(r"(\d{4})-(\d{2})", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandError(f"--month takes YYYY-MM, not {text!r}")
    return int(match.group(1)), int(match.group(2))


class Command(BaseCommand):
    help = (
        "Create or update the draft statistical report of last month (in January also of last "
        "year), never a published one, and tell the responsible editors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM: that month's report")
        parser.add_argument("--year", type=int, help="YYYY: that year's annual report")

    def periods(self, options):
        if options["month"] or options["year"]:
            periods = []
            if options["month"]:
                periods.append(parse_month(options["month"]))
            if options["year"]:
                periods.append((options["year"], None))
            return periods
        year, month = previous_month(timezone.localdate())
        # January's run also drafts the year just ended.
        return [(year, month), (year, None)] if month == 12 else [(year, month)]

    def handle(self, *args, **options):
        for year, month in self.periods(options):
            try:
                outcome = draft_report(year, month)
            except (ValueError, LookupError) as error:
                raise CommandError(str(error)) from error
            page = outcome.page
            if outcome.action == "published":
                self.stdout.write(
                    f"Left alone: the report {page.statistics_period} (page {page.pk}) has been "
                    "published; an editor changes it, not this command."
                )
                continue
            notify(outcome)
            self.stdout.write(
                f"{outcome.action.capitalize()} the draft report {page.statistics_period} "
                f"(page {page.pk}, not published)."
            )
