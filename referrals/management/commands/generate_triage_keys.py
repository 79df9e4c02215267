"""Generate a triage key pair: <key_id>.pub for every role, <key_id>.key (encrypted with a
passphrase, mode 0600) for the internal role only."""

import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from referrals import crypto

SUITES = {"x25519": crypto.SUITE_X25519, "mlkem768-x25519": crypto.SUITE_MLKEM768_X25519}
MIN_PASSPHRASE = 12


class Command(BaseCommand):
    help = (
        "Generate a triage key pair. The passphrase comes from TRIAGE_KEY_PASSPHRASE or is asked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="folder for <key_id>.pub and .key")
        parser.add_argument(
            "--suite",
            choices=sorted(SUITES),
            default="x25519",
            help="x25519 (default) or the post-quantum hybrid mlkem768-x25519",
        )

    def handle(self, *args, **options):
        passphrase = os.environ.get("TRIAGE_KEY_PASSPHRASE", "")
        if not passphrase:
            if not self.stdin_is_interactive():
                raise CommandError("set TRIAGE_KEY_PASSPHRASE, or run in a terminal to be asked")
            passphrase = getpass.getpass("Passphrase for the private key: ")
            if getpass.getpass("The same again: ") != passphrase:
                raise CommandError("the two passphrases differ")
        if len(passphrase) < MIN_PASSPHRASE:
            raise CommandError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True, mode=0o700)
        pub = crypto.write_keypair(out, passphrase.encode("utf-8"), SUITES[options["suite"]])
        self.stdout.write(f"key id {pub.key_id} ({pub.suite})")
        self.stdout.write(f"public key:  {out / (pub.key_id + '.pub')}  -> TRIAGE_PUBLIC_KEY_FILE")
        self.stdout.write(
            f"private key: {out / (pub.key_id + '.key')}  -> TRIAGE_PRIVATE_KEY_FILE "
            "(internal role only; keep the passphrase apart from it)"
        )

    @staticmethod
    def stdin_is_interactive():
        import sys

        return sys.stdin.isatty()
