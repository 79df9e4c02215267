"""For a member of staff who lost their phone or passkey: remove every second factor of the
account (passkeys, authenticator apps, recovery codes), so their next sign-in asks them to set
up a new one, and end their open sessions' second factor. Recorded on the audit log (the
account id only)."""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from referrals.triage import audit
from users import factors


class Command(BaseCommand):
    help = "Remove a staff account's second factors; it sets up a new one at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--actor", default="", help="who asked for it (for the audit log)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError("no account with this username")
        removed = factors.remove_all(user)
        actor = options["actor"] or f"{getpass.getuser()} (manage.py)"
        audit.append("staff.second_factor_reset", actor=actor, detail={"account": user.pk})
        self.stdout.write(
            f"Removed {removed} device(s) of {user.get_username()}: change the account's password "
            "too if the phone may be in someone else's hands; the next sign-in sets up a new "
            "authenticator."
        )
