"""Development only: print the current second-factor code of the development superuser (or of
the demo moderator: `dev_otp_code moderator`), so `make run` can be tried without an
authenticator app. Refuses with DEBUG off."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .dev_superuser import USERNAME


class Command(BaseCommand):
    help = "Print the development superuser's current second-factor code (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default=USERNAME)

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("dev_otp_code runs only with DEBUG on (development settings)")
        device = TOTPDevice.objects.filter(
            user__username=options["username"], name="development", confirmed=True
        ).first()
        if device is None:
            raise CommandError("no development device: run `manage.py dev_superuser` first")
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{code:06d}")
