"""The right to reset another account's second factor (a lost phone), given to the Coordinator
group; superusers hold it anyway."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are made after all migrations; the group needs this one now.
    app_config = apps.get_app_config("users")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="users", codename="reset_second_factor"
    )
    group, _ = Group.objects.get_or_create(name="Coordinator")
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="users", codename="reset_second_factor"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("referrals", "0004_staff_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "permissions": [
                    ("reset_second_factor", "Can reset another staff member's second factor")
                ],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
