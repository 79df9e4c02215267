"""Moderation e-mails in the recipient's language, Serbian Cyrillic unless they chose another.

Wagtail writes each notification in the recipient's preferred admin language; with none chosen
it takes the language of the request that sent it (the submitter's), so an editor working in
English sent English e-mails to every moderator. Wagtail's own notifiers are kept; each runs
with the site's language active, so a recipient with no preference gets Serbian and one with a
preference still gets theirs (wagtail.users.models.UserProfile.get_preferred_language). The
links in them start with WAGTAILADMIN_BASE_URL (Wagtail's templates).
"""

from django.conf import settings
from django.utils.translation import override
from wagtail.admin.signal_handlers import (
    task_submission_email_notifier,
    workflow_approval_email_notifier,
    workflow_rejection_email_notifier,
    workflow_submission_email_notifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted


def in_site_language(notifier):
    def notify(sender, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return notifier(sender=sender, **kwargs)

    return notify


# Wagtail's dispatch_uids: connecting under the same ones replaces Wagtail's receivers whichever
# app is ready first (a second connect with a known dispatch_uid is ignored, hence the
# disconnect when Wagtail's came first).
RECEIVERS = [
    (task_submitted, TaskState, task_submission_email_notifier,
     "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, workflow_submission_email_notifier,
     "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, workflow_rejection_email_notifier,
     "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, workflow_approval_email_notifier,
     "workflow_state_approved_email_notification"),
]  # fmt: skip


def connect():
    for signal, sender, notifier, uid in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(in_site_language(notifier), sender=sender, dispatch_uid=uid, weak=False)
