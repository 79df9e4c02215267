"""Retention: closed referrals lose their sealed data after TRIAGE_RETENTION_DAYS and keep their
coarse fields; exactly the expired ones, nothing else, every destruction on the audit record."""

import datetime
import hashlib
import io
import os

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from referrals.choices import Gender, Outcome, Status
from referrals.intake import submit
from referrals.models import Attachment, AuditEvent, FollowUp, Referral, StaffNote
from referrals.triage import audit, retention, workflow
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PDF,
    PNG,
    PROFESSIONAL_URL,
    REPORT_URL,
    dump_database,
    form_token,
    professional_data,
    receipt_codes,
    referral_row,
    report_data,
)

pytestmark = pytest.mark.django_db

DAYS = 730
NOW = datetime.datetime(2027, 6, 1, 12, 0, tzinfo=datetime.UTC)

# Every field retention must leave exactly as it was.
KEPT_FIELDS = [
    f.attname
    for f in Referral._meta.concrete_fields
    if f.name not in ("sealed_answers", "followup_secret_hash", "reply_public_key", "destroyed_at")
]


@pytest.fixture(autouse=True)
def retention_period(settings):
    settings.TRIAGE_RETENTION_DAYS = DAYS


def blob():
    """Arbitrary bytes in place of a sealed blob, unique so the dump can find each one."""
    return b"SEALED-" + os.urandom(24).hex().encode()


def row(status=Status.CLOSED, closed_days_ago=None, *, received_days_ago=None, **fields):
    """A referral built directly, with an attachment, a follow-up (with its own attachment) and
    a staff note, all holding placeholder blobs."""
    closed_at = NOW - datetime.timedelta(days=closed_days_ago) if closed_days_ago else None
    received_at = NOW - datetime.timedelta(days=received_days_ago or (closed_days_ago or 0) + 30)
    values = {
        "received_at": received_at,
        "gender": Gender.FEMALE,
        "status": status,
        "responded_at": received_at + datetime.timedelta(days=1),
        "closed_at": closed_at,
        "outcome": Outcome.NOT_CONFIRMED if status == Status.CLOSED else Outcome.NONE,
        "sealed_answers": blob(),
        "followup_secret_hash": "pbkdf2_sha256$10000$salt$hash",
    }
    referral = referral_row(**{**values, **fields})
    referral.save()
    Attachment.objects.create(referral=referral, sealed=blob())
    followup = FollowUp.objects.create(
        referral=referral,
        received_at=received_at + datetime.timedelta(days=2),
        sealed=blob(),
        idempotency_hash=hashlib.sha256(f"retention-followup-{referral.pk}".encode()).hexdigest(),
    )
    Attachment.objects.create(referral=referral, followup=followup, sealed=blob())
    StaffNote.objects.create(referral=referral, created_at=received_at, sealed=blob())
    return referral


def sealed_blobs(referral):
    """Every sealed byte string stored for this referral, read from the database."""
    referral = Referral.objects.get(pk=referral.pk)
    blobs = [bytes(referral.sealed_answers)] if referral.sealed_answers is not None else []
    for model in (Attachment, FollowUp, StaffNote):
        blobs.extend(
            bytes(b)
            for b in model.objects.filter(referral=referral).values_list("sealed", flat=True)
        )
    return blobs


def coarse(referral):
    values = Referral.objects.filter(pk=referral.pk).values(*KEPT_FIELDS).get()
    return values


def run(*args, **kwargs):
    out = io.StringIO()
    call_command("destroy_expired_referrals", *args, stdout=out, **kwargs)
    return out.getvalue()


def is_destroyed(referral):
    referral = Referral.objects.get(pk=referral.pk)
    return referral.destroyed_at is not None


# --- what is expired ------------------------------------------------------------------------


