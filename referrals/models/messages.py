"""The Centre's messages to a reporter (docs/intake.md, "Replies to the reporter").

Each message is sealed twice: to the reporter's reply key, which only the receipt's secret
derives (the follow-up page opens it), and to the triage key, so the case history keeps it after
the reporter has read or deleted their copy. Only the timestamps are in the clear: the queue
marks unread replies and unanswered follow-ups from them without opening anything.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..replykeys import reporter_purpose, triage_purpose
from .referral import Referral

# What the public tier reads and writes of a message (operations/database_roles.py): never the
# triage copy nor who wrote it.
PUBLIC_MESSAGE_COLUMNS = (
    "id",
    "referral_id",
    "created_at",
    "sealed_for_reporter",
    "read_at",
    "deleted_at",
)
# What it may change: marking read, and erasing its copy when the reporter deletes it.
PUBLIC_MESSAGE_UPDATES = ("read_at", "deleted_at", "sealed_for_reporter")


class ReporterMessage(models.Model):
    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"))
    # Sealed to the reporter's reply key; None once the reporter has deleted it.
    sealed_for_reporter = models.BinaryField(null=True)
    # The same message sealed to the triage key, for the case view.
    sealed_for_triage = models.BinaryField()
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted by the reporter"), null=True, blank=True)

    class Meta:
        verbose_name = _("message to the reporter")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["referral", "created_at"], name="reportermessage_referral_idx")
        ]

    def __str__(self):
        return f"message {self.id}"

    @property
    def reporter_purpose(self):
        return reporter_purpose(str(self.id))

    @property
    def triage_purpose(self):
        return triage_purpose(str(self.id))
