"""Settings shared by every environment.

Secure by default: DEBUG is off, the role is the public one, and everything secret or
deployment-specific comes from the environment (dev.py and test.py relax what they must).
"""

import datetime
import os
import tempfile
import zoneinfo
from pathlib import Path

import dj_database_url

from config.cache import PAGES, cache_settings

from .environment import (  # noqa: F401 (settings are read by name)
    BASE_DIR,
    SEEDS_DIR,
    SITE_ROLE,
    SITE_ROLES,
    VAR_DIR,
    env_bool,
    env_list,
)

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so that its migrate (which refuses a non-owner database role) is the one run.
    "operations",
    "users",
    "core",
    "home",
    "news",
    "campaigns",
    "publications",
    "referrals",
    "identification",
    "reporting",
    "demo",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    # Wagtail's users app with the group descriptions on the Roles tab (users/roles.py).
    "users.wagtail_users_app.CentreWagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin says times with humanize's naturaltime ("5 seconds ago"): its Serbian is
    # loaded only for an installed app.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff accounts: a second factor in the admin, and a session that ends when left idle.
    "django_otp.middleware.OTPMiddleware",
    "users.middleware.AdminSecondFactorMiddleware",
    "users.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # The admin's own policy: django-csp's leaves /admin/ out (ADMIN_CONTENT_SECURITY_POLICY).
    "users.admin_csp.AdminContentSecurityPolicyMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "users.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The font of the indicator lists' PDFs (identification/pdf.py), regular and bold: DejaVu Sans,
# Debian's fonts-dejavu-core, which has Cyrillic.
INDICATOR_PDF_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)

# DATABASE_URL selects the database; the default is an SQLite file in the ignored var/ folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request uses it: after a PostgreSQL restart
        # the next request opens a new one instead of failing (tests/deploy/test_faults.py).
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache alias for each use: default, pages, template_fragments, limits (config/cache.py).
# REDIS_URL switches them to Redis (REDIS_LIMITS_URL: another Redis for the rate limits, see
# docs/intake.md); a Redis that does not answer is a miss, never an error page.
# Each tier has a key prefix (and, in production, a Redis user allowed only that prefix:
# deploy/redis/users.acl), because Django stores cache values with pickle: a tier that read what
# the other wrote would run what a break-in there put in. The internal tier names the public
# tier's prefix to invalidate its pages (PUBLIC_CACHE_KEY_PREFIX), by writing only.
CACHES = cache_settings(
    os.environ.get("REDIS_URL", ""),
    os.environ.get("REDIS_LIMITS_URL", ""),
    os.environ.get("CACHE_KEY_PREFIX", "cpvht"),
    os.environ.get("PUBLIC_CACHE_KEY_PREFIX", ""),
)
CACHE_MIDDLEWARE_ALIAS = PAGES
if os.environ.get("REDIS_URL"):
    # Sessions are read from Redis and written through to the database: one query less on
    # every admin page. Only with a shared cache: a per-process cache would let one worker
    # keep a session another has ended.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Serbian in Cyrillic is the source and has no URL prefix; Serbian in Latin script is
