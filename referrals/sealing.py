"""Every seal and every open of a referral's data: answers, files, follow-ups, staff notes,
contact attempts, and the Centre's replies to the reporter.

Each blob is sealed to the triage public key with the referral's id as record id and its own
purpose ("answers", "attachment:<id>", "followup:<id>", "note:<id>", "contact:<id>"), so a
blob moved to another row or field does not open (referrals/crypto.py, the cryptographic
core). Sealing needs only the public key, on any role; opening needs the private key, which
keys.py refuses on the public role. Nothing here records an audit event: the caller does,
before it shows what was opened (referrals/triage/workflow.py, the export command).

A reply is the exception to "sealed to the triage key": it is sealed once more to the
reporter's own reply key, which only the receipt's secret derives (referrals/replykeys.py), and
that copy is opened on the public tier with the secret the reporter has just typed.
"""

import base64
import json
import uuid

from django.db.models import Q

from . import crypto, keys, replykeys
from .choices import Priority
from .models.messages import PUBLIC_MESSAGE_COLUMNS, ReporterMessage
from .models.referral import Attachment


def to_json(value):
    """The bytes that are sealed: compact UTF-8 JSON (also what the intake's byte limit counts)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def seal_files(pub, record_id, files, followup=None, referral_id=None):
    """(metadata to seal with the answers, Attachment rows holding the sealed bytes). Each
    file's metadata is sealed twice: in the answers (or follow-up), so the case view lists the
    documents from the blobs it opens anyway, and with the file itself, so a download opens
    that one blob and nothing else of the referral."""
    meta, rows = [], []
    for position, upload in enumerate(files):
        attachment = Attachment(
            id=uuid.uuid4(), referral_id=referral_id, followup=followup, position=position
        )
        info = {
            "id": str(attachment.id),
            "name": upload["name"],
            "content_type": upload["content_type"],
            "size": len(upload["data"]),
        }
        attachment.sealed = crypto.seal(
            pub, _pack(info, upload["data"]), record_id=record_id, purpose=attachment.purpose
        )
        meta.append(info)
        rows.append(attachment)
    return meta, rows


def _pack(info, data):
    """One file's sealed bytes: a 4-byte length, its metadata as JSON, then the file."""
    header = to_json(info)
    return len(header).to_bytes(4, "big") + header + data


def _unpack(plaintext):
    size = int.from_bytes(plaintext[:4], "big")
    return json.loads(plaintext[4 : 4 + size]), plaintext[4 + size :]


def seal_answers(pub, record_id, payload):
    return crypto.seal(pub, to_json(payload), record_id=record_id, purpose="answers")


def seal_followup(pub, followup, record_id, payload):
    followup.sealed = crypto.seal(
        pub, to_json(payload), record_id=record_id, purpose=followup.purpose
    )


def seal_note(note, text):
    """A staff note, sealed to the triage public key like the referral it comments on."""
    payload = json.dumps({"text": text}, ensure_ascii=False).encode()
    note.sealed = crypto.seal(
        keys.public_key(), payload, record_id=note.referral.record_id, purpose=note.purpose
    )


def reply_public_key(secret, record_id):
    """What a new referral stores of its reply key: the public half, as JSON bytes."""
    return crypto.dump_public_key(replykeys.derive_public_key(secret, record_id))


def seal_reply(message, text):
    """Seal a message to the reporter's reply key and, apart, to the triage key. ValueError
    when the referral has no reply key (it came before replies, or was destroyed)."""
    referral = message.referral
    if not referral.reply_public_key:
        raise ValueError("this referral has no reply key")
    reporter_key = crypto.load_public_key(bytes(referral.reply_public_key))
    payload = json.dumps({"text": text}, ensure_ascii=False).encode()
    record_id = referral.record_id
    message.sealed_for_reporter = crypto.seal(
        reporter_key, payload, record_id=record_id, purpose=message.reporter_purpose
    )
    message.sealed_for_triage = crypto.seal(
        keys.public_key(), payload, record_id=record_id, purpose=message.triage_purpose
    )


def open_replies(referral, secret):
    """[(message, text)] of the messages the reporter has not deleted, newest first, opened
    with the key the secret derives here and now, and dropped with this call's frame. None when
    the secret does not derive this referral's reply key (or it has none): nothing opens. Reads
    only the public tier's columns of the messages."""
    if not referral.reply_public_key:
        return None
    record_id = referral.record_id
    private = replykeys.derive_private_key(secret, record_id)
    if crypto.dump_public_key(private.public_key()) != bytes(referral.reply_public_key):
        return None
    messages = (
        ReporterMessage.objects.filter(referral_id=referral.pk, deleted_at__isnull=True)
        .only(*PUBLIC_MESSAGE_COLUMNS)
        .order_by("-created_at")
    )
    opened = []
    for message in messages:
        try:
            payload = crypto.open_sealed(
                private,
                bytes(message.sealed_for_reporter),
                record_id=record_id,
                purpose=message.reporter_purpose,
            )
        except crypto.CryptoError:
            continue  # damaged or moved: shown to nobody rather than failing the page
        opened.append((message, json.loads(payload)["text"]))
    return opened


