"""The coordinators' daily summary of the audit log: the head of the chain (sequence number and
hash) and how many events a day added, e-mailed to each active member of the Coordinator group,
so that a copy of the anchor lives outside the server. Numbers and a hash only: no name, no
referral. Run it daily from cron on the internal tier (docs/triage.md, "Audit log")."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext

from referrals.models import AuditEvent
from referrals.triage import audit

GROUP = "Coordinator"


def day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "E-mail the Coordinator group the audit log's head and the number of events of a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="the day to count, YYYY-MM-DD in TIME_ZONE (default: yesterday)",
        )

    def handle(self, *args, **options):
        date = day(options["date"]) if options["date"] else None
        date = date or timezone.localdate() - datetime.timedelta(days=1)
        recipients = sorted(
            set(
                get_user_model()
                .objects.filter(groups__name=GROUP, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )
        if not recipients:
            raise CommandError(f"no active {GROUP} has an e-mail address: nothing sent")

        with translation.override(settings.LANGUAGE_CODE):
            result = audit.verify()
            if result.ok:
                anchored = self.anchor(result)
                subject, body = self.summary(result, date, anchored)
            else:
                subject, body = self.alarm(result)
        # One message each: the coordinators' addresses are not shown to one another.
        send_mass_mail([(subject, body, None, [recipient]) for recipient in recipients])
        if not result.ok:
            raise CommandError(f"audit log TAMPERED: {result.problem}; coordinators alerted")
        self.stdout.write(f"summary for {date.isoformat()} sent to {len(recipients)} coordinators")

    def anchor(self, result):
        try:
            audit.anchor_head(result)
        except OSError as error:
            self.stderr.write(
                f"warning: head not anchored, cannot write {audit.anchor_path()}: "
                f"{error.strerror}"
            )
            return False
        return True

    def summary(self, result, date, anchored):
        # at__date counts by the day in TIME_ZONE, the Centre's day.
        values = {
            "date": date.isoformat(),
            "count": AuditEvent.objects.filter(at__date=date).count(),
            "time": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "seq": result.count,
            "hash": result.head,
        }
        subject = gettext("Audit log summary for %(date)s") % values
        lines = [gettext("Events on %(date)s: %(count)s") % values, ""]
        if result.count:
            lines += [
                gettext("Head of the audit log at %(time)s: event %(seq)s") % values,
                gettext("Hash: %(hash)s") % values,
                "",
                gettext(
                    "Keep this e-mail. It is a copy, outside the server, of the audit log's "
                    "head: with it anyone can check later that no event up to this one was "
                    "removed or changed (manage.py verify_audit_log --head %(hash)s)."
                )
                % values,
            ]
        else:
            lines.append(gettext("The audit log is empty."))
        if not anchored:
            lines += ["", gettext("The head could not be written to the anchor file.")]
        return subject, "\n".join(lines) + "\n"

    def alarm(self, result):
        subject = gettext("[TAMPERED] The audit log check failed")
        lines = [
            gettext("The daily check of the audit log failed: %(problem)s.")
            % {"problem": result.problem},
            "",
        ]
        if result.anchor:
            lines.append(
                gettext("Last anchored head: event %(seq)s, hash %(hash)s.")
                % {"seq": result.anchor.seq, "hash": result.anchor.hash}
            )
        lines.append(
            gettext(
                "Compare it with the summaries you received before, and tell the system "
                "administrator. Nothing was anchored today."
            )
        )
        return subject, "\n".join(lines) + "\n"
