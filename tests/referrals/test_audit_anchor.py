"""The audit log cannot be emptied or cut short without a trace: PostgreSQL refuses TRUNCATE,
and the chain is checked against heads anchored where the database role cannot reach (a signed,
append-only file on the internal tier, and the coordinators' daily e-mail)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from referrals.models import AuditEvent
from referrals.triage import audit
from tests.staff import make_staff, signed_in

AUDIT_LOG = "/admin/referrals/audit-log/"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"
)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def as_table_owner(*statements):
    """What the issue did: the table's owner (here the superuser postgres) switches the
    append-only triggers off, changes the table, and switches them on again. SQLite has no
    trigger to switch off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE referrals_auditevent DISABLE TRIGGER USER")
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE referrals_auditevent ENABLE TRIGGER USER")


def anchor_lines(settings):
    path = settings.AUDIT_ANCHOR_FILE
    return path.read_text().splitlines() if path.exists() else []


def coordinator(email="coordinator@centar.example", **fields):
    user = make_staff("Coordinator")
    user.email = email
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


@pytest.fixture
def events(db):
    return [
        audit.append("referral.viewed", actor=f"staff{i}", reference=f"CZ-0000-000{i}")
        for i in range(1, 6)
    ]


@on_postgresql
def test_postgresql_refuses_truncate(events):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE referrals_auditevent")
    assert AuditEvent.objects.count() == 5


@on_postgresql
def test_an_empty_log_can_still_be_truncated(db):
    """`manage.py flush` of a fresh database truncates every table: nothing is lost here."""
    assert not AuditEvent.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE referrals_auditevent")
    audit.append("referral.viewed", actor="staff1", reference="CZ-0000-0001")
    assert AuditEvent.objects.count() == 1


def test_an_intact_chain_passes_and_its_head_is_anchored(events, settings):
    assert "intact: 5 events" in run("verify_audit_log")
    lines = anchor_lines(settings)
    assert len(lines) == 1 and lines[0].split()[:2] == ["5", events[-1].hash]
    # The same head is not anchored twice; a longer chain is anchored again and still holds.
    run("verify_audit_log")
    assert len(anchor_lines(settings)) == 1
    audit.append("referral.viewed", actor="staff6", reference="CZ-0000-0006")
    assert "intact: 6 events" in run("verify_audit_log")
    assert [line.split()[0] for line in anchor_lines(settings)] == ["5", "6"]


def test_a_deleted_tail_fails_against_the_anchor(events):
    run("verify_audit_log")  # anchors event 5
    as_table_owner("DELETE FROM referrals_auditevent WHERE seq >= 4")
    with pytest.raises(CommandError, match=r"TAMPERED: the log ends at event 3, but event 5 wa"):
        run("verify_audit_log")


def test_an_emptied_table_fails_against_the_anchor(events):
    run("verify_audit_log")
    as_table_owner("DELETE FROM referrals_auditevent")
    with pytest.raises(CommandError, match="TAMPERED: the log is empty, but event 5 was anchored"):
        run("verify_audit_log")


@on_postgresql
def test_a_truncated_table_fails_against_the_anchor(events):
    run("verify_audit_log")
    as_table_owner("TRUNCATE referrals_auditevent")
    with pytest.raises(CommandError, match="TAMPERED: the log is empty, but event 5 was anchored"):
        run("verify_audit_log")


def test_a_chain_rebuilt_from_scratch_fails_against_the_anchor(events):
    """Emptied and filled again with more events than before: a valid chain, not the anchored
    one."""
    run("verify_audit_log")
    as_table_owner("DELETE FROM referrals_auditevent")
    for _ in range(6):
        audit.append("referral.viewed", actor="someone", reference="CZ-0000-0009")
    with pytest.raises(CommandError, match="TAMPERED: event 5 is not the one anchored"):
        run("verify_audit_log")


def test_a_forged_anchor_line_is_reported(events, settings):
    run("verify_audit_log")
    # Someone who can write the file but does not hold the key anchors a shorter chain.
    with open(settings.AUDIT_ANCHOR_FILE, "a") as anchors:
        anchors.write(f"3 {events[2].hash} 2030-01-01T00:00:00Z {'0' * 64}\n")
    with pytest.raises(CommandError, match="TAMPERED: anchor line 2 is not signed"):
        run("verify_audit_log")
    # The whole file replaced by the forged line: still refused.
    settings.AUDIT_ANCHOR_FILE.write_text(f"3 {events[2].hash} 2030-01-01T00:00:00Z {'0' * 64}\n")
    with pytest.raises(CommandError, match="TAMPERED: anchor line 1 is not signed"):
        run("verify_audit_log")


