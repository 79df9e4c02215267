"""A development database made before home/ was split into core/, home/, news/ and campaigns/
cannot be migrated forward (the migrations were written anew): migrate says what to do."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


@pytest.mark.django_db
def test_migrate_on_a_database_from_before_the_restructure_says_what_to_do():
    MigrationRecorder(connection).record_applied("home", "0003_campaigns_news")
    with pytest.raises(SystemCheckError, match="delete var/db.sqlite3"):
        call_command("migrate", plan=True, skip_checks=False, verbosity=0)


@pytest.mark.django_db
def test_migrate_on_a_current_database_runs():
    call_command("migrate", plan=True, skip_checks=False, verbosity=0)
