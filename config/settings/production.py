"""Production: refuses to start without real secrets and hosts.

What the environment provides is switched on in base.py: PostgreSQL through DATABASE_URL (and
with it Wagtail's PostgreSQL full-text search), Redis through REDIS_URL.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.storage import media_origin, media_storage

from .base import *  # noqa: F403
from .base import (
    ADMIN_CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY,
    FOLLOWUP_SECRET_KEY,
    INSTALLED_APPS,
    MIDDLEWARE,
    RECAPTCHA_DISABLED,
    RECAPTCHA_PRIVATE_KEY,
    RECAPTCHA_PUBLIC_KEY,
    SECRET_KEY,
    SITE_ROLE,
    env_bool,
    env_list,
)

DEBUG = False

# A short or placeholder key would let anyone forge sessions and CSRF tokens.
if len(SECRET_KEY) < 50 or "not-secret" in SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50 or more characters")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names")
# Both roles in one process would put the private key next to the public forms.
if SITE_ROLE == "all":
    raise ImproperlyConfigured("SITE_ROLE=all is for development only: use public or internal")

# The public forms run with a captcha, unless someone decided, in writing, that they do not.
if SITE_ROLE == "public" and not RECAPTCHA_DISABLED:
    if not (RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY):
        raise ImproperlyConfigured(
            "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be set on the public role "
            "(or RECAPTCHA_DISABLED=true to run the forms without a captcha)"
        )

# Behind nginx every request comes from nginx: unless the number of proxies is said, all
# reporters would share one rate-limit bucket and ten junk reports would block everyone.
if SITE_ROLE == "public" and not os.environ.get("INTAKE_TRUSTED_PROXY_COUNT", "").strip():
    raise ImproperlyConfigured(
        "INTAKE_TRUSTED_PROXY_COUNT must be set on the public role: the number of proxies in "
        "front that append to X-Forwarded-For (1 behind one nginx, 0 with no proxy)"
    )


def passkey_relying_party_problem(rp_id, origins):
    """What is wrong with the staff tier's passkey settings, or "". The development defaults
    (localhost) would start a tier on which no passkey can be registered or used, which staff
    would find out at sign-in; a browser offers passkeys only to an HTTPS origin whose host is
    the RP id or inside its domain (docs/deploy.md)."""
    if not rp_id or not origins:
        return "WEBAUTHN_RP_ID and WEBAUTHN_ALLOWED_ORIGINS must be set on the internal role"
    if any(mark in rp_id for mark in ":/ "):
        return "WEBAUTHN_RP_ID must be the staff host's name, without scheme or port"
    for origin in origins:
        parts = urlsplit(origin)
        host = parts.hostname or ""
        if parts.scheme != "https" or parts.path not in ("", "/"):
            return f"WEBAUTHN_ALLOWED_ORIGINS must be https://host origins, not {origin}"
        if host != rp_id and not host.endswith(f".{rp_id}"):
            return f"WEBAUTHN_ALLOWED_ORIGINS: {origin} is outside WEBAUTHN_RP_ID {rp_id}"
    return ""


if SITE_ROLE == "internal" and (
    _problem := passkey_relying_party_problem(
        os.environ.get("WEBAUTHN_RP_ID", "").strip(), env_list("WEBAUTHN_ALLOWED_ORIGINS")
    )
):
    raise ImproperlyConfigured(_problem)

# The follow-up secrets are stored as HMACs under a key of their own (docs/intake.md, "Receipt
# and follow-up"): not SECRET_KEY, so a leaked SECRET_KEY does not also let one test guesses
# against that column of a copy of the database, and the other way round.
if SITE_ROLE == "public" and (
    len(FOLLOWUP_SECRET_KEY) < 32
    or FOLLOWUP_SECRET_KEY == SECRET_KEY
    or "change-me" in FOLLOWUP_SECRET_KEY
):
    raise ImproperlyConfigured(
        "FOLLOWUP_SECRET_KEY (or FOLLOWUP_SECRET_KEY_FILE) must be set on the public role to a "
        "random value of 32 or more characters, other than SECRET_KEY"
    )

# TLS is terminated in front of the application; it must say so with this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Images and documents in an S3-compatible bucket when MEDIA_S3_BUCKET is set (config/storage.py,
# docs/operations.md "Scale-out switches"): several application servers then share one media
# store. The pages and the admin may then load renditions from the storage's address.
if _s3 := media_storage():
    STORAGES["default"] = _s3
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(media_origin())
    ADMIN_CONTENT_SECURITY_POLICY["img-src"].append(media_origin())

# The public role caches whole pages for anonymous visitors (config/middleware.py); responses
# that are private, no-store or set a cookie (forms, search, receipts) are never stored.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
if SITE_ROLE == "public" and PAGE_CACHE_SECONDS > 0:
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    # The lookup comes after sessions and locale (as Django asks): its key holds the request's
    # language, which the locale middleware sets; before it, the previous request's was used.
    _fetch_at = MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1
    MIDDLEWARE = [
        "config.middleware.PageCacheUpdateMiddleware",
        *MIDDLEWARE[:_fetch_at],  # security, whitenoise, sessions, locale: run for cached pages
        "config.middleware.PageCacheFetchMiddleware",
        *MIDDLEWARE[_fetch_at:],
    ]

# An HTTP cache (Varnish, deploy/varnish/default.vcl) in front of the public tier, told by the
# internal tier when pages change: FRONTEND_CACHE_PURGE_URL is where it takes PURGE requests
# (core/frontend_cache.py; docs/operations.md, "Scale-out switches"). Off unless set.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "").strip()
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "core.frontend_cache.FrontendCacheConfig"]
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    # Each language is a page of its own and purges itself (core/frontend_cache.py).
    WAGTAILFRONTENDCACHE_LANGUAGES = []
