"""The follow-up secret is stored as HMAC-SHA256 under FOLLOWUP_SECRET_KEY (64 hex digits)
instead of a PBKDF2 string (docs/intake.md, "Receipt and follow-up").

A PBKDF2 hash cannot be turned into the HMAC without the secret, which the server never keeps:
rows from before are emptied, so their receipts are refused like a destroyed referral's. There
was no production database when this changed; a development database loses the follow-up of
its test referrals only."""

from django.db import migrations, models


def empty_slow_hashes(apps, schema_editor):
    Referral = apps.get_model("referrals", "Referral")
    Referral.objects.filter(followup_secret_hash__startswith="pbkdf2_").update(
        followup_secret_hash=""
    )


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0010_identification_counts'),
    ]

    operations = [
        migrations.RunPython(empty_slow_hashes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='referral',
            name='followup_secret_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
