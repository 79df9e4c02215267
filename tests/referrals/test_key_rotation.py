"""Key rotation (docs/operations.md, "Key rotation"): a new key pair from generate_triage_keys,
the public tier sealing to it as soon as it is listed first, and `reseal_referrals` moving every
sealed blob of the older referrals to it, in audited batches, resumably. Afterwards every
referral opens in the case view with only the new private key configured.

Real keys in a temporary folder, referrals sent through the real public forms, both suites and
both directions between them. The killed run is a real SIGKILL of a separate process on
PostgreSQL, on a copy of the test database that it can commit to (the audit log it writes to
is append-only, so its events could not be rolled back out of the shared test database)."""

import io
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.urls import reverse

from referrals import crypto, keys
from referrals.models import Attachment, AuditEvent, FollowUp, Referral, StaffNote
from tests.conftest import TEST_KEY_PASSPHRASE
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PDF,
    PNG,
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)
from tests.staff import make_staff, signed_in

ROOT = Path(__file__).resolve().parents[2]
ACTION = "referrals.resealed"
# (old suite, new suite): the same suite, and from each suite to the other.
ROTATIONS = [
    ("x25519", "x25519"),
    ("x25519", "mlkem768-x25519"),
    ("mlkem768-x25519", "x25519"),
]


def make_keys(folder, suite, monkeypatch):
    """A key pair made by the real command, as an operator would: {"pub", "key", "key_id"}."""
    monkeypatch.setenv("TRIAGE_KEY_PASSPHRASE", TEST_KEY_PASSPHRASE)
    call_command(
        "generate_triage_keys", "--out", str(folder), "--suite", suite, stdout=io.StringIO()
    )
    pub = next(Path(folder).glob("*.pub"))
    return {"pub": pub, "key": pub.with_suffix(".key"), "key_id": pub.stem}


def use_keys(settings, public, private):
    settings.TRIAGE_PUBLIC_KEY_FILE = ",".join(str(k["pub"]) for k in public)
    settings.TRIAGE_PRIVATE_KEY_FILE = ",".join(str(k["key"]) for k in private)
    settings.TRIAGE_KEY_PASSPHRASE = TEST_KEY_PASSPHRASE
    keys.forget()


def named(data, name):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def send_referrals(client, tag):
    """Two referrals through the public forms, a follow-up with a file through the follow-up
    page, and a staff note through the case view: every kind of sealed blob. Returns what each
    case must show afterwards, by reference."""
    texts = {}
    report = client.post(
        REPORT_URL,
        {"token": form_token(client.get(REPORT_URL)), **report_data(what_happened=f"Farm {tag}")},
    )
    reference, secret = receipt_codes(report)
    followup = client.post(
        FOLLOW_UP_URL,
        {
            "action": "add",
            "reference": reference,
            "secret": secret,
            "token": secrets.token_urlsafe(32),
            "information": f"Later {tag}",
            "attachments": named(PNG, f"later-{tag}.png"),
        },
    )
    assert b"your information was added" in followup.content
    texts[reference] = [f"Farm {tag}", f"Later {tag}", f"later-{tag}.png"]

    professional = client.post(
        PROFESSIONAL_URL,
        {
            "token": form_token(client.get(PROFESSIONAL_URL)),
            **professional_data(narrative=f"Passport kept {tag}"),
            "attachments": named(PDF, f"statement-{tag}.pdf"),
        },
    )
    pro_reference, _ = receipt_codes(professional)
    staff = signed_in(make_staff("Triage"))
    referral = Referral.objects.get(reference=pro_reference)
    staff.post(case_url(referral), {"action": "note", "text": f"Called back {tag}"})
    texts[pro_reference] = [f"Passport kept {tag}", f"statement-{tag}.pdf", f"Called back {tag}"]
    return texts


def case_url(referral):
    return reverse("referral:case", args=[referral.pk])


def sealed_blobs():
    """{(kind, pk): blob} of every sealed thing in the database."""
    blobs = {}
    for kind, model, field in (
        ("answers", Referral, "sealed_answers"),
        ("followup", FollowUp, "sealed"),
        ("attachment", Attachment, "sealed"),
        ("note", StaffNote, "sealed"),
    ):
        for pk, blob in model.objects.exclude(**{field: None}).values_list("pk", field):
            blobs[(kind, pk)] = bytes(blob)
    return blobs


def key_ids():
    return {crypto.sealed_key_id(blob) for blob in sealed_blobs().values()}


