"""From a valid form to a stored, sealed referral; the receipt and the follow-ups.

submit() seals every answer and file to the triage public key before anything is stored, then
writes the referral and its attachments in one transaction; only after the commit does the
caller show the receipt, and only then is the on-duty group told (reference, priority, time).

The form's one-time token makes a double submit harmless: its SHA-256 is unique in the table,
and the follow-up secret is derived from it with a server key, so a second POST of the same
form (a double click, a reload of the receipt) gets the same reference and the same secret,
while the database keeps only an HMAC of the secret (under FOLLOWUP_SECRET_KEY, bound to the
referral's id: docs/intake.md, "Receipt and follow-up") and a hash of the token. What is
sealed and how: referrals/sealing.py; what a form gives the plaintext columns: its
triage_fields() (referrals/intake/forms.py).
"""

import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from .. import sealing
from ..models.referral import (
    REFERENCE_ALPHABET,
    Attachment,
    FollowUp,
    Referral,
    due_at,
    new_reference,
    normalise_reference,
)
from ..replykeys import normalise_secret
from . import captcha

logger = logging.getLogger(__name__)

FORM_VERSION = 1
# The only columns of a referral the public tier reads back (its database role may read no
# other: operations/database_roles.py): enough for the receipt and the follow-up page.
PUBLIC_COLUMNS = (
    "id",
    "reference",
    "status",
    "priority",
    "received_at",
    "followup_secret_hash",
    # The reporter's public reply key: the follow-up page says whether the Centre can answer.
    "reply_public_key",
)
# How long a resubmission of the same form still shows the receipt with the secret.
RECEIPT_REPLAY = timedelta(hours=1)
# The MAC's input for a reference that does not exist: that answer does the same work as a
# wrong secret.
_NO_REFERRAL = uuid.UUID(int=0)


@dataclass(frozen=True)
class Receipt:
    reference: str
    secret: str | None  # None when the replay window is over: shown only in that hour
    urgent: bool
    received_at: datetime
    duplicate: bool = False
    # How many documents came with it: the count of its sealed attachment rows, which exist
    # anyway (nothing more is stored to say it).
    documents: int = 0


