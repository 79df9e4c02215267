"""Create or correct the three PostgreSQL roles and their rights (operations/database_roles.py).

Run it as a PostgreSQL superuser (DATABASE_URL) on the site's database, before the first
migrate and again after every deployment that adds tables; it changes only what is not yet as
it should be, and prints no secret. Passwords, when the roles sign in with one, are read from
DB_OWNER_PASSWORD, DB_INTERNAL_PASSWORD and DB_PUBLIC_PASSWORD with --passwords-from-env.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg2 import sql

from operations import database_roles as policy

ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


class Command(BaseCommand):
    help = "Create the owner, internal and public database roles and grant what each needs."

    def add_arguments(self, parser):
        parser.add_argument("--owner", default="cpvht_owner")
        parser.add_argument("--internal", default="cpvht_internal")
        parser.add_argument("--public", default="cpvht_public")
        parser.add_argument(
            "--passwords-from-env",
            action="store_true",
            help="set each role's password from DB_OWNER_PASSWORD, DB_INTERNAL_PASSWORD, "
            "DB_PUBLIC_PASSWORD (never printed)",
        )

    def handle(self, *args, owner, internal, public, passwords_from_env, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist on PostgreSQL only (DATABASE_URL).")
        if len({owner, internal, public}) != 3:
            raise CommandError("The three roles must have three different names.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                raise CommandError("Run this as a PostgreSQL superuser (DATABASE_URL).")
        passwords = read_passwords(owner, internal, public) if passwords_from_env else {}

        with transaction.atomic(), connection.cursor() as cursor:
            create_roles(cursor, owner, internal, public, passwords)
            database = lock_database(cursor, owner, internal, public)
            names = hand_tables_to(cursor, owner)
            grant_internal(cursor, owner, internal, public, names)
            counts, undecided = grant_public(cursor, public, names)

        self.stdout.write(
            f"Roles ready on {database}: owner {owner}, internal {internal}, public {public}. "
            f"{len(names)} tables: {counts['read']} public-readable, {counts['write']} "
            f"public-writable, {counts['none']} staff-only."
        )
        if undecided:
            self.stderr.write(
                "Not in operations/database_roles.py, so not public: " + ", ".join(undecided)
            )


def read_passwords(owner, internal, public):
    passwords = {}
    for role, variable in (
        (owner, "DB_OWNER_PASSWORD"),
        (internal, "DB_INTERNAL_PASSWORD"),
        (public, "DB_PUBLIC_PASSWORD"),
    ):
        if not os.environ.get(variable):
            raise CommandError(f"{variable} is not set.")
        passwords[role] = os.environ[variable]
    return passwords


def create_roles(cursor, owner, internal, public, passwords):
    run = cursor.execute
    for role in (owner, internal, public):
        run("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        verb = "ALTER" if cursor.fetchone() else "CREATE"
        web = "NOINHERIT" if role != owner else "INHERIT"
        run(sql.SQL(f"{verb} ROLE {{}} {ROLE_ATTRIBUTES} {web}").format(ident(role)))
        if role in passwords:
            run(sql.SQL("ALTER ROLE {} PASSWORD %s").format(ident(role)), [passwords[role]])
    # Neither web role may act as the owner, nor as each other.
    for member in (internal, public):
        for granted in (owner, internal, public):
            if granted != member:
                run(sql.SQL("REVOKE {} FROM {}").format(ident(granted), ident(member)))


def lock_database(cursor, owner, internal, public):
    """The database and its schema belong to the owner; the web roles may only connect and use
    the schema. Returns the database's name."""
    run = cursor.execute
    run("SELECT current_database()")
    database = cursor.fetchone()[0]
    run(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(ident(database), ident(owner)))
    run(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(ident(database)))
    run(
        sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}, {}").format(
            ident(database), ident(internal), ident(public)
        )
    )
    run(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(ident(owner)))
    run("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    run(sql.SQL("GRANT USAGE ON SCHEMA public TO {}, {}").format(ident(internal), ident(public)))
    return database


def hand_tables_to(cursor, owner):
    """Every table and sequence belongs to the owner (a site migrated by another role before
    this ran is handed over). Returns the names of the tables."""
    run = cursor.execute
    run(
        "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' "
        "ORDER BY tablename"
    )
    tables = cursor.fetchall()
    for table, table_owner in tables:
        if table_owner != owner:
            run(sql.SQL("ALTER TABLE {} OWNER TO {}").format(ident(table), ident(owner)))
    run("SELECT sequencename, sequenceowner FROM pg_sequences WHERE schemaname = 'public'")
    for sequence, sequence_owner in cursor.fetchall():
        if sequence_owner != owner:
            run(sql.SQL("ALTER SEQUENCE {} OWNER TO {}").format(ident(sequence), ident(owner)))
    return {table for table, _owner in tables}


def grant_internal(cursor, owner, internal, public, names):
    run = cursor.execute
    # Start from nothing, then grant: a re-run also takes back what was granted by hand.
    for role in (internal, public):
        run(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(ident(role)))
        run(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {}").format(ident(role)))
    run(
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            ident(internal)
        )
    )
    run(
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(
            ident(internal)
        )
    )
    for table in sorted(policy.APPEND_ONLY & names):
        run(sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(ident(table), ident(internal)))
    # Tables added by later migrations: the internal role gets them at once; the public role
    # only once they are in the policy and this is run again.
    run(
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(ident(owner), ident(internal))
    )
    run(
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
            "GRANT USAGE, SELECT ON SEQUENCES TO {}"
        ).format(ident(owner), ident(internal))
    )


def grant_public(cursor, public, names):
    """What operations/database_roles.py allows the public role, table by table. Returns the
    counts by kind and the tables the policy does not name (they stay staff-only)."""
    run = cursor.execute
    counts = {"read": 0, "write": 0, "none": 0}
    undecided = []
    for table in sorted(names):
        kind = policy.classify(table)
        if kind is None:
            undecided.append(table)
            continue
        counts[kind] += 1
        if kind == "read":
            grant(run, "SELECT", table, public)
        elif kind == "write":
            grant_public_write(cursor, table, public, policy.PUBLIC_WRITE[table])
    return counts, undecided


def grant_public_write(cursor, table, public, rule):
    run = cursor.execute
    if rule.get("insert", True):
        grant(run, "INSERT", table, public)
    if rule.get("update"):
        columns = sql.SQL(", ").join(ident(c) for c in rule["update"])
        run(sql.SQL("GRANT UPDATE ({}) ON {} TO {}").format(columns, ident(table), ident(public)))
    if rule["select"] == "all":
        grant(run, "SELECT", table, public)
    elif rule["select"]:
        columns = sql.SQL(", ").join(ident(c) for c in rule["select"])
        run(sql.SQL("GRANT SELECT ({}) ON {} TO {}").format(columns, ident(table), ident(public)))
    run("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    if sequence:
        run(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.SQL(sequence), ident(public)))


def ident(name):
    return sql.Identifier(name)


def grant(run, privilege, table, role):
    run(sql.SQL(f"GRANT {privilege} ON {{}} TO {{}}").format(ident(table), ident(role)))
