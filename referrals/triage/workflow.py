"""What staff do to a referral on the internal tier, each step recorded in the audit log.

Opening a case decrypts it, so it is an audited event like any change; the events name the
referral by its reference and say what changed in coarse terms (a status, an outcome, a staff
account), never what the referral or a note says.
"""

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import sealing
from ..choices import FINISHED_STATUSES, STATUS_OUTCOME, TRANSITIONS, Outcome, Priority, Status
from ..models import Referral, ReporterMessage, StaffNote
from ..models.referral import due_at
from . import audit
from .staff import display_name

NOTE_MAX = 20_000
REPLY_MAX = 5_000


class ActionRefused(Exception):
    """A step that does not apply to this referral now (shown to the member of staff)."""


def actor_name(user):
    return user.get_username()


def _locked(referral):
    """The referral re-read under a row lock: two staff acting at once do not overwrite
    each other's change."""
    return Referral.objects.select_for_update().get(pk=referral.pk)


def allowed_statuses(referral):
    return TRANSITIONS[Status(referral.status)]


def change_status(referral, new_status, *, by, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        referral = _locked(referral)
        old = Status(referral.status)
        new_status = Status(new_status)
        if new_status not in TRANSITIONS[old]:
            raise ActionRefused(
                _("A referral that is “%(old)s” cannot become “%(new)s”.")
                % {"old": old.label, "new": new_status.label}
            )
        referral.status = new_status
        if referral.responded_at is None:
            # The first step out of "new" is the first response the plans measure.
            referral.responded_at = now
        referral.closed_at = now if new_status in FINISHED_STATUSES else None
        implied = STATUS_OUTCOME.get(new_status)
        if implied and not referral.outcome:
            referral.outcome = implied
        referral.save(update_fields=["status", "responded_at", "closed_at", "outcome"])
        audit.append(
            "referral.status",
            actor=actor_name(by),
            reference=referral.reference,
            detail={"from": old.value, "to": new_status.value},
        )
    return referral


def set_outcome(referral, outcome, *, by):
    outcome = Outcome(outcome)
    with transaction.atomic():
        referral = _locked(referral)
        referral.outcome = outcome
        referral.save(update_fields=["outcome"])
        audit.append(
            "referral.outcome",
            actor=actor_name(by),
            reference=referral.reference,
            detail={"outcome": outcome.value},
        )
    return referral


def set_priority(referral, priority, *, by):
    """Triage may raise or lower the priority; the first-response deadline follows it."""
    priority = Priority(int(priority))
    with transaction.atomic():
        referral = _locked(referral)
        old = Priority(referral.priority)
        referral.priority = priority
        referral.due_at = due_at(referral.received_at, priority)
        referral.save(update_fields=["priority", "due_at"])
        audit.append(
            "referral.priority",
            actor=actor_name(by),
            reference=referral.reference,
            detail={"from": old.name.lower(), "to": priority.name.lower()},
        )
    return referral


def assign(referral, assignee, *, by):
    """Give the referral to a member of staff (None: nobody, as unassign()). Claiming is
    assigning to oneself; assigning to someone else needs the coordinator's permission (checked
    by the view), and the assignee must be able to open referrals."""
    if assignee is None:
        return unassign(referral, by=by)
    if not assignee.has_perm("referrals.decrypt_referral"):
        raise ActionRefused(_("This account cannot open referrals."))
    with transaction.atomic():
        referral = _locked(referral)
        referral.assignee = assignee
        referral.save(update_fields=["assignee"])
        audit.append(
            "referral.claimed" if assignee == by else "referral.assigned",
            actor=actor_name(by),
            reference=referral.reference,
            detail={"assignee": actor_name(assignee)},
        )
    return referral


def unassign(referral, *, by):
    """Take the referral off its assignee (the coordinator's permission, checked by the view):
    it is nobody's again, back in the "Nobody" filter. Recorded with who had it."""
    with transaction.atomic():
        referral = _locked(referral)
        previous = referral.assignee
        if previous is None:
            raise ActionRefused(_("This referral is not assigned to anyone."))
        referral.assignee = None
        referral.save(update_fields=["assignee"])
        audit.append(
            "referral.unassigned",
            actor=actor_name(by),
            reference=referral.reference,
            detail={"previous": actor_name(previous)},
        )
    return referral


def add_note(referral, text, *, by, now=None):
    """A staff note, sealed to the triage public key like the referral itself."""
    text = text.strip()
    if not text:
        raise ActionRefused(_("Write the note first."))
    if len(text) > NOTE_MAX:
        raise ActionRefused(_("A note can have at most %(max)d characters.") % {"max": NOTE_MAX})
    if referral.is_destroyed:
        raise ActionRefused(_("The sealed data of this referral has been destroyed."))
    note = StaffNote(
        id=uuid.uuid4(), referral=referral, author=by, created_at=now or timezone.now()
    )
    sealing.seal_note(note, text)
    return _stored_with_event(note, "note.added", by=by, detail={"note": str(note.id)})


def send_reply(referral, text, *, by, now=None):
    """A message to the reporter: sealed to their reply key (only their secret opens it) and,
    apart, to the triage key for the case history. Nothing is sent anywhere: the reporter reads
    it on the follow-up page when they come back."""
    text = text.strip()
    if not text:
        raise ActionRefused(_("Write the message first."))
    if len(text) > REPLY_MAX:
        raise ActionRefused(
            _("A message can have at most %(max)d characters.") % {"max": REPLY_MAX}
        )
    if referral.is_destroyed:
        raise ActionRefused(_("The sealed data of this referral has been destroyed."))
    if not referral.reply_public_key:
        raise ActionRefused(
            _("This referral came before replies were possible: no reply can be sent.")
        )
    message = ReporterMessage(
        id=uuid.uuid4(), referral=referral, author=by, created_at=now or timezone.now()
    )
    sealing.seal_reply(message, text)
    return _stored_with_event(message, "reply.sent", by=by, detail={"message": str(message.id)})


def _stored_with_event(row, action, *, by, detail):
    """A new sealed row and its audit event, in one transaction: both are kept or neither."""
    with transaction.atomic():
        row.save(force_insert=True)
        audit.append(action, actor=actor_name(by), reference=row.referral.reference, detail=detail)
    return row


@dataclass
class OpenedCase:
    data: dict
    notes: list = field(default_factory=list)
    replies: list = field(default_factory=list)
    # [(ContactAttempt, {"address", "reason", "note"})], oldest first.
    contacts: list = field(default_factory=list)


def open_case(referral, *, by):
    """Decrypt one referral for a member of staff and record that they did. The event is
    written before the plaintext is returned, so no decrypt goes unrecorded."""
    if referral.is_destroyed:
        return None
    data = sealing.decrypt(referral, include_messages=False)
    notes = [
        {
            "author": display_name(note.author) if note.author else "—",
            "created_at": note.created_at,
            "text": text,
        }
        for note, text in sealing.open_notes(referral)
    ]
    replies = [
        {
            "author": display_name(message.author) if message.author else "—",
            "created_at": message.created_at,
            "read_at": message.read_at,
            "deleted_at": message.deleted_at,
            "text": text,
        }
        for message, text in sealing.open_reply_copies(referral)
    ]
    contacts = sealing.open_contacts(referral)
    audit.append("referral.viewed", actor=actor_name(by), reference=referral.reference)
    return OpenedCase(data=data, notes=notes, replies=replies, contacts=contacts)


def open_attachment(referral, attachment_id, *, by):
    """(name, content type, bytes) of one attachment, decrypted; recorded in the audit log."""
    if referral.is_destroyed:
        raise ActionRefused(_("The sealed data of this referral has been destroyed."))
    attachment = referral.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise ActionRefused(_("No such document."))
    info, content = sealing.open_attachment(attachment)
    audit.append(
        "attachment.downloaded",
        actor=actor_name(by),
        reference=referral.reference,
        detail={"attachment": str(attachment.id), "number": sealing.number(attachment)},
    )
    return info["name"], info["content_type"], content