def test_exactly_the_expired_referrals_are_destroyed():
    long_ago = NOW - datetime.timedelta(days=2000)
    expired = {
        "closed past the period": row(Status.CLOSED, DAYS + 1),
        "closed exactly the period ago": row(Status.CLOSED, DAYS),
        "spam past the period": row(Status.SPAM, DAYS + 40),
    }
    kept = {
        "closed one day short": row(Status.CLOSED, DAYS - 1),
        "open, received long ago": row(Status.NEW, received_days_ago=2000),
        "in assessment, received long ago": row(Status.IN_ASSESSMENT, received_days_ago=2000),
        # Reopened: the old closing time stays in the row, the status says it is live again.
        "reopened with an old closed_at": row(Status.IN_ASSESSMENT, DAYS + 300),
        "identified with an old closed_at": row(Status.IDENTIFIED, DAYS + 300),
    }
    already = row(Status.CLOSED, DAYS + 500)
    Referral.objects.filter(pk=already.pk).update(destroyed_at=long_ago, sealed_answers=None)

    listed = set(retention.expired(NOW).values_list("reference", flat=True))
    assert listed == {r.reference for r in expired.values()}

    events_before = AuditEvent.objects.count()
    assert retention.destroy(retention.expired(NOW), actor="test", now=NOW) == 3

    for label, referral in expired.items():
        assert is_destroyed(referral), label
        assert Referral.objects.get(pk=referral.pk).destroyed_at == NOW
    for label, referral in kept.items():
        assert not is_destroyed(referral), label
        assert len(sealed_blobs(referral)) == 5, label
    # The one destroyed earlier keeps its first destruction time and gets no second event.
    assert Referral.objects.get(pk=already.pk).destroyed_at == long_ago
    events = AuditEvent.objects.filter(action="referral.destroyed")
    assert AuditEvent.objects.count() == events_before + 3
    assert sorted(e.reference for e in events) == sorted(r.reference for r in expired.values())
    # Nothing is left to do: a second run destroys nothing and records nothing.
    assert retention.destroy(retention.expired(NOW), actor="test", now=NOW) == 0
    assert AuditEvent.objects.count() == events_before + 3


def test_an_explicit_referral_that_is_not_expired_is_left_alone():
    recent = row(Status.CLOSED, 10)
    open_one = row(Status.NEW, received_days_ago=3000)
    for referral in (recent, open_one):
        assert retention.destroy(referral, actor="test", now=NOW) == 0
        assert not is_destroyed(referral)
        assert len(sealed_blobs(referral)) == 5
    assert not AuditEvent.objects.filter(action="referral.destroyed").exists()


def test_a_referral_reopened_after_it_was_listed_is_not_destroyed():
    referral = row(Status.CLOSED, DAYS + 10)
    stale = list(retention.expired(NOW))
    assert [r.pk for r in stale] == [referral.pk]
    # Staff reopen it between the listing and the destruction (as the workflow does: status
    # back to "in assessment"; here closed_at is even left old on purpose).
    Referral.objects.filter(pk=referral.pk).update(status=Status.IN_ASSESSMENT)
    assert retention.destroy(stale[0], actor="test", now=NOW) == 0
    assert stale[0].destroyed_at is None
    assert not is_destroyed(referral)
    assert len(sealed_blobs(referral)) == 5
    assert not AuditEvent.objects.filter(action="referral.destroyed").exists()


def test_a_referral_closed_again_recently_is_not_destroyed():
    referral = row(Status.CLOSED, DAYS + 10)
    stale = retention.expired(NOW).get()
    # Reopened and closed again yesterday: the period starts again.
    Referral.objects.filter(pk=referral.pk).update(closed_at=NOW - datetime.timedelta(days=1))
    assert retention.destroy(stale, actor="test", now=NOW) == 0
    assert not is_destroyed(referral)


def test_many_referrals_are_destroyed_in_chunks(monkeypatch):
    monkeypatch.setattr(retention, "CHUNK_SIZE", 7)
    due = [row(Status.CLOSED, DAYS + n) for n in range(1, 24)]
    kept = [row(Status.CLOSED, DAYS - n) for n in range(1, 6)]
    listed = []
    real_chunks = retention._chunks

    def recording(queryset, size=None):
        for pks in real_chunks(queryset, size):
            listed.append(len(pks))
            yield pks

    monkeypatch.setattr(retention, "_chunks", recording)
    assert retention.destroy(retention.expired(NOW), actor="test", now=NOW) == 23
    # Ids come a chunk at a time, never all at once.
    assert listed == [7, 7, 7, 2]
    assert all(is_destroyed(r) for r in due)
    assert not any(is_destroyed(r) for r in kept)
    assert Attachment.objects.filter(referral__in=due).count() == 0
    assert Attachment.objects.filter(referral__in=kept).count() == 10


