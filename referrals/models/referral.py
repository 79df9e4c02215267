"""A referral as stored: coarse triage fields in plaintext, everything else sealed (DESIGN.md).

Plaintext columns are ONLY those the queue sorts by and the statistics count. Names, contacts,
places (not even the municipality), narratives, file names and contents live in the sealed
blobs, each bound to this referral's id and to its purpose, so a blob copied to another row or
field does not open (referrals/crypto.py).
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import (
    PUBLIC_STATUS,
    AgeBand,
    Channel,
    ExploitationType,
    Gender,
    Outcome,
    Priority,
    ReferrerType,
    Route,
    Status,
)

# Crockford's base 32: no I, L, O or U, so a reference read aloud or typed is not mistaken.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "CZ"


def new_reference():
    """CZ-XXXX-XXXX: 40 random bits, short enough to read over the phone."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"


def normalise_reference(text):
    """What a person typed, in the stored form: case, spaces and look-alike letters forgiven."""
    cleaned = "".join(ch for ch in str(text).upper() if ch.isalnum())
    if len(cleaned) == 10 and cleaned.startswith(REFERENCE_PREFIX):
        cleaned = cleaned[len(REFERENCE_PREFIX) :]
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != 8 or any(ch not in REFERENCE_ALPHABET for ch in cleaned):
        return None
    return f"{REFERENCE_PREFIX}-{cleaned[:4]}-{cleaned[4:]}"


def due_at(received_at, priority):
    """When the first response is due: hours for an urgent referral, days for the others."""
    if priority == Priority.URGENT:
        return received_at + timedelta(hours=settings.TRIAGE_DUE_URGENT_HOURS)
    return received_at + timedelta(days=settings.TRIAGE_DUE_NORMAL_DAYS)


