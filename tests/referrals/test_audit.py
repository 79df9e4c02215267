"""The audit log: appended under a lock into one hash chain; any edit or removal is found."""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from referrals.models import AuditEvent
from referrals.triage import audit


def verify_command(*args):
    out = io.StringIO()
    call_command("verify_audit_log", *args, stdout=out)
    return out.getvalue()


def tamper(sql, params=()):
    """Change the table behind the application's back, as someone with database access could
    (on PostgreSQL that first means switching off the append-only trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE referrals_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE referrals_auditevent ENABLE TRIGGER USER")


@pytest.fixture
def events(db):
    return [
        audit.append("referral.exported", actor=f"staff{i}", reference=f"CZ-0000-000{i}")
        for i in range(1, 6)
    ]


def test_events_form_one_chain_and_verify(events):
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == "0" * 64
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    output = verify_command()
    assert "5 events" in output and events[-1].hash in output


@pytest.mark.parametrize(
    "column, value",
    [("actor", "someone else"), ("action", "referral.viewed"), ("reference", "CZ-9999-9999")],
)
def test_an_edited_field_is_detected_and_named(events, column, value):
    tamper(f"UPDATE referrals_auditevent SET {column} = %s WHERE seq = 3", [value])  # noqa: S608
    with pytest.raises(CommandError, match="event 3 was altered"):
        verify_command()


def test_an_edited_time_is_detected(events):
    tamper(
        "UPDATE referrals_auditevent SET at = at + interval '1 second' WHERE seq = 2"
        if connection.vendor == "postgresql"
        else "UPDATE referrals_auditevent SET at = datetime(at, '+1 second') WHERE seq = 2"
    )
    with pytest.raises(CommandError, match="event 2 was altered"):
        verify_command()


def test_a_recomputed_hash_still_breaks_the_link_to_the_next_event(events):
    event = AuditEvent.objects.get(seq=3)
    event.actor = "someone else"
    new_hash = audit.event_hash(event)
    tamper(
        "UPDATE referrals_auditevent SET actor = %s, hash = %s WHERE seq = 3",
        ["someone else", new_hash],
    )
    with pytest.raises(CommandError, match="event 4 does not follow event 3"):
        verify_command()


def test_a_deleted_event_is_detected(events):
    tamper("DELETE FROM referrals_auditevent WHERE seq = 2")
    with pytest.raises(CommandError, match="event 2 is missing"):
        verify_command()


def test_a_removed_tail_is_detected_against_a_recorded_head(events):
    head = events[-1].hash
    assert verify_command("--head", head, "--no-anchor")
    tamper("DELETE FROM referrals_auditevent WHERE seq = 5")
    verify_command()  # with no head anchored (test_audit_anchor.py), a shorter chain passes...
    with pytest.raises(CommandError, match="head"):
        verify_command("--head", head)  # ...but not the one recorded before


def test_the_application_cannot_edit_or_delete_events(events):
    event = AuditEvent.objects.get(seq=1)
    event.actor = "x"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(seq=1).update(actor="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_itself(events):
    from django.db import DatabaseError, transaction

    for sql in ("UPDATE referrals_auditevent SET actor = 'x'", "DELETE FROM referrals_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_concurrent_appends_keep_one_chain(django_db_blocker):
    """Eight threads, each with its own database connection, append at once: committed for
    real (no test transaction), then verified and cleaned up."""
    with django_db_blocker.unblock():
        start = threading.Barrier(8)
        errors = []

        def worker(n):
            try:
                start.wait()
                for i in range(10):
                    audit.append("test.concurrent", actor=f"thread{n}", detail={"i": i})
            except Exception as error:  # noqa: BLE001
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert errors == []
            assert AuditEvent.objects.filter(action="test.concurrent").count() == 80
            result = audit.verify()
            assert result.ok, result.problem
            assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 81))
        finally:
            with connection.cursor() as cursor:  # cleanup only: the triggers refuse TRUNCATE
                cursor.execute("ALTER TABLE referrals_auditevent DISABLE TRIGGER USER")
                cursor.execute("TRUNCATE referrals_auditevent")
                cursor.execute("ALTER TABLE referrals_auditevent ENABLE TRIGGER USER")
