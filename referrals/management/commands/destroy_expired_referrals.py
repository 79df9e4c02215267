"""Destroy the sealed data of referrals closed longer ago than the retention period
(referrals/triage/retention.py, docs/retention.md). Internal role only; run daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from referrals.triage import retention

ACTOR = "retention (manage.py)"


class Command(BaseCommand):
    help = (
        "Destroy the sealed data (answers, attachments, follow-ups, notes) of referrals closed "
        "longer ago than TRIAGE_RETENTION_DAYS; coarse fields stay (internal role only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only count what would be destroyed; change nothing",
        )
        parser.add_argument(
            "--days",
            type=int,
            help="retention period in days (default: the TRIAGE_RETENTION_DAYS setting)",
        )

    def handle(self, *args, **options):
        # The public tier has no business deleting anything; retention belongs to the tier that
        # holds the keys and the audit log's readers.
        if settings.SITE_ROLE == "public":
            raise CommandError("destroy_expired_referrals runs on the internal role only")
        days = options["days"]
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more")
        days = retention.retention_days(days)
        now = timezone.now()
        due = retention.expired(now, days=days)
        if options["dry_run"]:
            count = due.count()
            self.stdout.write(
                f"{count} referral(s) would be destroyed (closed {days} or more days ago); "
                "dry run, nothing changed"
            )
            if options["verbosity"] >= 2:
                references = due.order_by("reference").values_list("reference", flat=True)
                for reference in references.iterator(chunk_size=2000):
                    self.stdout.write(f"  {reference}")
            return
        count = retention.destroy(due, actor=ACTOR, now=now, days=days)
        self.stdout.write(f"{count} referral(s) destroyed (closed {days} or more days ago)")
