"""`make run`'s server step (bin/dev-server) with the development settings: beside Django's
development server it runs the intake's task worker, so the on-duty notice of a new referral is
sent, to the console, as in production; and the worker stops with the server, whether the
person presses Ctrl-C or the server stops by itself.

The server runs in processes of its own, on a copy of the test database (made from it as a
template: migrate and load_demo would take minutes), which is dropped at the end."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.servers import free_port

# The test database must exist to be copied; nothing of this test's transaction is used.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = "CZ-DEV0-RUN1"


def psql(statement):
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432)}
    env["PGUSER"] = db["USER"] or "postgres"
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    subprocess.run(
        ["psql", "-v", "ON_ERROR_STOP=1", "-qAt", "-d", "postgres", "-c", statement],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


@pytest.fixture
def dev_env(django_db_setup, tmp_path):
    """The development settings on a copy of the test database, with a var/ of their own."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL (CREATE DATABASE ... TEMPLATE)")
    name = f"{db['NAME']}_devserver"
    connections.close_all()  # the template may have no other session
    psql(f'DROP DATABASE IF EXISTS "{name}"')
    for attempt in range(10):
        try:
            psql(f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')
            break
        except subprocess.CalledProcessError as error:
            if "being accessed by other users" not in error.stderr or attempt == 9:
                raise
            time.sleep(1)
    auth = (db["USER"] or "postgres") + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"postgres://{auth}@{host}/{name}",
        "VAR_DIR": str(tmp_path / "var"),
        "PY": sys.executable,
        "PYTHONUNBUFFERED": "1",
    }
    # The development default must be what sends the notice, not a test's setting.
    env.pop("TRIAGE_NOTIFY_EMAILS", None)
    yield env
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start(env, port, log):
    """bin/dev-server in a process group of its own: every process it starts is in it."""
    return subprocess.Popen(
        [str(ROOT / "bin" / "dev-server"), f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def answers(port):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


# Three Python processes stop on Ctrl-C; on a busy 2-core machine, give them a minute.
CTRL_C_SECONDS = 60


def stop_with_ctrl_c(process):
    """Ctrl-C to the script's process group, as the terminal sends it: whether it stopped in
    time (if not, the group is killed, so nothing outlives the test)."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=CTRL_C_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False
    return True


def test_the_worker_sends_a_queued_notice_and_stops_with_ctrl_c(dev_env, tmp_path):
    queued = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from referrals.tasks import notify_on_duty; "
            f"notify_on_duty.enqueue({REFERENCE!r}, 1, '2026-11-30T09:00:00+00:00')",
        ],
        cwd=ROOT,
        env=dev_env,
        capture_output=True,
        text=True,
    )
    assert queued.returncode == 0, queued.stderr
    log_path = tmp_path / "dev-server.log"
    port = free_port()
    with open(log_path, "w") as log:
        process = start(dev_env, port, log)
        try:
            # The console e-mail (Serbian, the site's language; its subject MIME-encoded).
            sent = wait_until(lambda: "To: on-duty@localhost" in log_path.read_text(), 90)
            assert sent, log_path.read_text()
            assert wait_until(lambda: answers(port), 60), log_path.read_text()
        finally:
            # In `finally`, a failure above still stops the server, and is what the test reports.
            stopped = stop_with_ctrl_c(process)
    output = log_path.read_text()
    assert stopped, f"bin/dev-server was still running {CTRL_C_SECONDS} s after Ctrl-C:\n{output}"
    assert REFERENCE in output.split("To: on-duty@localhost", 1)[1], "the body names it"
    assert wait_until(lambda: not group_alive(process.pid), 20), "a process was left running"


def test_the_worker_stops_when_the_server_stops_by_itself(dev_env, tmp_path):
    log_path = tmp_path / "dev-server.log"
    with socket.socket() as taken, open(log_path, "w") as log:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start(dev_env, port, log)
        try:
            # The port is taken: runserver gives up, and the script with it.
            status = process.wait(timeout=90)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    output = log_path.read_text()
    assert status != 0, output
    assert "Intake task worker started" in output
    assert "Publications import worker started" in output
    assert "stopping the task workers" in output
    assert wait_until(lambda: not group_alive(process.pid), 20), "a worker was left running"
