"""Creates (once) the development superuser and a demo moderator, and prints their credentials.

The passwords are random and kept in the ignored var/ folder so that every `make run` prints the
same ones; the command refuses to run with DEBUG off. The moderator is a member of the Moderator
group, who approves what editors submit in the "Објава" workflow (docs/publishing.md): without
one, nobody but the superuser could publish an editor's page in the demo.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

USERNAME = "admin"
MODERATOR_USERNAME = "moderator"


def development_account(username, password_file, **fields):
    """The account `username` with the password kept in `password_file` (made when missing),
    and a confirmed TOTP device named "development"; returns (user, password)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None or not password_file.exists():
        password = secrets.token_urlsafe(12)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password)
        password_file.chmod(0o600)
        user = user or User(username=username, email=f"{username}@localhost")
        for name, value in fields.items():
            setattr(user, name, value)
        user.set_password(password)
        user.save()
    # The admin asks every account for a second factor; in development the device is made
    # here and `manage.py dev_otp_code` prints its current code.
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="development", confirmed=True)
    return user, password_file.read_text().strip()


class Command(BaseCommand):
    help = "Create the development superuser and demo moderator (DEBUG only), print credentials."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the site runs")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("dev_superuser runs only with DEBUG on (development settings)")
        _admin, password = development_account(
            USERNAME,
            settings.VAR_DIR / "dev-superuser-password",
            is_staff=True,
            is_superuser=True,
        )
        moderator, moderator_password = development_account(
            MODERATOR_USERNAME, settings.VAR_DIR / "dev-moderator-password"
        )
        moderator.groups.add(Group.objects.get(name="Moderator"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Development superuser: {USERNAME} / {password} (admin at {options['url']}/admin/)"
                f"\nDemo moderator: {MODERATOR_USERNAME} / {moderator_password} (approves and "
                "publishes what editors submit)"
                "\nSecond factor: the code printed by `.venv/bin/python manage.py dev_otp_code`"
                f" (`dev_otp_code {MODERATOR_USERNAME}` for the moderator)"
            )
        )
