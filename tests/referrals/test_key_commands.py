"""The key commands and the notification task, run as an operator would run them."""

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from referrals import crypto
from referrals.models import Referral
from tests.referrals.support import REPORT_URL, form_token, receipt_codes, report_data

ROOT = Path(__file__).resolve().parents[2]


def test_generate_triage_keys_reads_the_passphrase_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_KEY_PASSPHRASE", "a long enough passphrase")
    out = io.StringIO()
    call_command("generate_triage_keys", "--out", str(tmp_path / "keys"), stdout=out)
    (pub_file,) = (tmp_path / "keys").glob("*.pub")
    key_file = pub_file.with_suffix(".key")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    pub = crypto.load_public_key(pub_file.read_bytes())
    priv = crypto.load_private_key(key_file.read_bytes(), b"a long enough passphrase")
    assert priv.public_key() == pub
    assert pub.key_id in out.getvalue()


def test_generate_triage_keys_makes_a_post_quantum_pair(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_KEY_PASSPHRASE", "a long enough passphrase")
    call_command(
        "generate_triage_keys", "--out", str(tmp_path), "--suite", "mlkem768-x25519",
        stdout=io.StringIO(),
    )  # fmt: skip
    (pub_file,) = tmp_path.glob("*.pub")
    assert crypto.load_public_key(pub_file.read_bytes()).suite == crypto.SUITE_MLKEM768_X25519


@pytest.mark.server
def test_generate_triage_keys_refuses_a_short_or_missing_passphrase(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_KEY_PASSPHRASE", "short")
    with pytest.raises(CommandError, match="at least"):
        call_command("generate_triage_keys", "--out", str(tmp_path), stdout=io.StringIO())
    monkeypatch.delenv("TRIAGE_KEY_PASSPHRASE")
    result = subprocess.run(
        [sys.executable, "manage.py", "generate_triage_keys", "--out", str(tmp_path)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "TRIAGE_KEY_PASSPHRASE"},
    )
    assert result.returncode != 0
    assert "TRIAGE_KEY_PASSPHRASE" in result.stderr
    assert list(tmp_path.glob("*.key")) == []


@pytest.mark.server
def test_make_run_keys_are_created_once_and_picked_up_by_the_dev_settings(tmp_path):
    """What `make run` does: dev_triage_keys, then the development settings find the keys."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TRIAGE_", "DJANGO_"))},
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    run = [sys.executable, "manage.py", "dev_triage_keys"]
    first = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0
    assert len(list((tmp_path / "keys").glob("*.pub"))) == 1
    # Outside the tests' process, key files get the production cost (tests/conftest.py).
    private_file = json.loads(next((tmp_path / "keys").glob("*.key")).read_text())
    assert private_file["kdf"]["n"] == 2**17
    assert stat.S_IMODE((tmp_path / "dev-triage-passphrase").stat().st_mode) == 0o600
    probe = (
        "import django; django.setup(); from referrals import keys;"
        "print(keys.public_key().key_id, sorted(keys.private_keys()))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    key_id = next((tmp_path / "keys").glob("*.pub")).stem
    assert shown.stdout.split()[0] == key_id
    # The same development settings on the public role get the public key only.
    public = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env={**env, "SITE_ROLE": "public"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert public.returncode != 0 and "PrivateKeyRefused" in public.stderr


def test_dev_triage_keys_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("dev_triage_keys")


@pytest.mark.django_db
def test_export_of_an_unknown_reference_fails_clearly():
    with pytest.raises(CommandError, match="no referral"):
        call_command("export_referral", "CZ-0000-0000", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no referral"):
        call_command("export_referral", "not a reference", stdout=io.StringIO())


@pytest.mark.django_db
def test_notice_waits_in_the_database_until_the_worker_sends_it(
    client, settings, django_capture_on_commit_callbacks
):
    """The real path: the database backend stores the task, `db_worker` sends it."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "intake": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            REPORT_URL,
            {"token": form_token(client.get(REPORT_URL)), **report_data(danger_now="yes")},
        )
    reference, _secret = receipt_codes(response)
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"][:2] == [reference, 1]
    stored = str(task.args_kwargs)
    assert "neighbour" not in stored and "Kraljevo" not in stored
    # One task, then the worker exits (it would otherwise close the test's connection, which
    # it takes for a stale one because a test runs inside a transaction).
    call_command(
        "db_worker", "--batch", "--max-tasks", "1", "--backend", "intake",
        "--no-startup-delay", "--no-reload", verbosity=0,
    )  # fmt: skip
    (message,) = mail.outbox
    assert reference in message.subject
    referral = Referral.objects.get(reference=reference)
    assert referral.is_urgent
    assert reference in message.body
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
