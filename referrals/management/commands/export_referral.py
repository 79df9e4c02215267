"""Print one referral, decrypted, as JSON for the Centre's staff tooling. Internal role only;
every export is recorded in the audit log."""

import getpass
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from referrals import keys, sealing
from referrals.crypto import CryptoError
from referrals.models import Referral
from referrals.models.referral import normalise_reference
from referrals.triage import audit


class Command(BaseCommand):
    help = "Print a referral decrypted as JSON (internal role only; audited)."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="e.g. CZ-7K3M-9QXD")
        parser.add_argument(
            "--include-files", action="store_true", help="add the attachments' bytes (base64)"
        )
        parser.add_argument("--actor", help="who asks (default: the operating-system user)")

    def handle(self, *args, **options):
        if settings.SITE_ROLE == "public":
            raise CommandError("export_referral runs on the internal role only")
        reference = normalise_reference(options["reference"])
        referral = Referral.objects.filter(reference=reference).first() if reference else None
        if referral is None:
            raise CommandError("no referral with this reference")
        if referral.is_destroyed:
            raise CommandError(
                f"the content of this referral was destroyed on {referral.destroyed_at:%Y-%m-%d} "
                "(retention period)"
            )
        try:
            data = sealing.decrypt(referral, include_files=options["include_files"])
        except keys.KeyUnavailable as error:
            raise CommandError(f"cannot decrypt: {error}") from None
        except CryptoError:
            raise CommandError("cannot decrypt: the sealed data does not open") from None
        actor = options["actor"] or f"{getpass.getuser()} (manage.py)"
        audit.append(
            "referral.exported",
            actor=actor,
            reference=referral.reference,
            detail={"command": "export_referral", "files": options["include_files"]},
        )
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