# --- what is destroyed and what is kept -----------------------------------------------------


def submit_with_everything(client, staff, canary):
    """A professional referral through the real intake with a PDF, a follow-up from the
    reporter with a PNG, and a staff note: every kind of sealed data a referral can have."""
    token = form_token(client.get(PROFESSIONAL_URL))
    pdf = io.BytesIO(PDF + canary.encode())
    pdf.name = f"statement-{canary}.pdf"
    response = client.post(
        PROFESSIONAL_URL,
        {"token": token, **professional_data(narrative=f"Narrative {canary}"), "attachments": pdf},
    )
    reference, secret = receipt_codes(response)
    url = "/en/professional-referral/follow-up/"
    token = form_token(client.post(url, {"reference": reference, "secret": secret}))
    png = io.BytesIO(PNG)
    png.name = "photo.png"
    response = client.post(
        url,
        {
            "action": "add",
            "reference": reference,
            "secret": secret,
            "token": token,
            "information": f"Later {canary}",
            "attachments": png,
        },
    )
    assert b"the information was added" in response.content
    referral = Referral.objects.get(reference=reference)
    workflow.add_note(referral, f"Note {canary}", by=staff)
    return referral, secret


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(username="coordinator-retention")


def test_destruction_leaves_no_sealed_byte_and_keeps_the_coarse_fields(client, staff):
    old, _ = submit_with_everything(client, staff, "OLD")
    young, _ = submit_with_everything(client, staff, "YOUNG")
    assert old.attachments.count() == 2 and old.followups.count() == 1 and old.notes.count() == 1
    for referral in (old, young):
        workflow.change_status(referral, Status.IN_ASSESSMENT, by=staff)
        workflow.change_status(referral, Status.CLOSED, by=staff)
    Referral.objects.filter(pk=old.pk).update(closed_at=NOW - datetime.timedelta(days=DAYS + 1))
    Referral.objects.filter(pk=young.pk).update(closed_at=NOW - datetime.timedelta(days=5))
    old_blobs, young_blobs = sealed_blobs(old), sealed_blobs(young)
    assert len(old_blobs) == len(young_blobs) == 5  # answers, 2 files, follow-up, note
    dump = dump_database()
    assert all(b in dump for b in old_blobs + young_blobs)  # the dump shows blobs
    old_coarse, young_coarse = coarse(old), coarse(young)
    young_secret_hash = Referral.objects.get(pk=young.pk).followup_secret_hash

    assert retention.destroy(retention.expired(NOW), actor="test", now=NOW) == 1

    dump = dump_database()
    for sealed in old_blobs:
        assert sealed not in dump
        assert sealed.hex().encode() not in dump
    assert all(b in dump for b in young_blobs)
    assert sealed_blobs(young) == young_blobs
    destroyed = Referral.objects.get(pk=old.pk)
    assert destroyed.sealed_answers is None
    assert destroyed.followup_secret_hash == ""
    assert destroyed.reply_public_key is None  # no reply can be sealed to it any more
    assert destroyed.destroyed_at == NOW and destroyed.is_destroyed
    assert coarse(old) == old_coarse  # status, outcome, assignee, times, categories...
    assert coarse(young) == young_coarse
    assert Referral.objects.get(pk=young.pk).followup_secret_hash == young_secret_hash
    assert young.attachments.count() == 2 and young.followups.count() == 1
    assert young.notes.count() == 1


def test_the_follow_up_page_no_longer_opens_a_destroyed_referral(client, staff):
    token = form_token(client.get(REPORT_URL))
    reference, secret = receipt_codes(client.post(REPORT_URL, {"token": token, **report_data()}))
    referral = Referral.objects.get(reference=reference)
    opened = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert b"Received" in opened.content
    workflow.change_status(referral, Status.SPAM, by=staff)
    Referral.objects.filter(pk=referral.pk).update(closed_at=NOW - datetime.timedelta(days=DAYS))
    assert retention.destroy(referral, actor="test", now=NOW) == 1
    assert submit.check_receipt(reference, secret) is None
    refused = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert refused.status_code == 200
    assert b"The reference or the secret code is not right" in refused.content
    assert b"Received" not in refused.content
    # The export command says what happened instead of failing on the missing blob.
    with pytest.raises(CommandError, match="destroyed"):
        call_command("export_referral", reference, stdout=io.StringIO())


