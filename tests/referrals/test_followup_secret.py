"""The follow-up secret at rest: an HMAC-SHA256 under FOLLOWUP_SECRET_KEY, bound to its referral
(docs/intake.md, "Receipt and follow-up"). What that column of a copy of the database shows an
attacker who does not have the key: nothing against which a guessed secret can be checked."""

import hashlib
import hmac

import pytest

from referrals.intake import submit
from referrals.models import Referral
from referrals.replykeys import normalise_secret
from tests.referrals.intake_support import submit as send_form
from tests.referrals.support import FOLLOW_UP_URL, REPORT_URL, receipt_codes, report_data

pytestmark = pytest.mark.django_db

KEY = "a-follow-up-key-for-this-test-only-0123456789"


def mac(key, referral, secret):
    message = f"{referral.id}:{normalise_secret(secret)}".encode("ascii")
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def test_the_stored_secret_is_an_hmac_under_the_configured_key(client, settings):
    settings.FOLLOWUP_SECRET_KEY = KEY
    reference, secret = receipt_codes(send_form(client, REPORT_URL, report_data()))
    referral = Referral.objects.get(reference=reference)
    stored = referral.followup_secret_hash
    assert stored == mac(KEY, referral, secret)
    # A copy of the database without the key: the right secret, hashed without the key or
    # under another key, matches nothing stored, so no guess can be checked offline.
    plain = normalise_secret(secret).encode()
    unkeyed = hashlib.sha256(plain).hexdigest()
    assert stored not in {unkeyed, mac("another-key" * 4, referral, secret)}
    # Bound to its referral: the same secret on another referral's row would not open it.
    other = Referral(id="00000000-0000-4000-8000-000000000000")
    assert mac(KEY, other, secret) != stored
    # The receipt opens with the key it was stored under, and with no other.
    response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert b"Received" in response.content
    settings.FOLLOWUP_SECRET_KEY = "another-key-" * 4
    assert submit.check_receipt(reference, secret) is None


def test_a_row_stored_with_the_old_slow_hash_no_longer_opens(client, settings):
    """A row from before the HMAC kept a PBKDF2 string: it matches no MAC (and migration 0011
    empties it, an empty hash being refused like a destroyed referral's)."""
    settings.FOLLOWUP_SECRET_KEY = KEY
    reference, secret = receipt_codes(send_form(client, REPORT_URL, report_data()))
    Referral.objects.filter(reference=reference).update(
        followup_secret_hash="pbkdf2_sha256$10000$salt$hash"
    )
    assert submit.check_receipt(reference, secret) is None