# derived from it by transliteration (core/latin.py); English is translated with
# wagtail-localize. The names are shown in the language switcher in their own script.
LANGUAGE_CODE = "sr"
LANGUAGES = [
    ("sr", "Српски"),
    ("sr-latn", "Srpski"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# "Translate this page" makes a draft copy, never a live one: by default wagtail-localize
# publishes the untranslated copy of a live page at once, whoever asks. The English page goes
# live when someone with the right publishes it from the translation editor
# (core/admin/translation_drafts.py guards "Publish immediately" when translations are updated).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LATIN_LANGUAGE_CODE = "sr-latn"
# The project's catalogue first (it wins), then Wagtail's own strings typed in Serbian
# (locale_wagtail/README.md): Wagtail ships almost none, and makemessages writes only to the first.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
# Account → Preferred language offers the three; with none chosen the admin is in LANGUAGE_CODE.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's sign-in form with its password label translated.
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin.login.LoginForm"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Belgrade"
# Account → Current time zone. Wagtail offers every file of the system's tz database, and
# Debian's holds "localtime" (a link to the machine's own zone, not a zone name): the admin's
# script labels each option through the browser, which refuses it ("Invalid time zone
# specified: localtime") and leaves the list half done. Only real zone names, then.
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "posixrules"})

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Files sent to the public site (the referral attachments) are held in memory and sealed before
# they are stored: the first handler takes every upload outside the admin and never lets Django
# spool it to a temporary file on disk. The admin's document uploads go on to Django's own
# handlers (referrals/intake/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "referrals.intake.uploads.IntakeMemoryUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Staff sign-in: every admin account must confirm a second factor (a TOTP app, django-otp)
# before it sees anything, and a session left idle ends (users/middleware.py).
STAFF_IDLE_TIMEOUT_MINUTES = int(os.environ.get("STAFF_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True


def sign_in_settings(role, installed_apps, middleware):
    """(INSTALLED_APPS, MIDDLEWARE, AUTHENTICATION_BACKENDS) for the role. The public role signs
    nobody in: no backend (config/urls.py serves no login view there either). The internal role
    throttles the admin sign-in with django-axes (users/sign_in.py). dev.py and test.py call this
    again after choosing their role."""
    apps = [app for app in installed_apps if app != "axes"]
    middleware = [name for name in middleware if name != "axes.middleware.AxesMiddleware"]
    if role == "public":
        return apps, middleware, []
    backends = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
    # Axes wants its middleware last, to turn a lockout into users/sign_in.locked_out's page.
    return [*apps, "axes"], [*middleware, "axes.middleware.AxesMiddleware"], backends


INSTALLED_APPS, MIDDLEWARE, AUTHENTICATION_BACKENDS = sign_in_settings(
    SITE_ROLE, INSTALLED_APPS, MIDDLEWARE
)
# Five wrong passwords for one username pause its sign-in for 15 minutes, the right password
# included, and so do five from one client address (a guesser trying one password on many
# accounts); a success clears both counts. The address is known to axes only as a keyed
# pseudonym (users/sign_in.py), so no address is stored; no log of successful sign-ins is kept,
# and attempts older than the cool-off are deleted at the next one.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "users.sign_in.client_pseudonym"
AXES_LOCKOUT_CALLABLE = "users.sign_in.locked_out"
# Wagtail's own front-end login (/_util/login/) is served on no role (config/urls.py); a page
# made private to signed-in users sends staff to the admin's sign-in (internal role; the public
# role answers 404 for every private page, users/wagtail_hooks.py).
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"

# Passkeys and the second-factor policy (STAFF_SECOND_FACTOR, WEBAUTHN_RP_ID, ...).
from .staff_sign_in import *  # noqa: E402, F403

# Wagtail
WAGTAIL_SITE_NAME = "Центар за заштиту жртава трговине људима"
# The name an authenticator app shows next to the staff sign-in codes.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# No avatar from Gravatar: it would send a hash of each staff member's e-mail to a third party
# on every admin page. Wagtail draws its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Slugs stay ASCII in every language (Cyrillic titles get a transliterated slug).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No autosave: on a new page it saves a draft as soon as the form validates (an abandoned
# first attempt then holds the slug) and, before that, tells the editor "There are validation
# errors" while they are still typing. Editors save drafts themselves (docs/publishing.md).
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are sent by Wagtail's view only (it applies privacy and collections), whatever the
# storage; the web server must never serve /media/documents/ itself (docs/deploy.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Decoding an image takes about 4 bytes a pixel (an 11300 × 11300 upload, under Wagtail's default
# of 128 megapixels, took 3 GB and 12 s to render). 40 megapixels keeps that near 160 MB and still
# takes a 24-megapixel phone photo or a 36-megapixel camera's.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Embeds would make visitors' browsers talk to third parties: not installed.
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Where the quick exit goes when the site setting is empty: a neutral, common page.
QUICK_EXIT_DEFAULT_URL = "https://www.google.com/search?q=vremenska+prognoza"

# Security headers: the public pages load nothing from other hosts and carry no inline script.
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: other sites learn nothing, while a form POST keeps its real
# Origin header, which Django's CSRF check needs (with no-referrer browsers send "null").
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form sent back without its CSRF cookie gets a plain page with the phone numbers.
CSRF_FAILURE_VIEW = "referrals.intake.views.csrf_failure"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Nothing is allowed unless named: the public pages load only their own stylesheet, script and
# images, and carry no inline script or style. Form pages widen this for the captcha only.
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin needs inline styles and scripts; it runs on the internal tier only.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # The page's own origin only: no script of the site fetches anything, but a page
        # checker (Lighthouse) reads /robots.txt from within the page, under its policy.
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}
# The admin's policy (users/admin_csp.py; docs/triage.md, "Admin Content-Security-Policy").
# Wagtail 8's admin needs inline script (its form widgets start from an inline <script>) and
# inline style; the sign-in, second-factor, case and statistics views refuse inline script.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
# No page needs a camera, microphone, location, payment or the like (config/middleware.py).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# The referral intake and triage: keys, deadlines, retention, captcha, rate limits.
from .intake import *  # noqa: E402, F403
from .intake import private_key_settings  # noqa: E402, F401

# Background tasks: Wagtail's own run at once (the index updates of a page's Latin copy once
# per copy, config/tasks.py); the intake's notifications are kept in the database until
# `manage.py db_worker --backend intake` delivers them, so none is lost.
TASKS = {
    "default": {"BACKEND": "config.tasks.IndexCoalescingBackend"},
    "intake": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    # Publications → Import reads a long PDF here, in a worker of its own
    # (cpvht-publications-worker.service), so a minute of reading never delays an on-duty notice.
    "publications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# A PDF of more pages than this is read in the background (about a fifth of a second a page
# here): a shorter one, a Word or a text file is read within the upload's request.
PUBLICATIONS_IMPORT_BACKGROUND_PAGES = 15
# Uploaded plans between the preview and "Create draft" (publications/admin/staging.py).
PUBLICATIONS_IMPORT_DIR = Path(tempfile.gettempdir()) / "cpvht-publication-imports"

# Error reports name no uploaded file of a request that carries sealed content (config/errors.py).
DEFAULT_EXCEPTION_REPORTER = "config.errors.PrivateExceptionReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
