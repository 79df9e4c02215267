"""The referral intake and triage (docs/intake.md, docs/triage.md): keys, deadlines, retention,
the audit anchor, the captcha and the rate limits."""

import os
from pathlib import Path

from .environment import SITE_ROLE, VAR_DIR, env_bool, env_list

# --- Referral intake (docs/intake.md) ----------------------------------------------------------
# The triage public key seals every referral on arrival; every role may read it. During a key
# rotation it may list several, comma-separated: the FIRST is the current one, as in
# TRIAGE_PRIVATE_KEY_FILE (referrals/keys.py; docs/operations.md, "Key rotation").
TRIAGE_PUBLIC_KEY_FILE = os.environ.get("TRIAGE_PUBLIC_KEY_FILE", "")
# The private key and its passphrase exist only off the public role: a break-in there must not
# reveal any referral already received (DESIGN.md). referrals/keys.py refuses on that role too.
# (dev.py and test.py call this again after choosing their role.)


def private_key_settings(role):
    """TRIAGE_PRIVATE_KEY_FILE (comma-separated: the current key first, older ones after),
    TRIAGE_KEY_PASSPHRASE and TRIAGE_KEY_PASSPHRASE_FILE, read from the environment only off
    the public role."""
    if role == "public":
        return "", "", ""
    return (
        os.environ.get("TRIAGE_PRIVATE_KEY_FILE", ""),
        os.environ.get("TRIAGE_KEY_PASSPHRASE", ""),
        os.environ.get("TRIAGE_KEY_PASSPHRASE_FILE", ""),
    )


TRIAGE_PRIVATE_KEY_FILE, TRIAGE_KEY_PASSPHRASE, TRIAGE_KEY_PASSPHRASE_FILE = private_key_settings(
    SITE_ROLE
)
# Who is told (reference, priority and time only) when a referral arrives.
TRIAGE_NOTIFY_EMAILS = env_list("TRIAGE_NOTIFY_EMAILS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# First response due after receipt (the triage queue's deadlines).
TRIAGE_DUE_URGENT_HOURS = int(os.environ.get("TRIAGE_DUE_URGENT_HOURS", "24"))
TRIAGE_DUE_NORMAL_DAYS = int(os.environ.get("TRIAGE_DUE_NORMAL_DAYS", "7"))
# The Centre's target: this share of referrals answered within TRIAGE_DUE_NORMAL_DAYS (2021 plan).
TRIAGE_RESPONSE_TARGET_PERCENT = int(os.environ.get("TRIAGE_RESPONSE_TARGET_PERCENT", "65"))
# Who is told (a link, no figures) that the monthly statistical report's draft is ready
# (`manage.py draft_statistical_report`); empty: the active members of the Editor group.
STATISTICAL_REPORT_EMAILS = env_list("STATISTICAL_REPORT_EMAILS")
# Closed referrals keep their sealed data this long, then retention destroys it
# (`manage.py destroy_expired_referrals`); the coarse fields stay for the statistics.
TRIAGE_RETENTION_DAYS = int(os.environ.get("TRIAGE_RETENTION_DAYS", "730"))
# The audit log's head is appended here, signed, outside the database's reach (docs/triage.md,
# "Audit log"): in production append-only (chattr +a) and owned by another Unix user.
# AUDIT_ANCHOR_KEY signs the lines; it defaults to one derived from SECRET_KEY.
AUDIT_ANCHOR_FILE = Path(os.environ.get("AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchor.log"))
AUDIT_ANCHOR_KEY = os.environ.get("AUDIT_ANCHOR_KEY", "")


def key_from_environment(value, path):
    """A key given inline, or read from the file `path` names (0400, the service's user only:
    a systemd credential, say); the file wins. Read once, when the settings load."""
    path = path.strip()
    return Path(path).read_text().strip() if path else value.strip()


# The key of the HMAC-SHA256 under which the follow-up secret is stored (referrals/intake/
# submit.py; docs/intake.md, "Receipt and follow-up"). A key of its own, not SECRET_KEY:
# production on the public role refuses to start without it (production.py). Empty in
# development and tests: derived from SECRET_KEY there. Changing it makes every receipt
# already given fail.
FOLLOWUP_SECRET_KEY = key_from_environment(
    os.environ.get("FOLLOWUP_SECRET_KEY", ""), os.environ.get("FOLLOWUP_SECRET_KEY_FILE", "")
)

# reCAPTCHA v2 on the two forms only when both keys are set. It never blocks a referral: an
# unreachable or failing provider only marks it "captcha unverified" (referrals/intake/captcha.py).
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_DISABLED = env_bool("RECAPTCHA_DISABLED")
RECAPTCHA_DOMAIN = os.environ.get("RECAPTCHA_DOMAIN", "www.google.com")
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = int(os.environ.get("RECAPTCHA_VERIFY_REQUEST_TIMEOUT", "4"))

# Rate limits per client, kept in the cache under a keyed hash of the address (never the
# address itself). "count/seconds". RATE_LIMIT_KEY defaults to one derived from SECRET_KEY.
RATE_LIMIT_KEY = os.environ.get("RATE_LIMIT_KEY", "")
INTAKE_SUBMIT_RATE = os.environ.get("INTAKE_SUBMIT_RATE", "10/3600")
INTAKE_FOLLOWUP_RATE = os.environ.get("INTAKE_FOLLOWUP_RATE", "10/900")
# Follow-ups a client may add (every stored one counts), and what one referral may receive in
# follow-ups at all: a receipt must not become an unlimited upload channel (docs/intake.md).
INTAKE_FOLLOWUP_ADD_RATE = os.environ.get("INTAKE_FOLLOWUP_ADD_RATE", "10/3600")
INTAKE_FOLLOWUPS_PER_REFERRAL = int(os.environ.get("INTAKE_FOLLOWUPS_PER_REFERRAL", "20"))
INTAKE_FOLLOWUP_BYTES_PER_REFERRAL = int(
    os.environ.get("INTAKE_FOLLOWUP_BYTES_PER_REFERRAL", str(60 * 1024 * 1024))
)
# Bytes the public tier accepts in an hour from everyone together (reports and follow-ups):
# ten reports with five full-size files each. The Centre receives a few reports a day.
INTAKE_BYTES_PER_HOUR = int(os.environ.get("INTAKE_BYTES_PER_HOUR", str(500 * 1024 * 1024)))
# How many proxies in front of the application append to X-Forwarded-For (0: use REMOTE_ADDR).
# Production on the public role refuses to start without it said (docs/deploy.md): behind
# nginx with the default 0, every reporter would share nginx's address and one rate limit.
INTAKE_TRUSTED_PROXY_COUNT = int(os.environ.get("INTAKE_TRUSTED_PROXY_COUNT", "0"))
# Uploads on these paths go to Django's own handlers (the admin's documents); all others are
# held in memory and sealed (referrals/intake/uploads.py).
INTAKE_UPLOAD_EXEMPT_PREFIXES = ["/admin/"]
# Said on the receipt and the follow-up page: within how many working days the Centre usually
# answers there. The site never writes to a reporter (no e-mail, no text message): a notice
# could give them away, so the reporter is told when to look (referrals/intake/conversation.py).
REPLY_ANSWER_WORKING_DAYS = int(os.environ.get("REPLY_ANSWER_WORKING_DAYS", "3"))
