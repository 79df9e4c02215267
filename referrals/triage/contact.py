"""Safe contact enforced: the person's wishes (safe channels, safe times, numbers never to use,
or no contact at all), read from the referral's sealed answers, are checked before a contact
detail is shown and before a contact attempt is recorded.

An attempt that goes against them is not forbidden (a life may depend on a call), but it needs
a reason in words; it is recorded with which wishes it went against, audited, and flagged on
the coordinator's panel (referrals/triage/admin/dashboard.py). The checks are coarse on
purpose: a channel is in the person's list or not; a time is checked by the member of staff,
who confirms it fits the times the person gave (free text such as "weekdays after 6 pm"
cannot be checked by a machine); a number or address is on the never-use list when its
digits (its last eight, so "+381 60 ..." matches "060 ...") or the whole e-mail address appear
there.
"""

import re
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import sealing
from ..choices import Route
from ..models.contact import ContactAttempt, ContactRecipient
from . import audit
from .workflow import ActionRefused, actor_name

# The wishes an attempt can go against, by the code stored with it and in its audit event.
BREACHES = {
    "no-contact": _("the person asked not to be contacted"),
    "channel": _("a channel the person did not choose"),
    "time": _("a time the person did not give as safe"),
    "never-use": _("a number or address the person said never to use"),
}
REASON_MAX = 2_000
# A run of digits, spaces and the usual separators of a written phone number.
_NUMBER = re.compile(r"\+?\d[\d\s\-/().]{4,}\d")


@dataclass(frozen=True)
class Wishes:
    no_contact: bool
    channels: tuple
    times: str
    never_use: str

    @classmethod
    def of(cls, referral, answers):
        """The wishes in a referral's decrypted answers. A reporter who chose to stay
        anonymous, and a person a professional notified anonymously, want no contact."""
        no_contact = answers.get("wants_contact") == "no" or referral.route == Route.ANONYMOUS
        return cls(
            no_contact=no_contact,
            channels=tuple(answers.get("safe_channels") or ()),
            times=(answers.get("safe_times") or "").strip(),
            never_use=(answers.get("never_use") or "").strip(),
        )

    @property
    def any(self):
        return self.no_contact or bool(self.channels or self.times or self.never_use)


def _digits(text):
    return "".join(ch for ch in text if ch.isdigit())


def on_never_use_list(wishes, address):
    """Whether this number or e-mail address is one the person said never to use."""
    address = (address or "").strip()
    if not address or not wishes.never_use:
        return False
    if "@" in address:
        return address.casefold() in wishes.never_use.casefold()
    digits = _digits(address)
    if len(digits) < 6:
        return False
    tail = digits[-8:]
    return any(tail in _digits(found) for found in _NUMBER.findall(wishes.never_use))


def breaches(wishes, *, recipient, channel, address, within_times):
    """The codes (BREACHES) of the wishes this attempt goes against, in a fixed order. The
    never-use list holds for anyone called; the rest are the person's own wishes, which do not
    bind a call to the professional who referred them."""
    found = []
    if recipient != ContactRecipient.REFERRER:
        if wishes.no_contact:
            found.append("no-contact")
        if wishes.channels and channel not in wishes.channels:
            found.append("channel")
        if wishes.times and not within_times:
            found.append("time")
    if on_never_use_list(wishes, address):
        found.append("never-use")
    return found


def in_words(codes):
    return ", ".join(str(BREACHES.get(code, code)) for code in codes)


def record_attempt(referral, wishes, *, by, attempt, now=None):
    """Store one contact attempt (a dict: recipient, channel, outcome, attempted_at, address,
    within_times, reason, note) with the wishes it went against; refuse it without a reason
    when it went against any. Audited in the same transaction."""
    if referral.is_destroyed:
        raise ActionRefused(_("The sealed data of this referral has been destroyed."))
    found = breaches(
        wishes,
        recipient=attempt["recipient"],
        channel=attempt["channel"],
        address=attempt.get("address", ""),
        within_times=attempt.get("within_times", False),
    )
    reason = (attempt.get("reason") or "").strip()
    if found and not reason:
        raise ActionRefused(
            _("This attempt goes against the person's wishes (%(wishes)s): give the reason.")
            % {"wishes": in_words(found)}
        )
    row = ContactAttempt(
        id=uuid.uuid4(),
        referral=referral,
        author=by,
        attempted_at=attempt["attempted_at"],
        recorded_at=now or timezone.now(),
        recipient=attempt["recipient"],
        channel=attempt["channel"],
        outcome=attempt["outcome"],
        against_wishes=found,
    )
    sealed = {"address": attempt.get("address", ""), "reason": reason, "note": attempt.get("note")}
    sealing.seal_contact(row, sealed)
    with transaction.atomic():
        row.save(force_insert=True)
        # Codes only: which wishes, never the number, the reason or the note.
        audit.append(
            "contact.recorded",
            actor=actor_name(by),
            reference=referral.reference,
            detail={
                "attempt": str(row.id),
                "recipient": row.recipient,
                "channel": row.channel,
                "outcome": row.outcome,
                "against_wishes": found,
            },
        )
    return row


def against_wishes_recently(since, limit):
    """The latest attempts that went against the wishes, recorded since `since`: plaintext
    columns only, for the coordinator's panel."""
    return list(
        ContactAttempt.objects.filter(recorded_at__gte=since)
        .exclude(against_wishes=[])
        .select_related("referral", "author")
        .only(
            "id",
            "recorded_at",
            "attempted_at",
            "channel",
            "against_wishes",
            "referral__id",
            "referral__reference",
            "author__username",
            "author__first_name",
            "author__last_name",
        )
        .order_by("-recorded_at")[:limit]
    )