def token_hash(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def followup_secret(token):
    """100 bits from the token under a server key, as four groups of five characters."""
    digest = salted_hmac("referrals.followup-secret", token, algorithm="sha256").digest()
    number = int.from_bytes(digest[:13], "big") >> 4  # 100 bits
    chars = []
    for _ in range(20):
        number, index = divmod(number, 32)
        chars.append(REFERENCE_ALPHABET[index])
    text = "".join(chars)
    return "-".join(text[i : i + 5] for i in range(0, 20, 5))


def _followup_key():
    if settings.FOLLOWUP_SECRET_KEY:
        return settings.FOLLOWUP_SECRET_KEY.encode("utf-8")
    # Development and tests only: production on the public role refuses to start without one.
    return salted_hmac("referrals.followup-secret-key", "key", algorithm="sha256").digest()


def hash_secret(secret, referral_id):
    """HMAC-SHA256 of the secret as typed back (normalised) under FOLLOWUP_SECRET_KEY, bound to
    the referral's id: 64 hex digits. A copy of the database without the key cannot check a
    guess against it. A slow hash would add nothing: the stored reply key already checks a
    guess in under a millisecond, and the secret's 100 random bits are what make guessing
    hopeless (docs/intake.md, "Receipt and follow-up")."""
    message = f"{referral_id}:{normalise_secret(secret)}".encode("ascii", errors="replace")
    return hmac.new(_followup_key(), message, hashlib.sha256).hexdigest()


def check_receipt(reference_text, secret):
    """The referral whose reference and secret these are, or None: looked up by the reference,
    then the secret's MAC compared in constant time. The same work is done whether the
    reference exists or not."""
    reference = normalise_reference(reference_text)
    referral = (
        Referral.objects.only(*PUBLIC_COLUMNS).filter(reference=reference).first()
        if reference
        else None
    )
    # A destroyed referral has no hash left (nor has a row from before the HMAC: migration
    # 0011_followup_secret_hmac): it is refused like an unknown reference.
    stored = referral.followup_secret_hash if referral else ""
    expected = hash_secret(secret, referral.id if referral else _NO_REFERRAL)
    ok = hmac.compare_digest(expected, stored or "0" * 64)
    return referral if (ok and stored) else None


def find_duplicate(token):
    referral = (
        Referral.objects.only(*PUBLIC_COLUMNS).filter(idempotency_hash=token_hash(token)).first()
    )
    if referral is None:
        return None
    fresh = timezone.now() - referral.received_at < RECEIPT_REPLAY
    return Receipt(
        reference=referral.reference,
        secret=followup_secret(token) if fresh else None,
        urgent=referral.is_urgent,
        received_at=referral.received_at,
        duplicate=True,
        documents=Attachment.objects.filter(referral=referral, followup__isnull=True).count(),
    )


@sensitive_variables()
def submit(form, pub, *, language, captcha_token=None, checked_duplicate=False):
    """Seal one valid form to `pub` (the triage public key) and store it; return its Receipt.
    `checked_duplicate`: the caller has just looked the token up (the unique constraint still
    catches a race)."""
    token = form.cleaned_data["token"]
    if not checked_duplicate:
        duplicate = find_duplicate(token)
        if duplicate is not None:
            return duplicate

    verified = captcha.verify(captcha_token) if captcha.enabled() else None
    channel = form.channel
    fields = form.triage_fields()
    referral_id = uuid.uuid4()
    record_id = str(referral_id)
    received_at = timezone.now()
    files = form.cleaned_data.get("attachments") or []
    files_meta, attachments = sealing.seal_files(pub, record_id, files, referral_id=referral_id)
    payload = {
        "form": f"{channel}/{FORM_VERSION}",
        "language": language,
        "received_at": received_at.isoformat(),
        "answers": form.answers(),
        "attachments": files_meta,
    }
    sealed = sealing.seal_answers(pub, record_id, payload)
    secret = followup_secret(token)
    referral = Referral(
        id=referral_id,
        channel=channel,
        received_at=received_at,
        due_at=due_at(received_at, fields["priority"]),
        captcha_verified=verified,
        key_id=pub.key_id,
        suite=pub.suite,
        sealed_answers=sealed,
        idempotency_hash=token_hash(token),
        followup_secret_hash=hash_secret(secret, referral_id),
        reply_public_key=sealing.reply_public_key(secret, record_id),  # docs/intake.md
        **fields,
    )
    for _attempt in range(5):
        referral.reference = new_reference()
        try:
            with transaction.atomic():
                referral.save(force_insert=True)
                Attachment.objects.bulk_create(attachments)
                _notify_on_commit(referral)
            break
        except IntegrityError:
            duplicate = find_duplicate(token)
            if duplicate is not None:  # the same form, sent twice at the same moment
                return duplicate
            # Otherwise the reference was taken (1 in 10^12): draw another.
    else:
        raise IntegrityError("could not store the referral")
    return Receipt(
        referral.reference, secret, referral.is_urgent, received_at, documents=len(attachments)
    )


def _notify_on_commit(referral):
    """With the database backend the notice is written in the referral's own transaction
    (an outbox: both are stored or neither, and no second commit). Other backends would act at
    once, so they are called only after the commit."""
    from django_tasks_db import DatabaseBackend

    from ..tasks import notify_on_duty

    if isinstance(notify_on_duty.get_backend(), DatabaseBackend):
        notify_on_duty.enqueue(
            referral.reference, int(referral.priority), referral.received_at.isoformat()
        )
    else:
        transaction.on_commit(lambda: _notify(referral))


def _notify(referral):
    from ..tasks import notify_on_duty

    try:
        notify_on_duty.enqueue(
            referral.reference, int(referral.priority), referral.received_at.isoformat()
        )
    except Exception:  # the referral is stored: a failed notice must not hide the receipt
        logger.exception("could not enqueue the on-duty notice for a new referral")


def upload_size(form):
    """The bytes a valid form brings: its files and its answers (what the limits count)."""
    files = form.cleaned_data.get("attachments") or []
    return sum(len(upload["data"]) for upload in files) + len(sealing.to_json(form.answers()))


def followup_stored(token):
    return FollowUp.objects.filter(idempotency_hash=token_hash(token)).exists()


def followups_received(referral):
    """(how many follow-ups, how many sealed bytes in them and their files) for a referral."""
    followups = FollowUp.objects.filter(referral=referral).aggregate(
        count=Count("id"), size=Sum(Length("sealed"))
    )
    files = Attachment.objects.filter(referral=referral, followup__isnull=False).aggregate(
        size=Sum(Length("sealed"))
    )
    return followups["count"], (followups["size"] or 0) + (files["size"] or 0)


@sensitive_variables()
def add_followup(referral, form, pub):
    """Seal and store more information from the reporter; a double submit stores it once."""
    token_h = token_hash(form.cleaned_data["token"])
    existing = FollowUp.objects.filter(idempotency_hash=token_h).first()
    if existing is not None:
        return existing
    followup = FollowUp(
        id=uuid.uuid4(), referral=referral, received_at=timezone.now(), idempotency_hash=token_h
    )
    files_meta, attachments = sealing.seal_files(
        pub,
        referral.record_id,
        form.cleaned_data.get("attachments") or [],
        followup=followup,
        referral_id=referral.id,
    )
    payload = {
        "received_at": followup.received_at.isoformat(),
        "answers": form.answers(),
        "attachments": files_meta,
    }
    sealing.seal_followup(pub, followup, referral.record_id, payload)
    try:
        with transaction.atomic():
            followup.save(force_insert=True)
            Attachment.objects.bulk_create(attachments)
    except IntegrityError:
        existing = FollowUp.objects.filter(idempotency_hash=token_h).first()
        if existing is None:
            raise
        return existing
    return followup
