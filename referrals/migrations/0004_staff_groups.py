"""The four staff groups (issue 5). Triage opens and handles referrals; Coordinator also assigns
them and reads the statistics and the audit log; Editor and Moderator work on content only and
hold no permission on referrals at all, so the admin shows them no referral menu, count or URL.

Wagtail's own "Editors" and "Moderators" groups (with their page, document and image rights)
become Editor and Moderator, so they keep what Wagtail grants them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRIAGE = ["view_referral", "change_referral", "decrypt_referral"]
COORDINATOR = [*TRIAGE, "assign_referral", "report_referral"]
CONTENT = [
    ("wagtailadmin", "access_admin"),
    ("taggit", "add_tag"),
    ("taggit", "change_tag"),
    ("news", "add_newstag"),
    ("news", "change_newstag"),
    # Editors run the 30 July and 18 October campaigns themselves.
    ("home", "change_campaignsettings"),
    ("wagtail_localize", "submit_translation"),
]
MODERATOR_EXTRA = [
    ("core", "change_contactsettings"),
    ("core", "change_socialsettings"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]
RENAMES = {"Editors": "Editor", "Moderators": "Moderator"}


def _ensure_permissions(apps):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _perms(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def forwards(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for old, new in RENAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    admin = [("wagtailadmin", "access_admin")]
    for name, codenames in (("Triage", TRIAGE), ("Coordinator", COORDINATOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_perms(apps, admin + [("referrals", c) for c in codenames]))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*_perms(apps, CONTENT))
    moderator, _ = Group.objects.get_or_create(name="Moderator")
    moderator.permissions.add(*_perms(apps, CONTENT + MODERATOR_EXTRA))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Triage", "Coordinator"]).delete()
    for old, new in RENAMES.items():
        Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0003_triage"),
        ("core", "0001_initial"),
        ("home", "0001_initial"),
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
