"""The reporter's reply key: derived from the follow-up secret, never stored (docs/intake.md,
"Replies to the reporter").

The Centre answers a reporter by sealing its message to a key pair that only the receipt opens.
At submission the secret shown on the receipt derives the pair; only the public half is stored
on the referral. On the follow-up page the same secret, typed again, derives the private half
in memory for that one request. The server keeps only an HMAC of the secret
(referrals/intake/submit.py) and this public key, so nothing it stores opens a reply.

    ikm   = the secret as the follow-up look-up normalises it (ASCII, 20 characters)
    salt  = the referral's id, canonical UUID text in ASCII ("1b4e28ba-2fa1-11d2-...")
    info  = REPLY_KEY_INFO
    okm   = HKDF-SHA256(ikm, salt, info, length=96)
    key   = ML-KEM-768 private key from seed okm[0:64] (FIPS 203 d || z)
          + X25519 private key okm[64:96]
    suite = crypto.SUITE_MLKEM768_X25519 (X-Wing style hybrid HPKE KEM)

The stored public key lets anyone with a copy of the database check a guessed secret offline,
with one HKDF and one key generation (under a millisecond, no server key needed). No hash of
the secret stored beside it, slow or keyed, can make guessing dearer than that: what protects
both the reply key and the receipt is the secret's 100 random bits (2**100 guesses at a
million a second are some 4 * 10**16 years). Hence a single HKDF, not a slow password hash.
Pure Python on `cryptography`, no Django, like referrals/crypto.py.
"""

from __future__ import annotations

import uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import crypto

REPLY_KEY_INFO = b"cpvt-referrals/reply-key/v1"
REPLY_SUITE = crypto.SUITE_MLKEM768_X25519
_OKM_LEN = 64 + 32  # ML-KEM-768 seed, then the X25519 scalar


def normalise_secret(text: str) -> str:
    """What a person typed, as the secret is hashed and keys are derived: case, spaces, dashes
    and the look-alikes O/0, I/1, L/1 forgiven."""
    cleaned = "".join(ch for ch in str(text).upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def _salt(referral_id: str) -> bytes:
    # The canonical form, so an id given as UUID, upper case or with braces derives the same.
    return str(uuid.UUID(str(referral_id))).encode("ascii")


def derive_private_key(secret: str, referral_id: str) -> crypto.PrivateKey:
    """The reporter's private reply key for this referral: in memory only, for one request."""
    ikm = normalise_secret(secret).encode("ascii", errors="replace")
    if not ikm:
        raise crypto.CryptoError("no secret")
    okm = HKDF(
        algorithm=hashes.SHA256(), length=_OKM_LEN, salt=_salt(referral_id), info=REPLY_KEY_INFO
    ).derive(ikm)
    return crypto.private_from_raw(REPLY_SUITE, okm)


def derive_public_key(secret: str, referral_id: str) -> crypto.PublicKey:
    """The public half, the only part stored (as crypto.dump_public_key's JSON)."""
    return derive_private_key(secret, referral_id).public_key()


def reporter_purpose(message_id: str) -> str:
    return f"reply:{message_id}"


def triage_purpose(message_id: str) -> str:
    """The triage key's copy of the same message: another purpose, so the two blobs cannot be
    swapped for one another."""
    return f"reply-copy:{message_id}"
