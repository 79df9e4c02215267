"""Replies to the reporter: sealed so that only the receipt's secret opens them, written by
staff in the case view, read and deleted by the reporter on the follow-up page."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from referrals import crypto, keys, replykeys, sealing
from referrals.intake import conversation
from referrals.models import AuditEvent, FollowUp, Referral, ReporterMessage
from referrals.triage import audit, workflow
from tests.referrals.intake_support import submit
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

REPLY = "Which town is the farm near? Is she still there? (canary Ж7Q-reply)"


@pytest.fixture
def receipt(client):
    """(referral, reference, secret) of a report sent through the public form."""
    reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
    return Referral.objects.get(reference=reference), reference, secret


@pytest.fixture
def staff():
    user = make_staff("Triage")
    return user, signed_in(user)


def case_url(referral):
    return reverse("referral:case", args=[referral.pk])


def reply_in_case_view(staff_client, referral, text=REPLY):
    return staff_client.post(case_url(referral), {"action": "reply", "text": text}, follow=True)


def follow_up(client, reference, secret, **extra):
    return client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret, **extra})


def test_the_reply_key_is_derived_from_the_secret_and_only_its_public_half_is_stored(receipt):
    referral, _reference, secret = receipt
    stored = crypto.load_public_key(bytes(referral.reply_public_key))
    assert stored.suite == crypto.SUITE_MLKEM768_X25519
    assert stored == replykeys.derive_public_key(secret, referral.record_id)
    # Typed another way: the same key; another referral's id: another key.
    assert stored == replykeys.derive_public_key(secret.lower().replace("-", " "), referral.pk)
    assert stored != replykeys.derive_public_key(secret, "00000000-0000-0000-0000-000000000001")
    assert stored != replykeys.derive_public_key("A" * 20, referral.record_id)


def test_the_derivation_is_the_one_docs_intake_md_writes_out(receipt):
    """An auditor's own HKDF over the documented inputs gives the stored public key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    referral, _reference, secret = receipt
    ikm = re.sub(r"[^0-9A-Z]", "", secret.upper()).encode()
    okm = HKDF(
        hashes.SHA256(),
        96,
        salt=str(referral.pk).encode(),
        info=b"cpvt-referrals/reply-key/v1",
    ).derive(ikm)
    raw = (
        mlkem.MLKEM768PrivateKey.from_seed_bytes(okm[:64]).public_key().public_bytes_raw()
        + x25519.X25519PrivateKey.from_private_bytes(okm[64:]).public_key().public_bytes_raw()
    )
    assert crypto.load_public_key(bytes(referral.reply_public_key)).raw == raw
    docs = open("docs/intake.md", encoding="utf-8").read()
    assert "cpvt-referrals/reply-key/v1" in docs and "Replies to the reporter" in docs


def test_staff_reply_is_audited_and_the_reporter_reads_it_newest_first(client, receipt, staff):
    referral, reference, secret = receipt
    user, staff_client = staff
    with translation.override("en"):
        response = reply_in_case_view(staff_client, referral)
        assert b"Message sealed for the reporter" in response.content
        workflow.send_reply(referral, "A second, later question.", by=user)
    sent = AuditEvent.objects.filter(action="reply.sent")
    assert sent.count() == 2 and sent[0].reference == reference
    assert REPLY not in json.dumps([e.detail for e in sent])
    assert audit.verify().ok

    html = follow_up(client, reference, secret).content.decode()
    assert html.index("A second, later question.") < html.index("Which town is the farm near?")
    assert "no-store" in follow_up(client, reference, secret)["Cache-Control"]
    assert ReporterMessage.objects.filter(read_at__isnull=True).count() == 0

    # The case view shows both from the triage copies, read, with the history in words.
    html = staff_client.get(case_url(referral)).content.decode()
    assert "Which town is the farm near?" in html and "Read " in html
    assert "Wrote to the reporter" in html


def test_a_wrong_secret_opens_nothing_and_counts_against_the_limits(client, receipt, settings):
    referral, reference, secret = receipt
    workflow.send_reply(referral, REPLY, by=make_staff("Triage"))
    settings.INTAKE_FOLLOWUP_RATE = "3/900"
    for _ in range(3):
        response = follow_up(client, reference, "A" * 20)
        assert "Which town" not in response.content.decode()
    assert ReporterMessage.objects.get().read_at is None
    assert follow_up(client, reference, secret).status_code == 429
    # The key itself: another secret derives a key that opens nothing.
    assert sealing.open_replies(referral, "A" * 20) is None


def test_the_right_secret_typed_otherwise_opens_the_replies(client, receipt):
    referral, reference, secret = receipt
    workflow.send_reply(referral, REPLY, by=make_staff("Triage"))
    typed = "  " + secret.lower().replace("-", "  ").replace("0", "o") + " "
    response = follow_up(client, reference.lower(), typed)
    assert "Which town is the farm near?" in response.content.decode()


def test_delete_needs_the_right_secret_and_keeps_the_triage_copy(client, receipt, staff):
    referral, reference, secret = receipt
    user, staff_client = staff
    message = workflow.send_reply(referral, REPLY, by=user)
    delete = {"action": "delete", "message": str(message.pk)}
    # Not before it was read, not with a wrong secret (which counts as a wrong try).
    assert not conversation.delete(referral, secret, message.pk)
    response = follow_up(client, reference, "B" * 20, **delete)
    assert b"The reference or the secret code is not right" in response.content
    message.refresh_from_db()
    assert message.deleted_at is None and message.sealed_for_reporter

    follow_up(client, reference, secret)  # read
    with translation.override("en"):
        response = follow_up(client, reference, secret, **delete)
    html = response.content.decode()
    assert "The message was deleted." in html and "Which town" not in html
    message.refresh_from_db()
    assert message.sealed_for_reporter is None and message.deleted_at is not None
    assert message.sealed_for_triage
    with translation.override("en"):
        html = staff_client.get(case_url(referral)).content.decode()
    assert "The reporter deleted it on" in html and "Which town is the farm near?" in html