def check_opens(texts):
    """Each case opens for a member of staff, with every text, note and file in it."""
    client = signed_in(make_staff("Triage"))
    for reference, expected in texts.items():
        referral = Referral.objects.get(reference=reference)
        response = client.get(case_url(referral))
        assert response.status_code == 200
        html = response.content.decode().replace("&#x27;", "'")
        for text in expected:
            assert text in html, f"{reference}: {text!r} not shown"
        for attachment in referral.attachments.all():
            download = client.get(reverse("referral:attachment", args=[referral.pk, attachment.pk]))
            assert download.status_code == 200
            assert download.content in (PDF, PNG)


def reseal(*args):
    out = io.StringIO()
    call_command("reseal_referrals", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# --- in the test's own transaction ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("old_suite", "new_suite"), ROTATIONS)
def test_rotation_reseals_everything_and_the_old_private_key_can_go(
    client, settings, tmp_path, monkeypatch, old_suite, new_suite
):
    old = make_keys(tmp_path / "old", old_suite, monkeypatch)
    use_keys(settings, [old], [old])
    before = send_referrals(client, "before")

    new = make_keys(tmp_path / "new", new_suite, monkeypatch)
    # The public tier: the new key listed first, the old one still listed during the change.
    use_keys(settings, [new, old], [new, old])
    during = send_referrals(client, "during")
    assert Referral.objects.get(reference=next(iter(during))).key_id == new["key_id"]
    assert key_ids() == {old["key_id"], new["key_id"]}

    with pytest.raises(CommandError, match="not on the current key"):
        reseal("--check")
    out = reseal("--batch-size", "2")
    total_old = 6  # two answers, a follow-up, two files, a note: sealed before the change
    assert f"Resealed {total_old} sealed blobs to key {new['key_id']}" in out
    assert key_ids() == {new["key_id"]}
    events = AuditEvent.objects.filter(action=ACTION).order_by("seq")
    assert sum(e.detail["count"] for e in events) == total_old
    assert len(events) >= 3  # batches of at most two
    assert all(e.detail["from"] == {old["key_id"]: e.detail["count"]} for e in events)
    assert all(e.detail["to"] == new["key_id"] for e in events)
    assert "Farm" not in str([e.detail for e in events])
    checked = reseal("--check")
    assert new["key_id"] in checked and old["key_id"] not in checked
    assert Referral.objects.filter(key_id=old["key_id"]).count() == 0

    # A second run finds nothing to do and seals nothing again.
    blobs = sealed_blobs()
    assert "Resealed 0 sealed blobs" in reseal()
    assert sealed_blobs() == blobs

    # Only the new private key: every referral, old and new, still opens.
    use_keys(settings, [new], [new])
    check_opens({**before, **during})


@pytest.mark.django_db
def test_the_first_listed_public_key_seals_new_referrals(client, settings, tmp_path, monkeypatch):
    old = make_keys(tmp_path / "old", "x25519", monkeypatch)
    new = make_keys(tmp_path / "new", "mlkem768-x25519", monkeypatch)
    use_keys(settings, [new, old], [old])
    reference, _ = receipt_codes(client.post(REPORT_URL, report_data()))
    referral = Referral.objects.get(reference=reference)
    assert referral.key_id == new["key_id"]
    assert crypto.sealed_key_id(bytes(referral.sealed_answers)) == new["key_id"]


@pytest.mark.django_db
def test_reseal_refuses_a_new_key_it_could_not_open(client, settings, tmp_path, monkeypatch):
    """Resealing to a public key whose private key is not configured would lock every referral
    away: refused, nothing changed."""
    old = make_keys(tmp_path / "old", "x25519", monkeypatch)
    use_keys(settings, [old], [old])
    send_referrals(client, "x")
    new = make_keys(tmp_path / "new", "x25519", monkeypatch)
    use_keys(settings, [new, old], [old])
    blobs = sealed_blobs()
    with pytest.raises(CommandError, match="private key"):
        reseal()
    # The private keys listed in the other order: the two lists disagree on the current key.
    use_keys(settings, [new, old], [old, new])
    with pytest.raises(CommandError, match="first"):
        reseal()
    assert sealed_blobs() == blobs


@pytest.mark.django_db
def test_a_blob_without_its_private_key_is_left_and_reported(
    client, settings, tmp_path, monkeypatch
):
    old = make_keys(tmp_path / "old", "x25519", monkeypatch)
    use_keys(settings, [old], [old])
    send_referrals(client, "x")
    new = make_keys(tmp_path / "new", "x25519", monkeypatch)
    use_keys(settings, [new], [new])  # the old private key is gone already
    blobs = sealed_blobs()
    with pytest.raises(CommandError, match="6 sealed blobs could not be resealed"):
        reseal()
    assert sealed_blobs() == blobs
    assert not AuditEvent.objects.filter(action=ACTION).exists()


def test_every_sealed_field_of_the_referrals_app_is_resealed():
    """A new model field holding sealed bytes must be added to the rotation (or be declared
    sealed to another key, as replies to the reporter would be): this fails until it is."""
    from referrals import rotation

    binary = {
        (model, field.name)
        for model in apps.get_app_config("referrals").get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.BinaryField)
    }
    covered = {(kind.model, kind.field) for kind in rotation.KINDS}
    assert binary == covered | set(rotation.NOT_TRIAGE_KEY)