def open_reply_copies(referral):
    """[(message, text)] of every message to the reporter, oldest first, from the triage
    copies: the case view's record, also of what the reporter has deleted."""
    return [
        (
            message,
            _open_json(message.sealed_for_triage, referral.record_id, message.triage_purpose)[
                "text"
            ],
        )
        for message in referral.messages.select_related("author").defer("sealed_for_reporter")
    ]


def seal_contact(attempt, content):
    """What a contact attempt says beyond its coarse facts (the number or address used, the
    reason for going against the person's wishes, a note), sealed like a staff note."""
    attempt.sealed = crypto.seal(
        keys.public_key(),
        to_json(content),
        record_id=str(attempt.referral_id),
        purpose=attempt.purpose,
    )


def open_contacts(referral):
    """[(attempt, {"address", "reason", "note"})] of the referral's contact attempts, oldest
    first; an attempt whose sealed part retention destroyed opens to an empty dict."""
    return [
        (
            attempt,
            _open_json(attempt.sealed, referral.record_id, attempt.purpose)
            if attempt.sealed is not None
            else {},
        )
        for attempt in referral.contact_attempts.select_related("author")
    ]


def _open_json(blob, record_id, purpose):
    return json.loads(keys.open_blob(blob, record_id=record_id, purpose=purpose))


def open_answers(referral):
    return _open_json(referral.sealed_answers, referral.record_id, "answers")


def open_followup(followup):
    return _open_json(followup.sealed, str(followup.referral_id), followup.purpose)


def open_attachment(attachment):
    """(metadata, bytes) of one attachment, and nothing else of its referral."""
    return _unpack(
        keys.open_blob(
            attachment.sealed, record_id=str(attachment.referral_id), purpose=attachment.purpose
        )
    )


def number(attachment):
    """The attachment's number as the case view lists documents (the referral's, then each
    follow-up's, oldest first), counted from plaintext rows, so an audit event can say
    "attachment 2" without naming the file and without opening any other blob."""
    if attachment.followup_id is None:
        return attachment.position + 1
    followup = attachment.followup
    before = Attachment.objects.filter(referral_id=attachment.referral_id).filter(
        Q(followup__isnull=True) | Q(followup__received_at__lt=followup.received_at)
    )
    return before.count() + attachment.position + 1


def open_notes(referral):
    """[(note, text)] of the referral's staff notes, oldest first, authors read with them."""
    return [
        (note, _open_json(note.sealed, referral.record_id, note.purpose)["text"])
        for note in referral.notes.select_related("author")
    ]


def _files(meta, rows, include_files):
    out = []
    for item in meta:
        item = dict(item)
        row = rows.get(item["id"])
        if include_files and row is not None:
            item["data_base64"] = base64.b64encode(open_attachment(row)[1]).decode("ascii")
        out.append(item)
    return out


def _messages(referral):
    """The Centre's messages to the reporter, from the triage copies, for the export."""
    def when(value):
        return value.isoformat() if value else None

    return [
        {
            "id": str(message.id),
            "created_at": when(message.created_at),
            "author": message.author.get_username() if message.author else None,
            "read_at": when(message.read_at),
            "deleted_by_reporter_at": when(message.deleted_at),
            "text": text,
        }
        for message, text in open_reply_copies(referral)
    ]


def decrypt(referral, *, include_files=False, include_messages=True):
    """Everything about one referral as a dict. Needs the private key: raises
    keys.PrivateKeyRefused on the public role. The caller records the audit event. The case
    view opens the messages itself (include_messages=False), with their authors' names."""
    answers = open_answers(referral)
    rows = {str(a.id): a for a in referral.attachments.all()} if include_files else {}
    followups = []
    for followup in referral.followups.all():
        content = open_followup(followup)
        followups.append(
            {
                "id": str(followup.id),
                "received_at": followup.received_at.isoformat(),
                "answers": content["answers"],
                "attachments": _files(content["attachments"], rows, include_files),
            }
        )
    return {
        "reference": referral.reference,
        "channel": referral.channel,
        "received_at": referral.received_at.isoformat(),
        "priority": Priority(referral.priority).name.lower(),
        "referrer_type": referral.referrer_type,
        "exploitation_type": referral.exploitation_type,
        "age_band": referral.age_band,
        "gender": referral.gender,
        "is_minor": referral.is_minor,
        "route": referral.route,
        "status": referral.status,
        "assignee": referral.assignee.get_username() if referral.assignee else None,
        "due_at": referral.due_at.isoformat(),
        "outcome": referral.outcome,
        "captcha_verified": referral.captcha_verified,
        "key_id": referral.key_id,
        "suite": referral.suite,
        "form": answers["form"],
        "language": answers["language"],
        "answers": answers["answers"],
        "attachments": _files(answers["attachments"], rows, include_files),
        "followups": followups,
        "messages": _messages(referral) if include_messages else [],
    }
