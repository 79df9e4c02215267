"""Retention: the sealed data of a referral closed (or marked spam) longer ago than
TRIAGE_RETENTION_DAYS is destroyed; its coarse fields stay for the statistics (docs/retention.md).

Destroyed: the sealed answers, every attachment, follow-up, staff note and message-to-the-reporter
row, the sealed part of every contact attempt, the hash of the follow-up secret and the
reporter's public reply key. Kept: reference, channel, times, priority, the coarse categories,
status, outcome, assignee, key id and suite, the coarse facts of each contact attempt, and every
audit event (one more is added per referral).

One transaction per referral: a referral is destroyed whole or not at all, an interrupted run
leaves every other referral either done or untouched, and the row locks and the audit log's
append lock (held to the end of the transaction) are released after each referral instead of
blocking staff for a whole batch. Ids are read in keyset-paginated chunks, so a million expired
referrals never sit in memory and no cursor stays open while rows are written.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..choices import FINISHED_STATUSES
from ..models import Attachment, ContactAttempt, FollowUp, Referral, ReporterMessage, StaffNote
from . import audit

CHUNK_SIZE = 500
ACTION = "referral.destroyed"


def retention_days(days=None):
    return settings.TRIAGE_RETENTION_DAYS if days is None else int(days)


def expired(now=None, *, days=None):
    """Referrals whose sealed data is due for destruction at `now`."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days(days))
    return Referral.objects.filter(
        status__in=FINISHED_STATUSES, closed_at__lte=cutoff, destroyed_at__isnull=True
    )


def _chunks(queryset, size=None):
    """The queryset's primary keys, a chunk at a time, by keyset on the primary key: rows
    destroyed in the meantime drop out of the filter without shifting any page."""
    size = size or CHUNK_SIZE
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        pks = list(page.values_list("pk", flat=True)[:size])
        if not pks:
            return
        yield pks
        last = pks[-1]


def _destroy_one(pk, *, actor, now, days):
    with transaction.atomic():
        # The conditional UPDATE is the gate: it re-checks expiry under the row lock, so a
        # referral reopened (or closed again) since it was listed is left alone. On PostgreSQL a
        # concurrent status change holds the row lock and the WHERE is re-evaluated after it.
        gate = expired(now, days=days).filter(pk=pk)
        if not gate.update(
            sealed_answers=None, followup_secret_hash="", reply_public_key=None, destroyed_at=now
        ):
            return None
        # only("pk"): delete signals are connected globally, so Django loads each row before
        # deleting it; this keeps the sealed bytes (up to 50 MB a referral) out of memory.
        # Attachments first: those of follow-ups would otherwise be collected in full.
        Attachment.objects.filter(referral_id=pk).only("pk").delete()
        FollowUp.objects.filter(referral_id=pk).only("pk").delete()
        StaffNote.objects.filter(referral_id=pk).only("pk").delete()
        ReporterMessage.objects.filter(referral_id=pk).only("pk").delete()
        # A contact attempt keeps its coarse facts (when, how, against the wishes or not);
        # the number used, the reason and the note go with the rest of the sealed data.
        ContactAttempt.objects.filter(referral_id=pk).update(sealed=None)
        reference = Referral.objects.values_list("reference", flat=True).get(pk=pk)
        # No personal data in the event: the reference and the period only.
        audit.append(
            ACTION,
            actor=actor,
            reference=reference,
            detail={"retention_days": retention_days(days)},
        )
    return reference


def destroy(referral_or_queryset, *, actor, now=None, days=None):
    """Destroy the sealed data of the given referral(s) that have expired at `now`; return how
    many were destroyed. A referral that is not expired (still open, reopened, closed too
    recently, already destroyed) is skipped, even when passed explicitly."""
    now = now or timezone.now()
    if isinstance(referral_or_queryset, Referral):
        referral = referral_or_queryset
        if _destroy_one(referral.pk, actor=actor, now=now, days=days) is None:
            return 0
        # The caller's instance now says what the database says.
        referral.sealed_answers = None
        referral.followup_secret_hash = ""
        referral.reply_public_key = None
        referral.destroyed_at = now
        return 1
    destroyed = 0
    for pks in _chunks(referral_or_queryset):
        for pk in pks:
            if _destroy_one(pk, actor=actor, now=now, days=days) is not None:
                destroyed += 1
    return destroyed
