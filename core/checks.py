"""A database made before home/ was split into core/, home/, news/ and campaigns/ (issue 13)
cannot be migrated forward: the apps' migrations were written anew, as no production database
existed. migrate runs the database checks first, so it stops here with what to do instead of
failing half-way on tables that already exist."""

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

# Migrations of home/ that only a database from before the restructure has applied.
OLD_MIGRATIONS = {
    ("home", "0003_campaigns_news"),
    ("home", "0004_plain_text_and_https_links"),
    ("home", "0005_publication_workflow"),
}

MESSAGE = (
    "This database predates the restructure of home/ into core/, home/, news/ and campaigns/; "
    "its migrations cannot be brought forward."
)
HINT = (
    "Development: delete var/db.sqlite3 (or drop and create the PostgreSQL database of "
    "DATABASE_URL) and run make run again; it migrates and loads the demo anew."
)


@register(Tags.database)
def database_predates_restructure(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or ():
        recorder = MigrationRecorder(connections[alias])
        if recorder.has_table() and OLD_MIGRATIONS & set(recorder.applied_migrations()):
            errors.append(Error(MESSAGE, hint=HINT, id="core.E001"))
    return errors
