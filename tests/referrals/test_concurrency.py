"""200 people send a report at the same moment to a real server (gunicorn, the public role)
on PostgreSQL: 200 receipts, 200 referrals, and a pg_dump of the database holds none of what
they wrote. Loopback only, bounded in count and time."""

import os
import subprocess
import threading
import uuid
from pathlib import Path

import pytest
from django.db import connection

from referrals.models import Referral
from tests.referrals.support import FormClient, hidden_values, receipt_codes_bytes, report_data
from tests.servers import gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 200

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: a separate server process shares the test database",
    ),
    pytest.mark.django_db,
]


def database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def server(django_db_setup, triage_keys, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "SITE_ROLE": "public",
        "TRIAGE_PUBLIC_KEY_FILE": str(triage_keys["public"]),
        "INTAKE_SUBMIT_RATE": "100000/60",
    }
    options = ["--worker-class", "gthread", "--threads", "8", "--backlog", "512"]
    process, port = gunicorn(
        env, tmp_path / "gunicorn.log", timeout=120, options=[*options, "--log-level", "warning"]
    )
    try:
        yield port
    finally:
        stop(process, seconds=30)


def delete_committed(since):
    """The server committed its rows outside the test's transaction: remove them the same
    way, on a connection of their own, so the next tests start from the minimal site only."""
    import psycopg2

    with psycopg2.connect(database_url()) as db, db.cursor() as cursor:
        cursor.execute("DELETE FROM referrals_referral WHERE received_at >= %s", [since])
    db.close()


def test_200_concurrent_submissions_give_200_referrals(server):
    canary = f"CANARY-{uuid.uuid4().hex}"
    origin = f"http://127.0.0.1:{server}"
    ready = threading.Barrier(CLIENTS, timeout=120)
    results = [None] * CLIENTS

    def person(i):
        client = FormClient("127.0.0.1", server)
        try:
            status, html = client.get("/report/")
            assert status == 200
            data = {**hidden_values(html), **report_data(what_happened=f"{canary} #{i}")}
            ready.wait()  # everyone presses "send" at once
            results[i] = client.post("/report/", data, origin)
        except Exception as error:  # noqa: BLE001
            results[i] = (None, repr(error).encode())
        finally:
            client.close()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(CLIENTS)]
    from django.utils import timezone

    started = timezone.now()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        statuses = [status for status, _body in results]
        assert statuses == [200] * CLIENTS, [b[:200] for s, b in results if s != 200][:3]
        references = [receipt_codes_bytes(body)[0] for _status, body in results]
        assert len(set(references)) == CLIENTS
        assert Referral.objects.filter(reference__in=references).count() == CLIENTS

        dump = subprocess.run(
            ["pg_dump", "--data-only", database_url()],
            capture_output=True, timeout=120, check=True,
        ).stdout  # fmt: skip
        assert references[0].encode() in dump
        assert canary.encode() not in dump
    finally:
        delete_committed(started)
