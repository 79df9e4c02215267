"""Django's migrate, refused with a clear message when the database user is not the owner of
the tables: a web role that could migrate could also drop the audit trigger (docs/deploy.md)."""

from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        refuse_unless_owner(connections[options["database"]])
        return super().handle(*args, **options)


def refuse_unless_owner(connection):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, r.rolsuper, has_schema_privilege('public', 'CREATE'), "
            "(SELECT tableowner FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename = 'django_migrations') FROM pg_roles r WHERE r.rolname = current_user"
        )
        user, superuser, can_create, owner = cursor.fetchone()
    if superuser or (owner == user) or (owner is None and can_create):
        return
    raise CommandError(
        f"Migrations must run as the owner of the tables ({owner or 'the schema owner'}), not as "
        f"{user}: use the owner's DATABASE_URL for migrate (docs/deploy.md, 'Database roles')."
    )
