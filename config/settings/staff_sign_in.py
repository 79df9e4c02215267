"""The staff second factor: which kinds are accepted, and the passkeys' relying party.

A passkey (WebAuthn, django-otp-webauthn) is bound to WEBAUTHN_RP_ID, the site's host name: a
page on another host cannot ask for it, so it cannot be relayed by a phishing page as a TOTP
code can. Both values come from the environment in production (docs/deploy.md); the defaults
fit `make run` opened at http://localhost:8000 (a browser refuses a passkey for an address such
as 127.0.0.1: an RP id must be a domain name)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .environment import env_list

# "any": a passkey, an authenticator app (TOTP) or a recovery code. "passkey": members of the
# groups below must confirm with a passkey; TOTP alone is refused and leads them to register
# one (users/factors.py).
STAFF_SECOND_FACTOR = os.environ.get("STAFF_SECOND_FACTOR", "any").strip().lower()
if STAFF_SECOND_FACTOR not in ("any", "passkey"):
    raise ImproperlyConfigured("STAFF_SECOND_FACTOR must be passkey or any")
STAFF_PASSKEY_GROUPS = ("Triage", "Coordinator")

OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ALLOWED_ORIGINS", "http://localhost:8000")
# A passkey is a second factor after the password, never a sign-in on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The library would log py_webauthn's exceptions, which may quote what the browser sent; the
# audit log records each failure by its code instead (users/passkeys.py).
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""