def test_lines_signed_with_another_key_are_refused(events, settings):
    settings.AUDIT_ANCHOR_KEY = "a-separate-anchor-key"  # noqa: S105
    run("verify_audit_log")
    assert "intact" in run("verify_audit_log")
    settings.AUDIT_ANCHOR_KEY = "some-other-key"  # noqa: S105
    with pytest.raises(CommandError, match="TAMPERED: anchor line 1 is not signed"):
        run("verify_audit_log")


def test_anchor_command_appends_the_head_and_never_anchors_a_broken_chain(events, settings):
    assert "anchored event 5" in run("anchor_audit_log")
    assert "already anchored" in run("anchor_audit_log")
    assert len(anchor_lines(settings)) == 1
    as_table_owner("UPDATE referrals_auditevent SET actor = 'x' WHERE seq = 2")
    with pytest.raises(CommandError, match="TAMPERED: event 2 was altered"):
        run("anchor_audit_log")
    assert len(anchor_lines(settings)) == 1


def test_verify_without_anchoring_and_when_the_file_cannot_be_written(events, settings):
    assert "intact" in run("verify_audit_log", "--no-anchor")
    assert anchor_lines(settings) == []
    # A verifying user who may not write the anchor file still gets the answer (and a warning).
    settings.AUDIT_ANCHOR_FILE = settings.AUDIT_ANCHOR_FILE.parent / "missing" / "anchor.log"
    err = io.StringIO()
    call_command("verify_audit_log", stdout=io.StringIO(), stderr=err)
    assert "not anchored" in err.getvalue()
    with pytest.raises(CommandError, match="cannot write"):
        run("anchor_audit_log")


def test_the_admin_check_compares_with_the_last_anchor(events, settings):
    # Signing in is itself an audit event (the second factor used): the sixth.
    client = signed_in(make_staff("Coordinator"))
    run("verify_audit_log")
    html = client.get(AUDIT_LOG + "?verify=1").content.decode()
    assert "The chain holds: 6 events" in html
    assert "Last anchor: event 6" in html
    as_table_owner("DELETE FROM referrals_auditevent WHERE seq = 6")
    response = client.get(AUDIT_LOG + "?verify=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The chain holds" not in html
    assert "The audit log was tampered with: the log ends at event 5, but event 6 was" in html
    # The web process only reads the anchors.
    assert len(anchor_lines(settings)) == 1


def test_the_admin_check_says_when_nothing_is_anchored_yet(events):
    client = signed_in(make_staff("Coordinator"))
    html = client.get(AUDIT_LOG + "?verify=1").content.decode()
    # The five events and the coordinator's sign-in (the second factor used).
    assert "The chain holds: 6 events" in html
    assert "No head has been anchored yet" in html


def test_the_daily_summary_mails_the_head_to_coordinators_only(events, settings):
    settings.LANGUAGE_CODE = "en"  # the e-mail is written in LANGUAGE_CODE; read it in English
    coordinator()
    coordinator("away@centar.example", is_active=False)
    coordinator("")
    triage = make_staff("Triage")
    triage.email = "triage@centar.example"
    triage.save()
    today = timezone.localdate()
    run("send_audit_summary", "--date", today.isoformat())

    assert [message.to for message in mail.outbox] == [["coordinator@centar.example"]]
    message = mail.outbox[0]
    head = AuditEvent.objects.order_by("-seq").first()
    count = AuditEvent.objects.filter(at__date=today).count()
    assert today.isoformat() in message.subject
    assert f"Events on {today.isoformat()}: {count}" in message.body
    assert f"event {head.seq}" in message.body and head.hash in message.body
    # No one's name and no referral: only numbers and a hash cross the mail servers.
    for event in AuditEvent.objects.all():
        assert event.actor not in message.body and event.reference not in message.body
    # The head sent out is anchored in the file too.
    assert anchor_lines(settings)[-1].split()[:2] == [str(head.seq), head.hash]


def test_the_daily_summary_counts_yesterday_by_default(events, settings):
    settings.LANGUAGE_CODE = "en"
    coordinator()
    run("send_audit_summary")
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert f"Events on {yesterday}: 0" in mail.outbox[0].body


def test_the_daily_summary_raises_the_alarm_when_the_log_was_cut(events, settings):
    settings.LANGUAGE_CODE = "en"
    coordinator()
    run("verify_audit_log")
    as_table_owner("DELETE FROM referrals_auditevent WHERE seq = 5")
    with pytest.raises(CommandError, match="TAMPERED"):
        run("send_audit_summary")
    assert len(mail.outbox) == 1
    assert "TAMPERED" in mail.outbox[0].subject
    assert "the log ends at event 4, but event 5 was anchored" in mail.outbox[0].body
    assert len(anchor_lines(settings)) == 1


def test_the_daily_summary_needs_a_coordinator_with_an_address(events):
    with pytest.raises(CommandError, match="no active Coordinator"):
        run("send_audit_summary")
