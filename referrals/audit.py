"""Appending to and verifying the audit log's hash chain.

Each event stores SHA-256(previous hash || canonical JSON of its own fields). Appends are
serialised (a PostgreSQL advisory lock held to the end of the transaction, elsewhere a process
lock), and the unique constraints on seq and prev_hash refuse a second event after the same one,
so concurrent appends keep one chain. Editing a field, deleting an event or reordering breaks
the chain from that event on; `manage.py verify_audit_log` names the first broken event.
Truncating the tail leaves a shorter valid chain: verify against a head hash recorded earlier
(`verify_audit_log --head`) to catch that.
"""

import datetime
import hashlib
import json
import threading
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models.audit import GENESIS_HASH, AuditEvent

# Any fixed 64-bit number: the key of the PostgreSQL advisory lock that serialises appends.
_ADVISORY_LOCK_KEY = 0x6370_7668_7461_7564  # "cpvhtaud"
_process_lock = threading.Lock()


def canonical(seq, at, actor, action, reference, detail):
    """The bytes that are hashed: field order, spacing and time format fixed once for all."""
    return json.dumps(
        {
            "seq": seq,
            "at": at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "reference": reference,
            "detail": detail,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")


def chain_hash(prev_hash, content):
    return hashlib.sha256(prev_hash.encode("ascii") + content).hexdigest()


def event_hash(event):
    content = canonical(
        event.seq, event.at, event.actor, event.action, event.reference, event.detail
    )
    return chain_hash(event.prev_hash, content)


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


def append(action, *, actor, reference="", detail=None, attempts=5):
    """Add one event at the end of the chain and return it."""
    detail = detail or {}
    for attempt in range(attempts):
        try:
            with _process_lock, transaction.atomic():
                _lock()
                last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
                seq = last.seq + 1 if last else 1
                prev_hash = last.hash if last else GENESIS_HASH
                at = timezone.now()
                event = AuditEvent(
                    seq=seq,
                    at=at,
                    actor=str(actor)[:150],
                    action=action,
                    reference=reference,
                    detail=detail,
                    prev_hash=prev_hash,
                )
                event.hash = event_hash(event)
                event.save()
                return event
        except IntegrityError:
            # Another process appended after the same event (no advisory lock on this
            # database): read the new end of the chain and try again.
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


@dataclass
class Verification:
    ok: bool
    count: int
    head: str
    problem: str = ""
    seq: int | None = None


def verify(expected_head=None):
    """Walk the chain from the first event; stop at the first one that does not hold."""
    prev_hash, expected_seq, count = GENESIS_HASH, 1, 0
    head_seen = expected_head is None
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return Verification(
                False, count, prev_hash, f"event {expected_seq} is missing", event.seq
            )
        if event.prev_hash != prev_hash:
            return Verification(
                False,
                count,
                prev_hash,
                f"event {event.seq} does not follow event {event.seq - 1}",
                event.seq,
            )
        if event_hash(event) != event.hash:
            return Verification(
                False, count, prev_hash, f"event {event.seq} was altered", event.seq
            )
        prev_hash, expected_seq, count = event.hash, expected_seq + 1, count + 1
        if event.hash == expected_head:
            head_seen = True
    if not head_seen:
        return Verification(
            False, count, prev_hash, "the recorded head event is no longer in the chain"
        )
    return Verification(True, count, prev_hash)
