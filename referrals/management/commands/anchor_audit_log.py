"""Append the audit log's head, signed, to AUDIT_ANCHOR_FILE after verifying the whole chain
against the earlier anchors. Run it from cron on the internal tier, as the Unix user that owns
the append-only anchor file (docs/triage.md, "Audit log")."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from referrals.triage import audit


class Command(BaseCommand):
    help = "Verify the audit log and append its head, signed, to AUDIT_ANCHOR_FILE."

    def handle(self, *args, **options):
        with translation.override("en"):
            result = audit.verify()
        if not result.ok:
            # A broken chain is never anchored: the next check must still see the break.
            raise CommandError(
                f"audit log TAMPERED: {result.problem} ({result.count} events verified); "
                "head not anchored"
            )
        try:
            anchor = audit.anchor_head(result)
        except OSError as error:
            raise CommandError(
                f"cannot write the anchor file {audit.anchor_path()}: {error.strerror}"
            ) from error
        if options["verbosity"] < 1:  # from cron: quiet unless it fails
            return
        if anchor:
            self.stdout.write(f"anchored event {anchor.seq}, head {anchor.hash}")
        elif result.count:
            self.stdout.write(f"already anchored: event {result.count}, head {result.head}")
        else:
            self.stdout.write("nothing to anchor: the audit log is empty")
