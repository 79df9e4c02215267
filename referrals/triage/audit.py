"""Appending to and verifying the audit log's hash chain.

Each event stores SHA-256(previous hash || canonical JSON of its own fields). Appends are
serialised (a PostgreSQL advisory lock held to the end of the transaction, elsewhere a process
lock), and the unique constraints on seq and prev_hash refuse a second event after the same one,
so concurrent appends keep one chain. Editing a field, deleting an event or reordering breaks
the chain from that event on; `manage.py verify_audit_log` names the first broken event.

Deleting the tail, or every event, leaves a shorter valid chain (the table's owner can switch
the append-only triggers off). So the head is anchored outside the database: appended, signed,
to AUDIT_ANCHOR_FILE (append-only and owned by another Unix user in production) and mailed to
the coordinators daily. Verification fails when the chain no longer holds an anchored head.
"""

import datetime
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from ..models.audit import GENESIS_HASH, AuditEvent

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


@dataclass(frozen=True)
class Anchor:
    """A head recorded outside the database: line `line` of the anchor file (None: just
    written)."""

    seq: int
    hash: str
    at: datetime.datetime
    line: int | None


class AnchorFileError(Exception):
    """The anchor file cannot be read, or holds a line its key did not sign."""


@dataclass
class Verification:
    ok: bool
    count: int
    head: str
    problem: str = ""
    seq: int | None = None
    # The highest anchored head, checked against the chain (None: nothing anchored yet).
    anchor: Anchor | None = None


def anchor_path():
    return Path(settings.AUDIT_ANCHOR_FILE)


def _signature(seq, head, at):
    # A key of its own when set, so that a leaked SECRET_KEY does not also sign anchors.
    secret = settings.AUDIT_ANCHOR_KEY or settings.SECRET_KEY
    return salted_hmac(
        "referrals.audit.anchor", f"{seq} {head} {at}", secret=secret, algorithm="sha256"
    ).hexdigest()


def _parse_anchor(number, text):
    parts = text.split(" ")
    if len(parts) == 4 and parts[0].isdigit() and len(parts[1]) == 64:
        seq, head, at, mac = parts
        if constant_time_compare(mac, _signature(seq, head, at)):
            try:
                return Anchor(int(seq), head, datetime.datetime.fromisoformat(at), number)
            except ValueError:
                pass
    raise AnchorFileError(
        gettext("anchor line %(line)s is not signed with the anchor key (forged or damaged)")
        % {"line": number}
    )


def read_anchors():
    """Every anchored head, each line's signature checked. No file: nothing anchored yet."""
    path = anchor_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise AnchorFileError(
            gettext("the anchor file %(path)s cannot be read (%(error)s)")
            % {"path": path, "error": error.strerror}
        ) from error
    # A byte that is not ASCII cannot be in a line the key signed: it fails as forged.
    text = data.decode("ascii", errors="replace")
    return [_parse_anchor(number, line) for number, line in enumerate(text.splitlines(), 1)]


def _anchored_by_seq(anchors):
    by_seq = {}
    for anchor in anchors:
        earlier = by_seq.setdefault(anchor.seq, anchor)
        if earlier.hash != anchor.hash:
            raise AnchorFileError(
                gettext("anchor lines %(first)s and %(second)s disagree about event %(seq)s")
                % {"first": earlier.line, "second": anchor.line, "seq": anchor.seq}
            )
    return by_seq


def _when(anchor):
    return anchor.at.strftime("%Y-%m-%d %H:%M UTC")


def _broken_link(event, expected_seq, prev_hash, count, anchored, last_anchor):
    """The Verification that fails at this event, or None when it holds."""
    problem = None
    if event.seq != expected_seq:
        return Verification(
            False,
            count,
            prev_hash,
            gettext("event %(seq)s is missing") % {"seq": expected_seq},
            event.seq,
        )
    if event.prev_hash != prev_hash:
        problem = gettext("event %(seq)s does not follow event %(previous)s") % {
            "seq": event.seq,
            "previous": event.seq - 1,
        }
    elif event_hash(event) != event.hash:
        problem = gettext("event %(seq)s was altered") % {"seq": event.seq}
    if problem:
        return Verification(False, count, prev_hash, problem, event.seq)
    anchor = anchored.get(event.seq)
    if anchor and anchor.hash != event.hash:
        return Verification(
            False,
            count,
            prev_hash,
            gettext("event %(seq)s is not the one anchored at %(time)s: the log was rewritten")
            % {"seq": event.seq, "time": _when(anchor)},
            event.seq,
            last_anchor,
        )
    return None


def _after_the_walk(count, head, last_anchor, anchor_problem, head_seen):
    """The Verification of a chain walked to its end without a broken link."""
    if anchor_problem:
        return Verification(False, count, head, anchor_problem)
    if last_anchor and last_anchor.seq > count:
        values = {"last": count, "seq": last_anchor.seq, "time": _when(last_anchor)}
        problem = (
            gettext(
                "the log ends at event %(last)s, but event %(seq)s was anchored at %(time)s: "
                "events were removed"
            )
            if count
            else gettext("the log is empty, but event %(seq)s was anchored at %(time)s")
        )
        return Verification(False, count, head, problem % values, count + 1, last_anchor)
    if not head_seen:
        return Verification(
            False,
            count,
            head,
            gettext("the recorded head event is no longer in the chain"),
            anchor=last_anchor,
        )
    return Verification(True, count, head, anchor=last_anchor)


def verify(expected_head=None):
    """Walk the chain from the first event; stop at the first one that does not hold. Then
    check it against every anchored head: each must still be in the chain, unchanged."""
    # The anchors are read before the walk: every event they name was committed by then.
    try:
        anchored = _anchored_by_seq(read_anchors())
        anchor_problem = ""
    except AnchorFileError as error:
        anchored, anchor_problem = {}, str(error)
    last_anchor = max(anchored.values(), key=lambda anchor: anchor.seq, default=None)

    prev_hash, expected_seq, count = GENESIS_HASH, 1, 0
    head_seen = expected_head is None
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        broken = _broken_link(event, expected_seq, prev_hash, count, anchored, last_anchor)
        if broken:
            return broken
        prev_hash, expected_seq, count = event.hash, expected_seq + 1, count + 1
        if event.hash == expected_head:
            head_seen = True
    return _after_the_walk(count, prev_hash, last_anchor, anchor_problem, head_seen)


def anchor_head(result):
    """Append the head of a chain that `verify` found intact to the anchor file, unless it is
    already the last anchor (or the log is empty). Returns the new Anchor, or None. Raises
    OSError when the file cannot be written (in production only the anchoring user may)."""
    if not result.ok:
        raise ValueError("only an intact chain is anchored")
    if not result.count or (
        result.anchor and (result.anchor.seq, result.anchor.hash) == (result.count, result.head)
    ):
        return None
    at = timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    line = f"{result.count} {result.head} {at} {_signature(result.count, result.head, at)}\n"
    # One write to a file opened for appending: a line is never interleaved with another's,
    # and the file may be append-only (chattr +a).
    fd = os.open(anchor_path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return Anchor(result.count, result.head, datetime.datetime.fromisoformat(at), None)
