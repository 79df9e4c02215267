"""Key rotation: every sealed blob moved from older triage keys to the current one
(docs/operations.md, "Key rotation"; `manage.py reseal_referrals`).

Each blob names the key that sealed it in its clear header (referrals/crypto.py), so the blobs
still to do are exactly those whose header names another key: no separate progress record is
needed, and a run that is killed and started again picks up where the last commit left off.

One transaction per batch: the rows are locked, their headers read again under the lock (a
concurrent run may have moved them), each blob is opened with the key it names, sealed to the
current key with the SAME record id and purpose, opened again with the current private key and
only then written; the batch's audit event is written in the same transaction. A kill loses at
most the uncommitted batch, which is still on the old key and is done by the next run; nothing
is sealed twice, because a moved blob no longer matches.
"""

import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Length, Substr

from . import crypto
from .models import Attachment, ContactAttempt, FollowUp, Referral, ReporterMessage, StaffNote
from .triage import audit

ACTION = "referrals.resealed"
BATCH_SIZE = 100
# A batch also stops at this many sealed bytes: attachments can be large, and a batch is held
# in memory (twice: the old and the new blob) until it commits.
BATCH_BYTES = 64 * 1024 * 1024
# How many headers are read per query while looking for blobs to move.
SCAN_CHUNK = 2000
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Kind:
    """One model field holding bytes sealed to the triage key, and how it is bound."""

    name: str  # for people: the command's output and the audit events
    model: type
    field: str

    def record_id(self, row):
        return str(row.pk) if self.model is Referral else str(row.referral_id)

    def purpose(self, row):
        if self.model is Referral:
            return "answers"
        # A message's triage copy has a purpose of its own (not the reporter copy's).
        return row.triage_purpose if self.model is ReporterMessage else row.purpose

    def rows(self):
        return self.model.objects.filter(**{f"{self.field}__isnull": False})


# Every field that holds bytes sealed to the triage key (tests/referrals/test_key_rotation.py
# fails when a model gains a binary field that is in neither list).
KINDS = (
    Kind("answers", Referral, "sealed_answers"),
    Kind("follow-ups", FollowUp, "sealed"),
    Kind("attachments", Attachment, "sealed"),
    Kind("notes", StaffNote, "sealed"),
    Kind("messages to reporters", ReporterMessage, "sealed_for_triage"),
    Kind("contact attempts", ContactAttempt, "sealed"),
)
# (model, field) of binary fields that are not sealed to the triage key, never re-sealed: a
# reply's reporter copy is sealed to a key derived from the reporter's secret, and the
# reporter's public key is a key, not a blob (docs/intake.md, "Replies to the reporter").
NOT_TRIAGE_KEY = (
    (ReporterMessage, "sealed_for_reporter"),
    (Referral, "reply_public_key"),
)


def _header_key_id(prefix):
    try:
        return crypto.sealed_header(prefix)[1]
    except crypto.CryptoError:
        return UNREADABLE


def _headers(kind):
    """(pk, key id, size) of every blob of this kind, read a chunk of headers at a time by
    keyset on the primary key, never the blobs themselves."""
    queryset = kind.rows().annotate(
        head=Substr(kind.field, 1, crypto.HEADER_MAX_LEN), size=Length(kind.field)
    )
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page.values_list("pk", "head", "size")[:SCAN_CHUNK])
        if not rows:
            return
        for pk, head, size in rows:
            yield pk, _header_key_id(head), size or 0
        last = rows[-1][0]


def census():
    """{kind name: Counter(key id: how many blobs)}; UNREADABLE for a blob without a header."""
    return {kind.name: Counter(key_id for _pk, key_id, _size in _headers(kind)) for kind in KINDS}


def pending(current_key_id):
    """How many blobs are not yet sealed to the current key."""
    return sum(
        count
        for counts in census().values()
        for key_id, count in counts.items()
        if key_id != current_key_id
    )


def _batches(kind, current_key_id, batch_size, batch_bytes):
    batch, size = [], 0
    for pk, key_id, blob_size in _headers(kind):
        if key_id == current_key_id:
            continue
        if batch and (len(batch) >= batch_size or size + blob_size > batch_bytes):
            yield batch
            batch, size = [], 0
        batch.append(pk)
        size += blob_size
    if batch:
        yield batch


@dataclass
class Result:
    moved: int = 0
    batches: int = 0
    # (kind name, key id or UNREADABLE, "no private key" or "does not open"): count
    failed: Counter = field(default_factory=Counter)


def _reseal_batch(kind, pks, current, current_private, private_keys, actor, result):
    moved = Counter()
    with transaction.atomic():
        only = ["pk", kind.field] + ([] if kind.model is Referral else ["referral_id"])
        rows = kind.rows().select_for_update().filter(pk__in=pks).only(*only).order_by("pk")
        for row in rows:
            blob = bytes(getattr(row, kind.field))
            key_id = _header_key_id(blob)
            if key_id == current.key_id:
                continue  # moved since it was listed (another run)
            if key_id not in private_keys:
                result.failed[(kind.name, key_id, "no private key")] += 1
                continue
            context = {"record_id": kind.record_id(row), "purpose": kind.purpose(row)}
            try:
                plaintext = crypto.open_sealed(private_keys[key_id], blob, **context)
                new_blob = crypto.seal(current, plaintext, **context)
                # Opened with the current private key before the old blob is overwritten: a
                # wrong key pair can never make a referral unreadable.
                if crypto.open_sealed(current_private, new_blob, **context) != plaintext:
                    raise crypto.CryptoError("the new blob does not open to the same bytes")
            except crypto.CryptoError:
                result.failed[(kind.name, key_id, "does not open")] += 1
                continue
            values = {kind.field: new_blob}
            if kind.model is Referral:
                values.update(key_id=current.key_id, suite=current.suite)
            kind.model.objects.filter(pk=row.pk).update(**values)
            moved[key_id] += 1
        if moved:
            # Key ids and counts only: which referrals were in the batch is nobody's business.
            audit.append(
                ACTION,
                actor=actor,
                detail={
                    "command": "reseal_referrals",
                    "kind": kind.name,
                    "count": sum(moved.values()),
                    "from": dict(sorted(moved.items())),
                    "to": current.key_id,
                },
            )
    result.moved += sum(moved.values())
    return sum(moved.values())


def reseal(
    current,
    private_keys,
    *,
    actor,
    batch_size=BATCH_SIZE,
    batch_bytes=BATCH_BYTES,
    pause=0.0,
    on_batch=None,
):
    """Re-seal every blob not sealed to `current` (a PublicKey). `private_keys`: {key id:
    PrivateKey}, which must include the current key's. `on_batch(kind, batch number, moved,
    listed)` is called after each commit."""
    current_private = private_keys.get(current.key_id)
    if current_private is None:
        raise crypto.CryptoError("the current key's private key is not configured")
    result = Result()
    for kind in KINDS:
        for pks in _batches(kind, current.key_id, batch_size, batch_bytes):
            if result.batches and pause:
                time.sleep(pause)  # spare a busy database between batches
            moved = _reseal_batch(kind, pks, current, current_private, private_keys, actor, result)
            result.batches += 1
            if on_batch:
                on_batch(kind, result.batches, moved, len(pks))
    return result
