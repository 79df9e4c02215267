"""Development: both roles in one process, debug on, development-only secrets."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# `make run` serves the public site and the admin from one process (DESIGN.md).
SITE_ROLE = os.environ.get("SITE_ROLE", "all")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Development keys are generated into the ignored var/ folder by `make run`.
DEV_KEYS_DIR = VAR_DIR / "keys"

# The default SQLite database lives in var/; make sure the folder exists.
VAR_DIR.mkdir(parents=True, exist_ok=True)