class Referral(models.Model):
    # Wagtail's reference index would copy who a referral is assigned to into a table every
    # editor can read, and would need the public tier to read back the row it just inserted.
    wagtail_reference_index_ignore = True
    # Assigned before sealing: the id is bound into every blob of this referral.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"))
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    referrer_type = models.CharField(_("referrer"), max_length=24, choices=ReferrerType.choices)
    exploitation_type = models.CharField(
        _("form of exploitation"), max_length=16, choices=ExploitationType.choices
    )
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices)
    is_minor = models.BooleanField(_("child"))
    # How a professional's referral goes (consent, anonymous notification, child): coarse,
    # set from the consent answer at submission; empty for a report from the public.
    # No db_default: Django would read it back with RETURNING, a column the public role may
    # not read (operations/database_roles.py).
    route = models.CharField(
        _("route"), max_length=16, choices=Route.choices, default=Route.NONE, blank=True
    )
    # A professional's referral started from the guided check (identification/), and whether
    # a strong indicator was seen in it: coarse, for the queue's filter and the statistics.
    # The indicators themselves are sealed with the answers (docs/intake.md).
    from_identification = models.BooleanField(_("from the indicator check"), default=False)
    strong_indicators = models.BooleanField(_("strong indicators present"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_referrals",
    )
    due_at = models.DateTimeField(_("first response due"))
    # When the status first left "new": the response time the Centre's plans measure.
    responded_at = models.DateTimeField(_("first response"), null=True, blank=True)
    # When it was last closed or marked spam: the retention period runs from here.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When retention destroyed the sealed data; the coarse fields stay for the statistics.
    destroyed_at = models.DateTimeField(_("sealed data destroyed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    # None: no captcha configured; False: missing, failed or the provider was unreachable.
    captcha_verified = models.BooleanField(_("captcha verified"), null=True)
    key_id = models.CharField(_("key id"), max_length=16)
    suite = models.CharField(_("encryption suite"), max_length=64)
    # JSON of every answer and the attachments' names, sealed to the triage key. None once
    # retention has destroyed it (referrals/triage/retention.py).
    sealed_answers = models.BinaryField(null=True)
    # SHA-256 of the form's one-time token: a double submit finds the first referral.
    idempotency_hash = models.CharField(max_length=64, unique=True)
    # HMAC-SHA256 (hex) of the follow-up secret shown once on the receipt, under
    # FOLLOWUP_SECRET_KEY and bound to this id (referrals/intake/submit.py); emptied by
    # retention, so the receipt no longer opens anything.
    followup_secret_hash = models.CharField(max_length=64, blank=True)
    # The reporter's public reply key (crypto.dump_public_key's JSON), derived from the
    # follow-up secret at submission (referrals/replykeys.py); its private half is never stored.
    # None for referrals from before replies, and once retention has destroyed the sealed data.
    reply_public_key = models.BinaryField(null=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        # Custom actions beyond Django's view/change (referrals/triage/admin/permissions.py).
        permissions = [
            ("decrypt_referral", _("Can open referrals (decrypt)")),
            ("assign_referral", _("Can assign referrals to staff")),
            ("report_referral", _("Can see referral statistics and the audit log")),
        ]
        # The queue's order is (priority, received_at, id), read with keyset pagination; each
        # filter has an index that starts with its column and ends in that order, so any page
        # is an index range scan, however deep (benchmarks/triage_queue.py).
        indexes = [
            models.Index(fields=["priority", "received_at", "id"], name="referral_queue_idx"),
            models.Index(
                fields=["status", "priority", "received_at", "id"], name="referral_status_idx"
            ),
            models.Index(
                fields=["channel", "priority", "received_at", "id"], name="referral_channel_idx"
            ),
            models.Index(
                fields=["assignee", "priority", "received_at", "id"], name="referral_assignee_idx"
            ),
            models.Index(fields=["received_at"], name="referral_received_idx"),
            # The queue's "strong indicators present" filter: the few such referrals, in order.
            models.Index(
                fields=["priority", "received_at", "id"],
                name="referral_strong_idx",
                condition=models.Q(strong_indicators=True),
            ),
            # Overdue: no first response yet and past due.
            models.Index(
                fields=["due_at"],
                name="referral_awaiting_idx",
                condition=models.Q(responded_at__isnull=True),
            ),
            models.Index(
                fields=["closed_at"],
                name="referral_closed_idx",
                condition=models.Q(destroyed_at__isnull=True, closed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def record_id(self):
        """The id bound into every sealed blob of this referral."""
        return str(self.id)

    @property
    def is_urgent(self):
        return self.priority == Priority.URGENT

    @property
    def public_status(self):
        return PUBLIC_STATUS[Status(self.status)]

    @property
    def is_destroyed(self):
        return self.destroyed_at is not None

    def is_overdue(self, now=None):
        """No first response yet and the deadline has passed."""
        if self.responded_at is not None:
            return False
        return self.due_at < (now or timezone.now())


class FollowUp(models.Model):
    """Information a reporter added later with the reference and secret: sealed only."""

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="followups")
    received_at = models.DateTimeField(_("received"))
    sealed = models.BinaryField()
    idempotency_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("follow-up")
        ordering = ["received_at"]

    def __str__(self):
        return f"follow-up {self.id}"

    @property
    def purpose(self):
        return f"followup:{self.id}"


class Attachment(models.Model):
    """A sealed file: its bytes here, sealed with its name and type (referrals/sealing.py); the
    name and type are also in the sealed answers (or follow-up) that list it. Kept in the
    database, in the same transaction as the referral, so a receipt is never shown for a
    referral whose files were not stored, and no file lands on the public tier's disk
    (docs/intake.md, "Attachments")."""

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attachments")
    followup = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    # Its place among the files sent together: numbers documents without opening anything.
    position = models.PositiveSmallIntegerField(default=0)
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("attachment")

    def __str__(self):
        return f"attachment {self.id}"

    @property
    def purpose(self):
        return f"attachment:{self.id}"


class StaffNote(models.Model):
    """A note by the Centre's staff on a referral: sealed to the triage key like the answers,
    so notes are as safe as what they comment on. Who wrote it and when stay in the clear."""

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"))
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("staff note")
        ordering = ["created_at"]

    def __str__(self):
        return f"note {self.id}"

    @property
    def purpose(self):
        return f"note:{self.id}"
