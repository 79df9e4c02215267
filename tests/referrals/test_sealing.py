"""What a thief of the database, the disk or the logs would find (only ciphertext and coarse
categories), and what staff get back (everything, through export_referral, audited)."""

import io
import json
import logging
import os
import uuid

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from referrals import crypto, keys, sealing
from referrals.models import (
    Attachment,
    AuditEvent,
    ContactAttempt,
    FollowUp,
    Referral,
    StaffNote,
)
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PDF,
    PNG,
    PROFESSIONAL_URL,
    REPORT_URL,
    FileWatch,
    dump_database,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)

pytestmark = pytest.mark.django_db


def export(reference, *args):
    out = io.StringIO()
    call_command("export_referral", reference, *args, stdout=out)
    return json.loads(out.getvalue())


def files_under(*roots):
    found = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            found.extend(os.path.join(folder, name) for name in names)
    return found


@pytest.fixture
def canary():
    return f"CANARY-{uuid.uuid4().hex}"


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    os.makedirs(settings.FILE_UPLOAD_TEMP_DIR)
    return settings.FILE_UPLOAD_TEMP_DIR


def test_canary_through_both_forms_is_only_in_the_export(
    client, canary, caplog, capsys, upload_temp_dir
):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True  # log every SQL statement and its parameters
    # Bigger than FILE_UPLOAD_MAX_MEMORY_SIZE: Django alone would spool it to a temporary file.
    big_pdf = PDF + canary.encode() * (3 * 1024 * 1024 // len(canary))
    # The demo site's own documents and images are there already; the intake adds nothing.
    files_before = files_under(settings.MEDIA_ROOT, upload_temp_dir)
    try:
        with FileWatch() as watch:
            sent = send_through_both_forms(client, canary, big_pdf)
            professional, followup, reference, secret = sent
    finally:
        connection.force_debug_cursor = False
    assert b"your information was added" in followup.content
    pro_reference, pro_secret = receipt_codes(professional)

    # The database: every value of every table, as a stolen copy would show it.
    dump = dump_database()
    assert reference.encode() in dump and pro_reference.encode() in dump  # the dump works
    assert canary.encode() not in dump
    assert canary.encode().hex().encode() not in dump
    for code in (secret, pro_secret):
        assert code.encode() not in dump and code.replace("-", "").encode() not in dump

    # No file was written: not in storage, not a temporary upload file.
    assert watch.temporary == []
    written = [p for p, mode in watch.opened if mode and any(c in str(mode) for c in "wax+")]
    assert written == []
    assert files_under(settings.MEDIA_ROOT, upload_temp_dir) == files_before

    # Not in the logs (SQL with its parameters included), not on the console.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "INSERT INTO" in logged  # the SQL log was on
    assert canary not in logged
    printed = capsys.readouterr()
    assert canary not in printed.out + printed.err

    # Staff get it all back, and the export is on the record.
    public_export = export(reference)
    assert public_export["answers"]["what_happened"] == f"Report {canary}"
    assert public_export["answers"]["contact_phone"] == f"060 {canary}"
    assert public_export["followups"][0]["answers"]["information"] == f"Later {canary}"
    pro_export = export(pro_reference, "--include-files")
    assert pro_export["answers"]["narrative"] == f"Narrative {canary}"
    names = [item["name"] for item in pro_export["attachments"]]
    assert f"photo-{canary}.png" in names
    contents = [item["data_base64"] for item in pro_export["attachments"]]
    import base64

    assert big_pdf in [base64.b64decode(c) for c in contents]
    events = AuditEvent.objects.filter(action="referral.exported")
    assert {e.reference for e in events} == {reference, pro_reference}
    assert all(canary not in json.dumps(e.detail) + e.actor for e in events)


def send_through_both_forms(client, canary, big_pdf):
    """The canary in every field of the public report, of the professional form with two
    attachments, and of a follow-up to the report."""
    public = client.post(
        REPORT_URL,
        {
            "token": form_token(client.get(REPORT_URL)),
            **report_data(
                what_happened=f"Report {canary}",
                where=f"Village {canary}",
                wants_contact="yes",
                contact_name=f"Name {canary}",
                contact_phone=f"060 {canary}",
                safe_times=f"Evenings {canary}",
                never_use=f"Landline {canary}",
            ),
        },
    )
    page = client.get(PROFESSIONAL_URL)
    professional = client.post(
        PROFESSIONAL_URL,
        {
            "token": form_token(page),
            **professional_data(
                referrer_name=f"Referrer {canary}",
                citizenship=f"Citizenship {canary}",
                municipality=f"Municipality {canary}",
                narrative=f"Narrative {canary}",
            ),
            "attachments": [
                io.BytesIO(big_pdf),
                _named(PNG + canary.encode(), f"photo-{canary}.png"),
            ],
        },
    )
    reference, secret = receipt_codes(public)
    followup = client.post(
        FOLLOW_UP_URL,
        {
            "action": "add",
            "reference": reference,
            "secret": secret,
            "token": "f" * 43,
            "information": f"Later {canary}",
        },
    )
    return professional, followup, reference, secret


def _named(data, name):
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def test_a_ciphertext_moved_to_another_row_does_not_open(client):
    first, _ = receipt_codes(client.post(REPORT_URL, report_data(what_happened="First")))
    second, _ = receipt_codes(client.post(REPORT_URL, report_data(what_happened="Second")))
    a = Referral.objects.get(reference=first)
    b = Referral.objects.get(reference=second)
    assert export(second)["answers"]["what_happened"] == "Second"
    Referral.objects.filter(pk=b.pk).update(sealed_answers=a.sealed_answers)
    with pytest.raises(CommandError, match="does not open"):
        export(second)
    b.refresh_from_db()
    with pytest.raises(crypto.CryptoError):
        sealing.decrypt(b)
    # The blob still opens where it belongs.
    assert sealing.decrypt(a)["answers"]["what_happened"] == "First"


def test_a_blob_moved_to_another_purpose_or_attachment_does_not_open(client):
    token = form_token(client.get(PROFESSIONAL_URL))
    response = client.post(
        PROFESSIONAL_URL,
        {
            "token": token,
            **professional_data(),
            "attachments": [_named(PDF, "a.pdf"), _named(PNG, "b.png")],
        },
    )
    referral = Referral.objects.get(reference=receipt_codes(response)[0])
    first, second = referral.attachments.all()
    # Swap the two attachments' bytes: each is bound to its own attachment id.
    Attachment.objects.filter(pk=first.pk).update(sealed=second.sealed)
    with pytest.raises(CommandError):
        export(referral.reference, "--include-files")
    # The answers blob in an attachment's place fails too.
    Attachment.objects.filter(pk=first.pk).update(sealed=referral.sealed_answers)
    first.refresh_from_db()
    with pytest.raises(crypto.CryptoError):
        keys.open_blob(first.sealed, record_id=referral.record_id, purpose=first.purpose)


def test_public_role_cannot_decrypt_and_never_opens_the_private_key(client, settings, triage_keys):
    reference, _ = receipt_codes(client.post(REPORT_URL, report_data()))
    referral = Referral.objects.get(reference=reference)
    private_path = str(triage_keys["private"])

    # On the internal side the same call opens the private key file (the watch works).
    keys.forget()
    with FileWatch() as watch:
        assert sealing.decrypt(referral)["reference"] == reference
    assert private_path in watch.opened_paths()

    settings.SITE_ROLE = "public"
    keys.forget()
    with FileWatch() as watch:
        with pytest.raises(keys.PrivateKeyRefused):
            keys.private_keys()
        with pytest.raises(keys.PrivateKeyRefused):
            sealing.decrypt(referral)
        with pytest.raises(CommandError, match="internal role only"):
            export(reference)
        # The public role still takes reports: sealing needs only the public key.
        assert len(receipt_codes(client.post(REPORT_URL, report_data()))) == 2
    assert private_path not in watch.opened_paths()
    assert not any(path.endswith(".key") for path in watch.opened_paths())
    assert AuditEvent.objects.count() == 0


def test_public_role_settings_never_read_the_private_key_variables(monkeypatch):
    from config.settings.base import private_key_settings

    monkeypatch.setenv("TRIAGE_PRIVATE_KEY_FILE", "/somewhere/key.key")
    monkeypatch.setenv("TRIAGE_KEY_PASSPHRASE", "a passphrase")
    assert private_key_settings("public") == ("", "", "")
    assert private_key_settings("internal")[0] == "/somewhere/key.key"


def test_each_referral_names_the_key_and_suite_that_sealed_it(client, triage_keys):
    reference, _ = receipt_codes(client.post(REPORT_URL, report_data()))
    referral = Referral.objects.get(reference=reference)
    assert referral.key_id == triage_keys["key_id"]
    assert referral.suite == crypto.SUITE_X25519
    assert crypto.sealed_key_id(bytes(referral.sealed_answers)) == referral.key_id


def test_a_post_quantum_key_seals_new_referrals_and_old_ones_still_open(
    client, settings, tmp_path, triage_keys
):
    old_reference, _ = receipt_codes(client.post(REPORT_URL, report_data(what_happened="Old")))
    pub = crypto.write_keypair(tmp_path, b"another passphrase", crypto.SUITE_MLKEM768_X25519)
    settings.TRIAGE_PUBLIC_KEY_FILE = str(tmp_path / f"{pub.key_id}.pub")
    new_reference, _ = receipt_codes(client.post(REPORT_URL, report_data(what_happened="New")))
    new = Referral.objects.get(reference=new_reference)
    assert new.suite == crypto.SUITE_MLKEM768_X25519 and new.key_id == pub.key_id
    # Both keys configured (same passphrase needed: give the new key the test passphrase).
    from tests.conftest import TEST_KEY_PASSPHRASE

    pq_dir = tmp_path / "pq"
    pq_dir.mkdir()
    pub2 = crypto.write_keypair(pq_dir, TEST_KEY_PASSPHRASE.encode(), crypto.SUITE_MLKEM768_X25519)
    settings.TRIAGE_PUBLIC_KEY_FILE = str(pq_dir / f"{pub2.key_id}.pub")
    settings.TRIAGE_PRIVATE_KEY_FILE = f"{pq_dir / (pub2.key_id + '.key')},{triage_keys['private']}"
    newest, _ = receipt_codes(client.post(REPORT_URL, report_data(what_happened="Newest")))
    assert export(newest)["answers"]["what_happened"] == "Newest"
    assert export(old_reference)["answers"]["what_happened"] == "Old"
    # The referral sealed to a key that is not configured says so.
    with pytest.raises(CommandError, match="no private key"):
        export(new_reference)


def test_followups_and_attachments_hold_sealed_blobs_only():
    plaintext_fields = {f.name for f in FollowUp._meta.concrete_fields}
    assert plaintext_fields == {"id", "referral", "received_at", "sealed", "idempotency_hash"}
    # position: the file's place among those sent together, to number documents unopened.
    assert {f.name for f in Attachment._meta.concrete_fields} == {
        "id",
        "referral",
        "followup",
        "position",
        "sealed",
    }
    referral_fields = {f.name for f in Referral._meta.concrete_fields}
    assert referral_fields == {
        "id", "reference", "channel", "received_at", "priority", "referrer_type",
        "exploitation_type", "age_band", "gender", "is_minor", "status", "assignee", "due_at",
        "outcome", "captcha_verified", "key_id", "suite", "sealed_answers", "idempotency_hash",
        "followup_secret_hash", "responded_at", "closed_at", "destroyed_at", "reply_public_key",
        "route", "from_identification", "strong_indicators",
    }  # fmt: skip
    # Staff notes: who wrote one and when is plain; what it says is sealed.
    assert {f.name for f in StaffNote._meta.concrete_fields} == {
        "id", "referral", "author", "created_at", "sealed",
    }  # fmt: skip
    # Contact attempts: how, when, the outcome and which wishes it went against are plain;
    # the number used, the reason and the note are sealed.
    assert {f.name for f in ContactAttempt._meta.concrete_fields} == {
        "id", "referral", "author", "attempted_at", "recorded_at", "recipient", "channel",
        "outcome", "against_wishes", "sealed",
    }  # fmt: skip


def test_without_the_intake_handler_django_would_spool_the_upload_to_disk(
    client, settings, upload_temp_dir
):
    """The control for the canary test: the same upload on an exempt path (as the admin's
    documents are) does create a temporary file, so "no temporary file" above means something."""
    big_pdf = PDF + b"x" * (3 * 1024 * 1024)
    settings.INTAKE_UPLOAD_EXEMPT_PREFIXES = ["/"]
    with FileWatch() as watch:
        client.post(
            PROFESSIONAL_URL,
            {"token": "t" * 43, **professional_data(), "attachments": [_named(big_pdf, "a.pdf")]},
        )
    assert any(path.startswith(upload_temp_dir) for path in watch.temporary)
