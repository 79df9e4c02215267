"""Tests: fast hashing, in-memory files, both roles mounted unless a test says otherwise."""

import os
import tempfile
from pathlib import Path

from .environment import redis_url_for_worker, schema_fingerprint

# Under pytest-xdist (make test-fast) each worker has its own Redis database: the tests clear
# the caches between tests, and one worker's flush would empty the other's rate limits mid-test.
# Before base.py reads REDIS_URL.
for _name in ("REDIS_URL", "REDIS_LIMITS_URL"):
    if os.environ.get(_name) and os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ[_name] = redis_url_for_worker(
            os.environ[_name], os.environ["PYTEST_XDIST_WORKER"]
        )

from .base import *  # noqa: E402, F403
from .base import (  # noqa: E402
    INSTALLED_APPS,
    MIDDLEWARE,
    private_key_settings,
    sign_in_settings,
)

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SITE_ROLE = os.environ.get("SITE_ROLE", "all")
# The triage keys: tests/conftest.py makes a key pair for the session and points these at it.
TRIAGE_PRIVATE_KEY_FILE, TRIAGE_KEY_PASSPHRASE, TRIAGE_KEY_PASSPHRASE_FILE = private_key_settings(
    SITE_ROLE
)
INSTALLED_APPS, MIDDLEWARE, AUTHENTICATION_BACKENDS = sign_in_settings(
    SITE_ROLE, INSTALLED_APPS, MIDDLEWARE
)
# Notifications run at once in tests; one test runs them through the database and its worker.
TASKS = {
    "default": {"BACKEND": "config.tasks.IndexCoalescingBackend"},
    "intake": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "publications": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
TRIAGE_NOTIFY_EMAILS = ["on-duty@centar.example"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="cpvht-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="cpvht-test-static-")
# Each test process its own: the import tests count what is left in it.
PUBLICATIONS_IMPORT_DIR = Path(tempfile.mkdtemp(prefix="cpvht-test-imports-"))
# Never the development anchor in var/ (tests/referrals/conftest.py gives each test its own).
AUDIT_ANCHOR_FILE = Path(tempfile.mkdtemp(prefix="cpvht-test-audit-")) / "audit-anchor.log"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# On SQLite, the tasks worker (db_worker) needs exclusive transactions; with this mode Django
# begins them itself, so the worker also runs inside a test's transaction.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "EXCLUSIVE"  # noqa: F405
    # A test database on disk, named after what shapes its schema, so that `make test-fast`
    # (--reuse-db) skips the migrations when nothing changed and starts afresh when a
    # migration or a package did.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{schema_fingerprint()}.sqlite3")  # noqa: F405
    }
