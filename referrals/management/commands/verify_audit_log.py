"""Check the audit log's hash chain against the anchored heads: exit status 0 only when every
event holds and every anchored head is still in the chain. Then anchor the head it found."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from referrals.triage import audit


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain and the anchored heads (exit 0 only when both hold), "
        "then anchor the head."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            help="a head hash printed by an earlier run or mailed in a daily summary: it must "
            "still be in the chain (this catches events removed from the end)",
        )
        parser.add_argument(
            "--no-anchor",
            action="store_true",
            help="only verify; do not append the head to AUDIT_ANCHOR_FILE",
        )

    def handle(self, *args, **options):
        # Operators read English here, whatever LANGUAGE_CODE the staff's admin uses.
        with translation.override("en"):
            result = audit.verify(expected_head=options["head"])
        if not result.ok:
            raise CommandError(
                f"audit log TAMPERED: {result.problem} ({result.count} events verified)"
            )
        self.stdout.write(f"audit log intact: {result.count} events, head {result.head}")
        anchor = result.anchor
        if not options["no_anchor"]:
            try:
                anchor = audit.anchor_head(result) or anchor
            except OSError as error:
                # Whoever may not write the file (the web user, in production) still gets the
                # answer; the anchoring user's cron job writes it.
                self.stderr.write(
                    f"warning: head not anchored, cannot write {audit.anchor_path()}: "
                    f"{error.strerror}"
                )
        if anchor:
            self.stdout.write(f"last anchor: event {anchor.seq} at {anchor.at:%Y-%m-%d %H:%M} UTC")
        else:
            self.stdout.write("nothing anchored yet: removed tail events cannot be detected")
