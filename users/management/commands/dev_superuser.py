"""Creates (once) the development superuser and prints its credentials.

The password is random and kept in the ignored var/ folder so that every `make run` prints the
same one; the command refuses to run with DEBUG off.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the development superuser (DEBUG only) and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the site runs")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("dev_superuser runs only with DEBUG on (development settings)")
        password_file = settings.VAR_DIR / "dev-superuser-password"
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
            user = user or User(username=USERNAME, email="admin@localhost")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
        password = password_file.read_text().strip()
        # The admin asks every account for a second factor; in development the device is made
        # here and `manage.py dev_otp_code` prints its current code.
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="development", confirmed=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Development superuser: {USERNAME} / {password} (admin at {options['url']}/admin/)"
                "\nSecond factor: the code printed by `.venv/bin/python manage.py dev_otp_code`"
            )
        )