# --- the command ----------------------------------------------------------------------------


def test_dry_run_changes_nothing_and_prints_the_count():
    due = [row(Status.CLOSED, DAYS + 1), row(Status.SPAM, DAYS + 90)]
    row(Status.CLOSED, DAYS - 1)
    row(Status.NEW, received_days_ago=1500)
    before = dump_database()
    with time_machine.travel(NOW, tick=False):
        output = run("--dry-run")
        verbose = run("--dry-run", verbosity=2)
    assert output.startswith("2 referral(s) would be destroyed")
    assert "CZ-" not in output  # counts only unless asked
    for referral in due:
        assert referral.reference in verbose
    assert dump_database() == before  # not even an audit event


def test_the_command_destroys_after_the_period_counted_from_closing(staff, client):
    token = form_token(client.get(REPORT_URL))
    reference, _ = receipt_codes(client.post(REPORT_URL, {"token": token, **report_data()}))
    referral = Referral.objects.get(reference=reference)
    with time_machine.travel(NOW, tick=False):
        workflow.change_status(referral, Status.IN_ASSESSMENT, by=staff)
        workflow.change_status(referral, Status.CLOSED, by=staff)
    with time_machine.travel(NOW + datetime.timedelta(days=DAYS - 1), tick=False):
        assert run().startswith("0 referral(s) destroyed")
    assert not is_destroyed(referral)
    later = NOW + datetime.timedelta(days=DAYS, seconds=1)
    with time_machine.travel(later, tick=False):
        assert run().startswith("1 referral(s) destroyed")
    referral.refresh_from_db()
    assert referral.destroyed_at == later and referral.sealed_answers is None
    assert referral.status == Status.CLOSED


def test_days_overrides_the_setting():
    referral = row(Status.CLOSED, 10)
    with time_machine.travel(NOW, tick=False):
        assert run().startswith("0 referral(s) destroyed")
        assert run("--days", "11").startswith("0 referral(s) destroyed")
        assert run("--dry-run", "--days", "10").startswith("1 referral(s) would be destroyed")
        assert not is_destroyed(referral)
        assert run("--days", "10").startswith("1 referral(s) destroyed")
        with pytest.raises(CommandError):
            run("--days", "-1")
    assert is_destroyed(referral)
    event = AuditEvent.objects.get(action="referral.destroyed")
    assert event.detail == {"retention_days": 10}


def test_the_audit_chain_holds_with_one_event_per_destroyed_referral(staff):
    kept = row(Status.CLOSED, 5)
    workflow.set_outcome(kept, Outcome.NO_CONTACT, by=staff)  # some history in the log
    due = [row(Status.CLOSED, DAYS + n) for n in (1, 2, 3)]
    before = list(AuditEvent.objects.values_list("seq", "hash"))
    with time_machine.travel(NOW, tick=False):
        run()
    # Earlier events are all still there, unchanged; the new ones follow them.
    assert list(AuditEvent.objects.values_list("seq", "hash")[: len(before)]) == before
    events = list(AuditEvent.objects.filter(action="referral.destroyed"))
    assert len(events) == 3
    assert sorted(e.reference for e in events) == sorted(r.reference for r in due)
    for event in events:
        assert event.actor == "retention (manage.py)"
        assert event.detail == {"retention_days": DAYS}
    result = audit.verify()
    assert result.ok and result.count == len(before) + 3


def test_the_command_refuses_on_the_public_role():
    referral = row(Status.CLOSED, DAYS + 1)
    with override_settings(SITE_ROLE="public"), time_machine.travel(NOW, tick=False):
        with pytest.raises(CommandError, match="internal role"):
            run()
        with pytest.raises(CommandError, match="internal role"):
            run("--dry-run")
    assert not is_destroyed(referral)
    assert not AuditEvent.objects.filter(action="referral.destroyed").exists()


def test_the_command_runs_without_anything_to_do():
    with time_machine.travel(NOW, tick=False):
        assert run() == f"0 referral(s) destroyed (closed {DAYS} or more days ago)\n"
