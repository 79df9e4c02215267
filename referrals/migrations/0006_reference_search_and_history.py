"""Two indexes for the triage screens.

- The audit log by referral, newest first: the case view shows a referral's history on every
  opening, so it must not scan a log that grows with every view.
- Part of a reference (the queue's search, referrals/triage/queue.py): a trigram index on the
  reference without its dashes, so `LIKE '%PTJP%'` is an index lookup instead of a scan of every
  referral. PostgreSQL only (pg_trgm ships with it, and is a trusted extension: the database
  owner that runs migrate may create it); elsewhere the search scans, which is fine for a test
  database."""

from django.db import migrations, models

EXPRESSION = "REPLACE(reference, '-', '')"
CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
    "CREATE INDEX IF NOT EXISTS referral_reference_trgm_idx ON referrals_referral "
    f"USING gin (({EXPRESSION}) gin_trgm_ops);"
)
DROP = "DROP INDEX IF EXISTS referral_reference_trgm_idx;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0005_audit_no_truncate")]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["reference", "-seq"], name="audit_reference_idx"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
