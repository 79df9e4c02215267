"""The reporter's side of the conversation on the follow-up page (docs/intake.md, "Replies to
the reporter").

Called only after the reference and secret have been checked (submit.check_receipt, under the
follow-up rate limits). The secret derives the reply key inside sealing.open_replies, for this
request only: it is not cached, not put in the session, and nothing here logs. The page is
no-store, and each action posts the secret again.
"""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import sealing
from ..models.messages import ReporterMessage


def answer_days():
    """When to look for an answer (config/settings/intake.py, REPLY_ANSWER_WORKING_DAYS)."""
    return settings.REPLY_ANSWER_WORKING_DAYS


def can_receive(referral):
    """Whether the Centre can answer this referral here (it has a reply key)."""
    return bool(referral.reply_public_key)


def read(referral, secret, now=None):
    """The Centre's messages, newest first, as dicts for the page; the unread ones are marked
    read. None when the secret opens nothing."""
    opened = sealing.open_replies(referral, secret)
    if opened is None:
        return None
    now = now or timezone.now()
    unread = [message.pk for message, _text in opened if message.read_at is None]
    if unread:
        ReporterMessage.objects.filter(pk__in=unread, read_at__isnull=True).update(read_at=now)
    return [
        {
            "id": str(message.pk),
            "created_at": message.created_at,
            "text": text,
            "new": message.read_at is None,
        }
        for message, text in opened
    ]


def delete(referral, secret, message_id, now=None):
    """Erase the reporter's copy of one message they have read. Only when the secret derives
    the reply key and the message is among those it opens; the triage copy stays for the case
    history. Returns whether a message was deleted."""
    try:
        wanted = uuid.UUID(str(message_id))
    except ValueError:
        return False
    opened = sealing.open_replies(referral, secret)
    if not opened or wanted not in {message.pk for message, _text in opened}:
        return False
    with transaction.atomic():
        changed = ReporterMessage.objects.filter(
            pk=wanted,
            referral_id=referral.pk,
            read_at__isnull=False,
            deleted_at__isnull=True,
        ).update(sealed_for_reporter=None, deleted_at=now or timezone.now())
    return changed == 1
