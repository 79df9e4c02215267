"""A reply to the reporter at rest: in no table value, no `pg_dump`, no log line and no file
under MEDIA_ROOT in plaintext (docs/intake.md, "Replies to the reporter")."""

import logging
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from referrals import sealing
from referrals.models import Referral, ReporterMessage
from referrals.triage import workflow
from tests.referrals.intake_support import submit
from tests.referrals.support import (
    FOLLOW_UP_URL,
    REPORT_URL,
    dump_database,
    receipt_codes,
    report_data,
)
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

REPLY = "Ćao, gdje je farma? Which town, please? (canary Q9ZR-ответ)"
TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb")


def column_values(cursor, vendor):
    """(table, column, value) of every text and bytea column of every table."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND (data_type = 'bytea' OR data_type = ANY(%s))",
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
    else:
        columns = []
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                columns.append((table, column.name, "any"))
    for table, column, _type in columns:
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608
        for (value,) in cursor.fetchall():
            yield table, column, value


def assert_nowhere_in_the_database(text):
    encoded = text.encode("utf-8")
    with connection.cursor() as cursor:
        for table, column, value in column_values(cursor, connection.vendor):
            if isinstance(value, memoryview):
                value = value.tobytes()
            if isinstance(value, bytes):
                assert encoded not in value, (table, column)
            elif value is not None:
                assert text not in str(value), (table, column)
    assert encoded not in dump_database()


def files_under(root):
    root = Path(root)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_reply_is_in_no_table_value_log_line_or_file(client, caplog):
    caplog.set_level(logging.DEBUG)
    reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
    referral = Referral.objects.get(reference=reference)
    workflow.send_reply(referral, REPLY, by=make_staff("Triage"))
    response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert REPLY in response.content.decode()

    assert_nowhere_in_the_database(REPLY)
    for record in caplog.records:
        assert REPLY not in record.getMessage()
    assert REPLY not in caplog.text
    for path in files_under(settings.MEDIA_ROOT):
        assert REPLY.encode() not in path.read_bytes(), path


def in_own_connection(work):
    """Run `work` on a thread of its own: Django gives it its own connection, in autocommit,
    so what it writes is committed (the test's own transaction is not), as on a live server."""
    result, errors = [], []

    def run():
        try:
            result.append(work())
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    if errors:
        raise errors[0]
    return result[0]


def pg_dump():
    binary = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
    db = connection.settings_dict
    command = [
        binary,
        "--data-only",
        "-h",
        db["HOST"] or "127.0.0.1",
        "-p",
        str(db["PORT"] or 5432),
    ]
    command += ["-U", db["USER"], db["NAME"]]
    env = {"PGPASSWORD": db["PASSWORD"] or ""}
    return subprocess.run(command, capture_output=True, timeout=120, check=True, env=env).stdout


@pytest.mark.server
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's")
def test_a_committed_reply_is_not_in_pg_dump(django_db_blocker):
    """Submitted, answered and read with every row committed, then dumped as a backup would
    be: the dump has the referral's reference but not the reply."""
    started = timezone.now()

    def converse():
        client = Client()
        reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
        referral = Referral.objects.get(reference=reference)
        # What workflow.send_reply stores, without its audit event: the audit log is
        # append-only, and a committed event would outlive this test.
        message = ReporterMessage(referral=referral, created_at=timezone.now())
        sealing.seal_reply(message, REPLY)
        message.save(force_insert=True)
        response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
        assert REPLY in response.content.decode()
        return reference

    def clean_up():
        Referral.objects.filter(received_at__gte=started).delete()
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(enqueued_at__gte=started).delete()

    try:
        reference = in_own_connection(converse)
        dump = pg_dump()
        assert reference.encode() in dump  # the dump did see the committed rows
        assert ReporterMessage.objects.filter(read_at__isnull=False).count() == 1
        assert REPLY.encode() not in dump
        for fragment in ("Which town", "canary Q9ZR"):
            assert fragment.encode() not in dump
    finally:
        in_own_connection(clean_up)
