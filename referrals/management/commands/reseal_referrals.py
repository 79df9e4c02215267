"""Re-seal every sealed blob (answers, follow-ups, attachments, staff notes) to the current
triage key after a rotation, in batches, resumably, one audit event per batch; `--check` only
counts the blobs per key. Internal role only. Steps: docs/operations.md, "Key rotation"."""

import getpass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from referrals import keys, rotation


class Command(BaseCommand):
    help = (
        "Re-seal every referral's sealed data to the current triage key (the first in "
        "TRIAGE_PUBLIC_KEY_FILE), so the older private keys can be removed. Internal role only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="only count the sealed blobs per key id; fails while any is on another key",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=rotation.BATCH_SIZE,
            help=f"blobs per transaction and audit event (default {rotation.BATCH_SIZE})",
        )
        parser.add_argument(
            "--pause",
            type=float,
            default=0.0,
            help="seconds to wait between batches, to spare a busy database (default 0)",
        )
        parser.add_argument("--actor", help="who runs it (default: the operating-system user)")

    def handle(self, *args, **options):
        if settings.SITE_ROLE == "public":
            raise CommandError("reseal_referrals runs on the internal role only")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            current = keys.public_key()
        except keys.KeyUnavailable as error:
            raise CommandError(f"no current key: {error}") from None
        if options["check"]:
            return self.report(current)

        private_keys = self.private_keys(current)
        total = rotation.pending(current.key_id)
        self.stdout.write(
            f"{total} sealed blobs to re-seal to key {current.key_id} ({current.suite})"
        )
        verbose = options["verbosity"] >= 2
        # On a terminal a progress bar on stderr; in a log (not a terminal) none.
        bar = tqdm(total=total, unit="blob", desc="re-sealing", disable=None, file=self.stderr._out)

        def on_batch(kind, number, moved, listed):
            bar.update(listed)
            if verbose:
                message = f"batch {number} committed: {moved} {kind.name} re-sealed"
                if bar.disable:
                    self.stdout.write(message)
                else:
                    bar.write(message, file=self.stdout._out)

        try:
            result = rotation.reseal(
                current,
                private_keys,
                actor=options["actor"] or f"{getpass.getuser()} (manage.py)",
                batch_size=options["batch_size"],
                pause=options["pause"],
                on_batch=on_batch,
            )
        finally:
            bar.close()
        self.stdout.write(
            f"Resealed {result.moved} sealed blobs to key {current.key_id} "
            f"in {result.batches} batches."
        )
        if result.failed:
            for (kind, key_id, why), count in sorted(result.failed.items()):
                self.stderr.write(f"  {count} {kind} sealed to {key_id}: {why}")
            failed = sum(result.failed.values())
            raise CommandError(
                f"{failed} sealed blobs could not be resealed and are unchanged: configure "
                "their private keys in TRIAGE_PRIVATE_KEY_FILE and run the command again"
            )

    def private_keys(self, current):
        """The configured private keys, the current key's first, or CommandError."""
        try:
            private_keys = keys.private_keys()
        except keys.KeyUnavailable as error:
            raise CommandError(f"cannot load the private keys: {error}") from None
        if current.key_id not in private_keys:
            raise CommandError(
                f"the private key of the current public key {current.key_id} is not in "
                "TRIAGE_PRIVATE_KEY_FILE: nothing was re-sealed (it would lock every referral "
                "away)"
            )
        first_private = next(iter(private_keys))
        if first_private != current.key_id:
            raise CommandError(
                f"TRIAGE_PUBLIC_KEY_FILE names {current.key_id} first but "
                f"TRIAGE_PRIVATE_KEY_FILE names {first_private} first: list the new key first "
                "in both; nothing was re-sealed"
            )
        return private_keys

    def report(self, current):
        counts = rotation.census()
        by_key = {}
        for kind, counter in counts.items():
            for key_id, count in counter.items():
                by_key.setdefault(key_id, {})[kind] = count
        by_key.setdefault(current.key_id, {})
        for key_id in sorted(by_key, key=lambda k: (k != current.key_id, k)):
            kinds = by_key[key_id]
            total = sum(kinds.values())
            parts = ", ".join(
                f"{kinds[k.name]} {k.name}" for k in rotation.KINDS if k.name in kinds
            )
            label = " (current)" if key_id == current.key_id else ""
            self.stdout.write(
                f"key {key_id}{label}: {total} sealed blobs" + (f" ({parts})" if parts else "")
            )
        elsewhere = sum(sum(v.values()) for k, v in by_key.items() if k != current.key_id)
        if elsewhere:
            raise CommandError(
                f"{elsewhere} sealed blobs are not on the current key {current.key_id}: "
                "run reseal_referrals"
            )
        self.stdout.write(f"Every sealed blob is on the current key {current.key_id}.")
