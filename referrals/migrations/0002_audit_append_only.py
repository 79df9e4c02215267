"""On PostgreSQL, the database itself refuses to change or delete an audit event. The hash
chain still detects tampering by someone who can switch the trigger off (a database owner);
the trigger stops the application, and anyone using its credentials, from doing it quietly."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION referrals_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER referrals_auditevent_append_only
    BEFORE UPDATE OR DELETE ON referrals_auditevent
    FOR EACH ROW EXECUTE FUNCTION referrals_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS referrals_auditevent_append_only ON referrals_auditevent;
DROP FUNCTION IF EXISTS referrals_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
