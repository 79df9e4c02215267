"""On PostgreSQL, TRUNCATE of the audit log is refused too: the row trigger of migration 0002
does not see it, so the application's role could empty the log in one statement. A table owner
can still switch the triggers off; the anchored head (referrals/audit.py) catches that."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION referrals_auditevent_no_truncate() RETURNS trigger AS $$
BEGIN
    -- An empty log has nothing to lose, so `manage.py flush` of a fresh database still works.
    IF EXISTS (SELECT 1 FROM referrals_auditevent) THEN
        RAISE EXCEPTION 'the audit log is append-only';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER referrals_auditevent_no_truncate
    BEFORE TRUNCATE ON referrals_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION referrals_auditevent_no_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS referrals_auditevent_no_truncate ON referrals_auditevent;
DROP FUNCTION IF EXISTS referrals_auditevent_no_truncate();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0004_staff_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
