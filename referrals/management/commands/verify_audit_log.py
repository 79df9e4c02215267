"""Check the audit log's hash chain: exit status 0 only when every event holds."""

from django.core.management.base import BaseCommand, CommandError

from referrals import audit


class Command(BaseCommand):
    help = "Verify the audit log's hash chain (exit 0 only when it holds)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            help="a head hash printed by an earlier run: it must still be in the chain "
            "(this catches events removed from the end)",
        )

    def handle(self, *args, **options):
        result = audit.verify(expected_head=options["head"])
        if not result.ok:
            raise CommandError(
                f"audit log broken: {result.problem} ({result.count} events verified before it)"
            )
        self.stdout.write(f"audit log intact: {result.count} events, head {result.head}")
