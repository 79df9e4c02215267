"""For a member of staff who lost their phone: remove their authenticator devices, so their
next sign-in asks them to set up a new one, and end their open sessions' second factor.
Recorded on the audit log (the account name only)."""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from referrals.triage import audit


class Command(BaseCommand):
    help = "Remove a staff account's second-factor devices; it sets up a new one at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--actor", default="", help="who asked for it (for the audit log)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError("no account with this username")
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        actor = options["actor"] or f"{getpass.getuser()} (manage.py)"
        audit.append("staff.second_factor_reset", actor=actor, detail={"account": user.pk})
        self.stdout.write(
            f"Removed {removed} device(s) of {user.get_username()}: change the account's password "
            "too if the phone may be in someone else's hands; the next sign-in sets up a new "
            "authenticator."
        )