def test_the_reporter_answers_as_a_sealed_follow_up(client, receipt, staff):
    referral, reference, secret = receipt
    user, staff_client = staff
    workflow.send_reply(referral, REPLY, by=user)
    page = follow_up(client, reference, secret)
    response = follow_up(
        client,
        reference,
        secret,
        action="add",
        token=form_token(page),
        information="Near Čačak, and yes, still there.",
    )
    assert b"your information was added" in response.content
    assert "Which town is the farm near?" in response.content.decode()
    assert "Čačak".encode() not in bytes(FollowUp.objects.get().sealed)
    html = staff_client.get(case_url(referral)).content.decode()
    assert "Near Čačak, and yes, still there." in html


def test_a_referral_without_a_reply_key_says_no_reply_is_possible(receipt, staff):
    referral, _reference, _secret = receipt
    Referral.objects.filter(pk=referral.pk).update(reply_public_key=None)
    user, staff_client = staff
    with translation.override("en"):
        html = reply_in_case_view(staff_client, referral).content.decode()
    assert "no reply can be sent" in html and "No reply is possible" in html
    assert not ReporterMessage.objects.exists()


def test_the_reply_opens_with_the_secret_only(receipt):
    """Neither the triage private key nor anything in the database opens the reporter's copy:
    only a key derived from the secret does."""
    referral, _reference, secret = receipt
    message = workflow.send_reply(referral, REPLY, by=make_staff("Triage"))
    blob = bytes(message.sealed_for_reporter)
    for triage_key in keys.private_keys().values():
        with pytest.raises(crypto.CryptoError):
            crypto.open_sealed(
                triage_key, blob, record_id=referral.record_id, purpose=message.reporter_purpose
            )
    # Every value the database holds of this referral, tried as the secret: none derives it.
    row = Referral.objects.filter(pk=referral.pk).values().get()
    stored = bytes(referral.reply_public_key)
    for value in row.values():
        if isinstance(value, str) and value:
            derived = replykeys.derive_public_key(value, referral.record_id)
            assert crypto.dump_public_key(derived) != stored
    opened = sealing.open_replies(referral, secret)
    assert [text for _message, text in opened] == [REPLY]


def test_the_professional_follow_up_shows_replies_too(client):
    reference, secret = receipt_codes(submit(client, PROFESSIONAL_URL, professional_data()))
    referral = Referral.objects.get(reference=reference)
    workflow.send_reply(referral, REPLY, by=make_staff("Triage"))
    url = "/en/professional-referral/follow-up/"
    html = client.post(url, {"reference": reference, "secret": secret}).content.decode()
    assert "Which town is the farm near?" in html


def test_receipt_and_follow_up_say_when_to_check_back(client):
    with translation.override("en"):
        response = submit(client, REPORT_URL, report_data())
        html = response.content.decode()
        assert "The Centre answers on the follow-up page, usually within 3 working days" in html
        reference, secret = receipt_codes(response)
        html = follow_up(client, reference, secret).content.decode()
    assert "usually within 3 working days" in html
    assert "never sends an e-mail or a text message" in html


def test_key_rotation_reseals_the_triage_copy_and_leaves_the_reporter_copy(
    client, receipt, settings, tmp_path, monkeypatch
):
    from tests.referrals.test_key_rotation import make_keys, reseal, use_keys

    referral, reference, secret = receipt
    message = workflow.send_reply(referral, REPLY, by=make_staff("Triage"))
    reporter_copy = bytes(message.sealed_for_reporter)
    old = {"pub": settings.TRIAGE_PUBLIC_KEY_FILE, "key": settings.TRIAGE_PRIVATE_KEY_FILE}
    new = make_keys(tmp_path / "new", "x25519", monkeypatch)
    use_keys(settings, [new, old], [new, old])
    reseal()
    message.refresh_from_db()
    assert crypto.sealed_key_id(bytes(message.sealed_for_triage)) == new["key_id"]
    assert bytes(message.sealed_for_reporter) == reporter_copy
    use_keys(settings, [new], [new])
    assert [text for _m, text in sealing.open_reply_copies(referral)] == [REPLY]
    assert REPLY in follow_up(client, reference, secret).content.decode()


def test_a_message_row_holds_timestamps_and_sealed_blobs_only():
    fields = {f.name for f in ReporterMessage._meta.concrete_fields}
    assert fields == {
        "id", "referral", "author", "created_at", "read_at", "deleted_at",
        "sealed_for_reporter", "sealed_for_triage",
    }  # fmt: skip


def test_the_export_carries_the_messages_with_their_fate(client, receipt):
    from tests.referrals.test_sealing import export

    referral, reference, secret = receipt
    user = make_staff("Triage")
    message = workflow.send_reply(referral, REPLY, by=user)
    follow_up(client, reference, secret)
    follow_up(client, reference, secret, action="delete", message=str(message.pk))
    (exported,) = export(reference)["messages"]
    assert exported["text"] == REPLY and exported["author"] == user.username
    assert exported["read_at"] and exported["deleted_by_reporter_at"]
