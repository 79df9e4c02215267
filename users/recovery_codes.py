"""Recovery codes: what they look like and how they are kept (users.models.RecoveryCodes).

A code is 16 characters from an alphabet without look-alikes (about 79 random bits), shown in
four groups of four. Only SHA-256 digests are stored: a code is random enough that no key or
slow hash is needed to make a stolen table useless, and the digests survive a SECRET_KEY
rotation. django-otp's static-token plugin is not used because it stores its codes in plain
text."""

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 16
COUNT = 10


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code):
    """What a person typed, without spaces, dashes or case."""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def digest(code):
    return hashlib.sha256(normalise(code).encode("ascii", "ignore")).hexdigest()


def looks_like_a_code(code):
    return len(normalise(code)) == LENGTH
