"""The append-only audit log: who did what to which referral, and when; never what it said."""

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("the audit log is append-only")

    def delete(self):
        raise TypeError("the audit log is append-only")


class AuditEvent(models.Model):
    """One event, chained to the one before by SHA-256 (referrals/triage/audit.py). The unique
    constraints on seq and prev_hash make a fork impossible: two appends that read the same
    last event cannot both be stored. On PostgreSQL triggers also refuse UPDATE, DELETE and
    TRUNCATE; the anchored head (referrals/triage/audit.py) catches one who switches them off."""

    wagtail_reference_index_ignore = True

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(_("time"))
    actor = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=64)
    # The reference, not a foreign key: the event outlives the referral's retention.
    reference = models.CharField(_("referral"), max_length=16, blank=True)
    # Small, non-personal facts only (a key id, a command name, a count).
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["seq"]
        # The case view reads one referral's events, newest first (its history).
        indexes = [models.Index(fields=["reference", "-seq"], name="audit_reference_idx")]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.reference}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("the audit log is append-only")
