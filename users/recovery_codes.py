"""Recovery codes: what they look like and how they are kept (users.models.RecoveryCodes).

A code is 20 random digits (about 66 bits), shown in five groups of four: digits are typed the
same on a Cyrillic or a Latin keyboard and read the same in both scripts. Only SHA-256 digests
are stored: a code is random enough that no key or slow hash is needed to make a stolen table
useless, and the digests survive a SECRET_KEY rotation. django-otp's static-token plugin is not
used because it stores its codes in plain text."""

import hashlib
import secrets

ALPHABET = "0123456789"
LENGTH = 20
COUNT = 10


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code):
    """What a person typed, without spaces or dashes."""
    return "".join(ch for ch in str(code) if ch not in " -")


def digest(code):
    return hashlib.sha256(normalise(code).encode("utf-8")).hexdigest()


def looks_like_a_code(code):
    typed = normalise(code)
    return len(typed) == LENGTH and typed.isascii() and typed.isdigit()
