"""Background work of the intake (django-tasks, database backend "intake")."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from .choices import Priority


@task(backend="intake")
def notify_on_duty(reference, priority, received_at):
    """Tell the on-duty group that a referral arrived: its reference, priority and time, and
    nothing else (an e-mail crosses servers the Centre does not control)."""
    recipients = settings.TRIAGE_NOTIFY_EMAILS
    if not recipients:
        return 0
    when = timezone.localtime(datetime.fromisoformat(received_at))
    with translation.override(settings.LANGUAGE_CODE):
        label = Priority(priority).label
        subject = gettext("[%(priority)s] New referral %(reference)s") % {
            "priority": label,
            "reference": reference,
        }
        body = gettext(
            "A new referral arrived.\n\nReference: %(reference)s\nPriority: %(priority)s\n"
            "Received: %(time)s\n\nOpen the triage queue to read it: %(url)s\n"
        ) % {
            "reference": reference,
            "priority": label,
            "time": formats.date_format(when, "DATETIME_FORMAT"),
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
        }
    return send_mail(subject, body, None, recipients)
