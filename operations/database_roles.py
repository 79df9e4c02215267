"""The three PostgreSQL roles of a deployment and what each may do (docs/deploy.md).

- the **owner** runs migrations and owns every table; no web process uses it;
- **internal** (admin, triage, statistics, retention, tasks) reads and writes rows but owns
  nothing, so it cannot disable a trigger, truncate or alter a table, and it may only read and
  append to the audit log;
- **public** (the site and the two forms) reads what serving pages needs and appends referrals;
  it cannot read a user, a session, a second-factor device, a revision or a staff note, and it
  deletes nothing.

Every table is named below, as public-readable, public-writable or not public at all: a table
a later migration adds is not public until someone decides it is (the tests fail until then),
and the internal role gets it through the owner's default privileges.
"""

from referrals.intake.submit import PUBLIC_COLUMNS
from referrals.models.messages import PUBLIC_MESSAGE_COLUMNS, PUBLIC_MESSAGE_UPDATES

# What the public role may read: the pages, their settings, images, documents, tags, search
# and redirects. Page models are found by app (see public_grants), the rest named here.
PUBLIC_READ = {
    "django_content_type",
    "taggit_tag",
    "taggit_taggeditem",
    "wagtailcore_collection",
    "wagtailcore_collectionviewrestriction",
    "wagtailcore_collectionviewrestriction_groups",
    "wagtailcore_locale",
    "wagtailcore_page",
    "wagtailcore_pageviewrestriction",
    "wagtailcore_pageviewrestriction_groups",
    "wagtailcore_site",
    "wagtaildocs_document",
    "wagtailimages_image",
    "wagtailredirects_redirect",
    "referrals_reportpage",
    "referrals_professionalreferralpage",
}
# Every table of these apps is page content (pages, snippets, settings) or the search index
# of live pages (on SQLite, the index's full-text tables too).
PUBLIC_READ_APPS = (
    "core_",
    "home_",
    "news_",
    "campaigns_",
    "publications_",
    "identification_",
    "wagtailsearch_",
)

# What the public role may write ("insert", True unless said; "update": the columns it may
# change), and the columns it may read back. Referrals are read only
# through the columns the receipt and the follow-up check need: a break-in on the public tier
# learns nothing of a referral it does not hold the reference and secret of.
PUBLIC_WRITE = {
    "referrals_referral": {
        "insert": True,
        # What the receipt and the follow-up page show, and the double-submit look-up.
        "select": [*PUBLIC_COLUMNS, "idempotency_hash"],
    },
    # Sealed blobs, which nothing on the public tier can open.
    "referrals_followup": {"insert": True, "select": "all"},
    "referrals_attachment": {"insert": True, "select": "all"},
    # The Centre's messages to a reporter: the follow-up page reads the reporter's copy (sealed
    # to a key only the receipt's secret derives), marks it read and, when the reporter deletes
    # it, erases that copy. It never reads the triage copy or who wrote it, and inserts nothing.
    "referrals_reportermessage": {
        "insert": False,
        "select": list(PUBLIC_MESSAGE_COLUMNS),
        "update": list(PUBLIC_MESSAGE_UPDATES),
    },
    # The on-duty notice is written in the referral's transaction (an outbox).
    "django_tasks_database_dbtaskresult": {"insert": True, "select": None},
    # A rendition missing at a public request is made there rather than failing the page
    # (renditions are made on publish, on the internal tier: core/renditions.py).
    "wagtailimages_rendition": {"insert": True, "select": "all"},
    # A site's settings row is created with its defaults by the first page that reads it.
    "core_contactsettings": {"insert": True, "select": "all"},
    "core_socialsettings": {"insert": True, "select": "all"},
    "home_campaignsettings": {"insert": True, "select": "all"},
}

# Tables the public role has no right on at all: accounts and their secrets, sessions, the
# admin's history and drafts, workflows, translations in progress, the audit log, staff notes,
# contact attempts.
NOT_PUBLIC = {
    "auth_group",
    "auth_group_permissions",
    "auth_permission",
    "django_migrations",
    "django_session",
    "otp_totp_totpdevice",
    # Passkeys and recovery codes (users/passkeys.py, users/recovery_codes.py).
    "django_otp_webauthn_webauthnattestation",
    "django_otp_webauthn_webauthncredential",
    "django_otp_webauthn_webauthnuserhandle",
    "users_recoverycodes",
    "referrals_auditevent",
    "referrals_contactattempt",
    "referrals_staffnote",
    "users_user",
    "users_user_groups",
    "users_user_user_permissions",
    "wagtailadmin_admin",
    "wagtailadmin_editingsession",
    "wagtailadmin_formstate",
    "wagtailcore_apitoken",
    "wagtailcore_comment",
    "wagtailcore_commentreply",
    "wagtailcore_groupapprovaltask",
    "wagtailcore_groupapprovaltask_groups",
    "wagtailcore_groupcollectionpermission",
    "wagtailcore_grouppagepermission",
    "wagtailcore_groupsitepermission",
    "wagtailcore_modellogentry",
    "wagtailcore_pagelogentry",
    "wagtailcore_pagesubscription",
    "wagtailcore_referenceindex",
    "wagtailcore_revision",
    "wagtailcore_task",
    "wagtailcore_taskstate",
    "wagtailcore_uploadedfile",
    "wagtailcore_workflow",
    "wagtailcore_workflowcontenttype",
    "wagtailcore_workflowpage",
    "wagtailcore_workflowstate",
    "wagtailcore_workflowtask",
    "wagtailusers_userprofile",
}
# Whole apps that are staff-only (sign-in throttling, translation work).
NOT_PUBLIC_PREFIXES = ("axes_", "wagtail_localize_")

# The internal role writes everything but this, which it may only read and append to.
APPEND_ONLY = {"referrals_auditevent"}


def classify(table):
    """'read', 'write' or 'none' for the public role; None when nobody has decided."""
    if table in PUBLIC_WRITE:
        return "write"
    if table in PUBLIC_READ or table.startswith(PUBLIC_READ_APPS):
        return "read"
    if table in NOT_PUBLIC or table.startswith(NOT_PUBLIC_PREFIXES):
        return "none"
    return None
