"""Contact attempts: every time staff try to reach the person or the reporter of a referral.

Who was reached for, how, when and with what outcome stay in the clear with whether (and which
of) the person's safe-contact wishes the attempt went against, so the case view lists them and
the coordinator's panel flags them without decrypting anything; the number or address used,
the reason for going against the wishes and any note are sealed to the triage key like a
staff note (referrals/sealing.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .referral import Referral


class ContactChannel(models.TextChoices):
    # The first four are the codes of the safe-channel question (referrals/intake/fields.py).
    CALL = "call", _("Phone call")
    SMS = "sms", _("Text message")
    # Without the apps' names, which Serbian writes in Latin letters on a Cyrillic screen.
    MESSAGING = "messaging", _("Messaging app")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in-person", _("In person")
    OTHER = "other", _("Other")


class ContactOutcome(models.TextChoices):
    REACHED = "reached", _("Reached the person, spoke safely")
    NO_ANSWER = "no-answer", _("No answer")
    MESSAGE_LEFT = "message-left", _("Left a message")
    NOT_SAFE = "not-safe", _("Someone else answered, or it was not safe to talk")
    WRONG = "wrong", _("Wrong number or address")
    OTHER = "other", _("Other")


class ContactRecipient(models.TextChoices):
    PERSON = "person", _("The person or the reporter")
    REFERRER = "referrer", _("The referring professional")


class ContactAttempt(models.Model):
    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempted_at = models.DateTimeField(_("time of the attempt"))
    recorded_at = models.DateTimeField(_("recorded"))
    recipient = models.CharField(_("contacted"), max_length=16, choices=ContactRecipient.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=ContactChannel.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=ContactOutcome.choices)
    # Codes of the wishes it went against (referrals/triage/contact.py, BREACHES); empty when
    # it followed them. Coarse, so the coordinator's panel reads them without the key.
    against_wishes = models.JSONField(_("against the person's wishes"), default=list)
    # {"address", "reason", "note"}, sealed; None once retention destroyed it.
    sealed = models.BinaryField(null=True)

    class Meta:
        verbose_name = _("contact attempt")
        ordering = ["attempted_at"]
        indexes = [
            # The coordinator's panel: the latest attempts that went against the wishes.
            models.Index(fields=["-recorded_at"], name="contact_recorded_idx"),
        ]

    def __str__(self):
        return f"contact attempt {self.id}"

    @property
    def purpose(self):
        return f"contact:{self.id}"

    @property
    def is_against_wishes(self):
        return bool(self.against_wishes)
