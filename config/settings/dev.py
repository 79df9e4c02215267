"""Development: both roles in one process, debug on, development-only secrets."""

import os

from .base import *  # noqa: F403
from .base import (
    INSTALLED_APPS,
    MIDDLEWARE,
    TRIAGE_PUBLIC_KEY_FILE,
    VAR_DIR,
    env_list,
    private_key_settings,
    sign_in_settings,
)

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# `make run` serves the public site and the admin from one process (DESIGN.md).
SITE_ROLE = os.environ.get("SITE_ROLE", "all")
TRIAGE_PRIVATE_KEY_FILE, TRIAGE_KEY_PASSPHRASE, TRIAGE_KEY_PASSPHRASE_FILE = private_key_settings(
    SITE_ROLE
)
INSTALLED_APPS, MIDDLEWARE, AUTHENTICATION_BACKENDS = sign_in_settings(
    SITE_ROLE, INSTALLED_APPS, MIDDLEWARE
)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The on-duty notice of a new referral is printed by `make run`'s task worker (bin/dev-server):
# without an address it would be skipped, and nobody would see it in development.
TRIAGE_NOTIFY_EMAILS = env_list("TRIAGE_NOTIFY_EMAILS", "on-duty@localhost")
# Development triage keys: `make run` generates them into the ignored var/ folder
# (`manage.py dev_triage_keys`); the environment still wins.
DEV_KEYS_DIR = VAR_DIR / "keys"
DEV_KEY_PASSPHRASE_FILE = VAR_DIR / "dev-triage-passphrase"
_dev_public_keys = sorted(DEV_KEYS_DIR.glob("*.pub"), key=lambda p: p.stat().st_mtime)
if _dev_public_keys and not TRIAGE_PUBLIC_KEY_FILE:
    TRIAGE_PUBLIC_KEY_FILE = str(_dev_public_keys[-1])
    if SITE_ROLE != "public" and not TRIAGE_PRIVATE_KEY_FILE:
        TRIAGE_PRIVATE_KEY_FILE = ",".join(str(p.with_suffix(".key")) for p in _dev_public_keys)
        if not (TRIAGE_KEY_PASSPHRASE or TRIAGE_KEY_PASSPHRASE_FILE):
            TRIAGE_KEY_PASSPHRASE_FILE = str(DEV_KEY_PASSPHRASE_FILE)

# The default SQLite database lives in var/; make sure the folder exists.
VAR_DIR.mkdir(parents=True, exist_ok=True)
