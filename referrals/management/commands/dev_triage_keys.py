"""Development only: make sure var/keys holds a triage key pair, with a random passphrase kept
in var/ (both ignored by git), so `make run` can take and read referrals."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from referrals import crypto


class Command(BaseCommand):
    help = "Create development triage keys in var/keys if there are none (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("dev_triage_keys runs only with DEBUG on (development settings)")
        keys_dir, passphrase_file = settings.DEV_KEYS_DIR, settings.DEV_KEY_PASSPHRASE_FILE
        existing = sorted(keys_dir.glob("*.pub")) if keys_dir.exists() else []
        if existing and passphrase_file.exists():
            self.stdout.write(f"Development triage key: {existing[-1].stem} (in {keys_dir})")
            return
        keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not passphrase_file.exists():
            passphrase_file.write_text(secrets.token_urlsafe(24))
            passphrase_file.chmod(0o600)
        pub = crypto.write_keypair(keys_dir, passphrase_file.read_text().strip().encode())
        self.stdout.write(
            self.style.SUCCESS(f"Development triage key {pub.key_id} created in {keys_dir}")
        )