# --- a run killed half-way, in a process of its own -----------------------------------------


@pytest.fixture
def committed_database(django_db_setup, django_db_blocker):
    """A copy of the test database (minimal site included) that this test and its subprocesses
    commit to; dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a separate process shares the database")
    import psycopg2

    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
        original = settings_dict["NAME"]
        if not original.startswith("test_"):
            # pytest-django makes the test database only for the tests marked django_db that
            # were selected; this test must not be marked (it commits), so it needs one of them.
            pytest.fail(
                "run this test together with the rest of tests/referrals/test_key_rotation.py"
            )
        copy = f"{original}_rotation"
        admin = {
            "host": settings_dict["HOST"] or "127.0.0.1",
            "port": settings_dict["PORT"] or 5432,
            "user": settings_dict["USER"],
            "password": settings_dict["PASSWORD"],
            "dbname": "postgres",
        }

        def run(sql):
            db = psycopg2.connect(**admin)
            db.autocommit = True
            with db.cursor() as cursor:
                cursor.execute(sql)
            db.close()

        connection.close()  # a template must have no other session
        run(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        run(f'CREATE DATABASE "{copy}" TEMPLATE "{original}"')
        settings_dict["NAME"] = copy
        try:
            auth = admin["user"] + (f":{admin['password']}" if admin["password"] else "")
            yield f"postgres://{auth}@{admin['host']}:{admin['port']}/{copy}"
        finally:
            connection.close()
            settings_dict["NAME"] = original
            run(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


@pytest.mark.server
@pytest.mark.parametrize(("old_suite", "new_suite"), ROTATIONS[1:])
def test_a_run_killed_half_way_finishes_when_run_again(
    committed_database, client, settings, tmp_path, monkeypatch, old_suite, new_suite
):
    old = make_keys(tmp_path / "old", old_suite, monkeypatch)
    use_keys(settings, [old], [old])
    texts = {**send_referrals(client, "one"), **send_referrals(client, "two")}
    total = len(sealed_blobs())
    assert total == 12

    new = make_keys(tmp_path / "new", new_suite, monkeypatch)
    use_keys(settings, [new, old], [new, old])
    env = reseal_env(settings, committed_database)
    command = [sys.executable, "manage.py", "reseal_referrals", "--verbosity", "2"]
    kill_after_first_batch(command, env)

    # Half-way: some blobs on the new key, the others still on the old one, all still open.
    half = sealed_blobs()
    done = {k for k, blob in half.items() if crypto.sealed_key_id(blob) == new["key_id"]}
    assert 1 <= len(done) < total
    check_opens(texts)

    resumed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert f"Resealed {total - len(done)} sealed blobs" in resumed.stdout
    after = sealed_blobs()
    assert set(after) == set(half)  # nothing lost
    assert key_ids() == {new["key_id"]}
    # What the killed run committed was not sealed again.
    assert all(after[k] == half[k] for k in done)
    events = AuditEvent.objects.filter(action=ACTION)
    assert sum(e.detail["count"] for e in events) == total

    use_keys(settings, [new], [new])
    check_opens(texts)


def reseal_env(settings, committed_database):
    """The environment of a separate reseal_referrals process on the committed copy."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": committed_database,
        "SITE_ROLE": "internal",
        "TRIAGE_PUBLIC_KEY_FILE": settings.TRIAGE_PUBLIC_KEY_FILE,
        "TRIAGE_PRIVATE_KEY_FILE": settings.TRIAGE_PRIVATE_KEY_FILE,
        "TRIAGE_KEY_PASSPHRASE": TEST_KEY_PASSPHRASE,
        "PYTHONUNBUFFERED": "1",
    }


def kill_after_first_batch(command, env):
    """Run the command one blob a batch, SIGKILL it as soon as a batch is committed."""
    process = subprocess.Popen(
        [*command, "--batch-size", "1", "--pause", "3"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        for line in process.stdout:
            if re.search(r"batch \d+ committed", line):
                break
            assert time.monotonic() < deadline
        else:
            pytest.fail("no batch committed: " + process.stderr.read()[-2000:])
        process.send_signal(signal.SIGKILL)  # no chance to clean up
    finally:
        process.kill()
        process.wait(30)
        process.stdout.close()
        process.stderr.close()
