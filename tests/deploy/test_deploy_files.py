"""The systemd units (deploy/systemd) as an operator installs them, checked against the
environment examples and the backup script they name; the examples themselves and cpvht-manage
are checked in tests/deploy/test_env_examples.py.

`systemd-analyze verify` loads each unit as systemd would, and fails when an ExecStart binary
does not exist: the units are copied to a temporary folder with /srv/cpvht replaced by this
checkout, whose .venv has gunicorn and python. The Unix users the units name (cpvht-public,
cpvht-internal, cpvht-anchor) do not exist on a build machine, and verify does not look them up
(systemd 252: exit 0, nothing printed), so nothing is created or substituted for them. An
unknown key or a bad value only makes verify print a warning with exit status 0, so the test
also requires that it prints nothing about these units."""

import os
import re
import subprocess

import pytest
from django.core.management import get_commands

from tests.deploy.deploy_files import (
    BACKUP_SCHEDULE,
    BACKUP_SCRIPT,
    BACKUP_UNIT,
    EXAMPLES,
    ROOT,
    SCHEDULES,
    SYSTEMD_ANALYZE,
    UNITS,
    assignments,
    unit_files,
    unit_settings,
    unit_values,
)

# --- systemd -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed_units(tmp_path_factory):
    """The units as installed on a machine whose checkout is this one."""
    folder = tmp_path_factory.mktemp("units")
    for path in unit_files():
        (folder / path.name).write_text(path.read_text().replace("/srv/cpvht", str(ROOT)))
    assert (ROOT / ".venv" / "bin" / "gunicorn").exists(), "make install creates .venv"
    return folder


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze is not installed")
def test_every_unit_and_timer_passes_systemd_analyze_verify(installed_units):
    names = sorted(p.name for p in installed_units.iterdir())
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *names],
        cwd=installed_units,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # Unknown keys and unparsable values are only warnings (exit 0): none may be printed.
    about_ours = [
        line for line in output.splitlines() if "cpvht" in line or str(installed_units) in line
    ]
    assert about_ours == []


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze is not installed")
def test_a_unit_whose_program_is_missing_fails_verify(tmp_path):
    """The control: verify does look at ExecStart, so the test above means something."""
    text = (UNITS / "cpvht-worker.service").read_text().replace("/srv/cpvht", str(tmp_path))
    (tmp_path / "cpvht-worker.service").write_text(text)
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "cpvht-worker.service"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "is not executable" in result.stderr


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze is not installed")
def test_each_web_process_and_job_is_sandboxed(installed_units):
    """systemd's own exposure score (0 best, 10 worst) of every service, read offline."""
    for path in sorted(installed_units.glob("*.service")):
        result = subprocess.run(
            [SYSTEMD_ANALYZE, "security", "--offline=yes", path.name],
            cwd=installed_units,
            capture_output=True,
            text=True,
            timeout=60,
        )
        score = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
        assert score, result.stdout[-500:] + result.stderr[-500:]
        assert float(score.group(1)) <= 2.0, (path.name, score.group(1))


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze is not installed")
def test_the_timers_keep_the_schedule():
    timers = {p.stem: p for p in UNITS.glob("*.timer")}
    assert set(timers) == set(SCHEDULES) | {BACKUP_UNIT}
    for name, (command, normalized) in SCHEDULES.items():
        (calendar,) = unit_values(timers[name], "OnCalendar")
        result = subprocess.run(
            [SYSTEMD_ANALYZE, "calendar", calendar], capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stderr
        assert f"Normalized form: {normalized}" in result.stdout, (name, result.stdout)
        service = UNITS / f"{name}.service"
        assert unit_values(service, "Type") == ["oneshot"]
        (exec_start,) = unit_values(service, "ExecStart")
        assert exec_start.startswith(f"/srv/cpvht/.venv/bin/python manage.py {command}")
    (calendar,) = unit_values(timers[BACKUP_UNIT], "OnCalendar")
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "calendar", calendar], capture_output=True, text=True, timeout=30
    )
    assert f"Normalized form: {BACKUP_SCHEDULE}" in result.stdout, result.stdout
    assert unit_values(UNITS / f"{BACKUP_UNIT}.service", "Type") == ["oneshot"]


def test_every_unit_runs_a_command_that_exists_with_the_production_environment():
    commands = get_commands()
    for path in UNITS.glob("*.service"):
        (exec_start,) = unit_values(path, "ExecStart")
        program, *args = exec_start.split()
        if program.endswith("/gunicorn"):
            assert args[0] == "config.wsgi:application"
        elif path.stem == BACKUP_UNIT:
            assert (program, args) == ("/srv/cpvht/deploy/backup.sh", [])
            assert os.access(BACKUP_SCRIPT, os.X_OK)
        else:
            assert program == "/srv/cpvht/.venv/bin/python" and args[0] == "manage.py"
            assert args[1] in commands, (path.name, args[1])
        (env_file,) = unit_values(path, "EnvironmentFile")
        tier = {"cpvht-public": "public", BACKUP_UNIT: "backup"}.get(path.stem, "internal")
        assert env_file == f"/etc/cpvht/{tier}.env"
        assert unit_values(path, "WorkingDirectory") == ["/srv/cpvht"]


def test_only_the_internal_web_process_can_reach_the_private_key():
    for path in UNITS.glob("*.service"):
        settings = dict(unit_settings(path))
        for key, value in {
            "NoNewPrivileges": "yes",
            "ProtectSystem": "strict",
            "ReadOnlyPaths": "/srv/cpvht",
            "PrivateTmp": "yes",
            "ProtectHome": "yes",
            "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6",
            "CapabilityBoundingSet": "",
        }.items():
            assert settings.get(key) == value, (path.name, key)
        assert "MemoryMax" in settings, path.name
        hidden = unit_values(path, "InaccessiblePaths")
        if path.name == "cpvht-internal.service":
            assert hidden == [] and settings["User"] == "cpvht-internal"
        else:
            assert hidden == ["-/etc/cpvht/private"], path.name
    public = dict(unit_settings(UNITS / "cpvht-public.service"))
    assert public["User"] == "cpvht-public"
    assert "--forwarded-allow-ips 127.0.0.1" in public["ExecStart"]


def test_what_each_unit_may_write_is_what_the_environment_names():
    public = assignments(EXAMPLES["public"])
    internal = assignments(EXAMPLES["internal"])
    assert unit_values(UNITS / "cpvht-public.service", "ReadWritePaths") == [
        public["MEDIA_ROOT"] + "/images"
    ]
    assert unit_values(UNITS / "cpvht-internal.service", "ReadWritePaths") == [
        internal["MEDIA_ROOT"]
    ]
    for name in ("cpvht-anchor-audit-log", "cpvht-send-audit-summary"):
        service = UNITS / f"{name}.service"
        assert unit_values(service, "ReadWritePaths") == [internal["AUDIT_ANCHOR_FILE"]]
        assert unit_values(service, "User") == ["cpvht-anchor"]
    assert unit_values(UNITS / "cpvht-worker.service", "ReadWritePaths") == []
    backup = assignments(EXAMPLES["backup"])
    assert unit_values(UNITS / f"{BACKUP_UNIT}.service", "ReadWritePaths") == [backup["BACKUP_DIR"]]


def test_the_backup_job_reads_what_the_internal_tier_writes_and_holds_no_secret():
    backup, internal = assignments(EXAMPLES["backup"]), assignments(EXAMPLES["internal"])
    for name in ("MEDIA_ROOT", "AUDIT_ANCHOR_FILE"):
        assert backup[name] == internal[name], name
    assert internal["DATABASE_URL"].rsplit("/", 1)[1] == backup["PGDATABASE"]
    # Every variable backup.sh requires is set; no key but the backups' public one, no password.
    required = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*):\?", BACKUP_SCRIPT.read_text()))
    assert required and required <= set(backup)
    assert not any(name.startswith(("TRIAGE_", "SECRET", "PGPASS")) for name in backup)
    assert "private" not in backup["BACKUP_AGE_RECIPIENTS_FILE"]
    assert backup["BACKUP_AGE_RECIPIENTS_FILE"] not in (
        internal["TRIAGE_PUBLIC_KEY_FILE"],
        internal["TRIAGE_PRIVATE_KEY_FILE"],
    )
    service = UNITS / f"{BACKUP_UNIT}.service"
    assert unit_values(service, "User") == ["cpvht-backup"] == [backup["PGUSER"]]
    # Reads the media (group cpvht-public) and the anchor file (group cpvht-internal).
    assert unit_values(service, "SupplementaryGroups") == ["cpvht-public cpvht-internal"]


def test_no_unit_holds_an_unescaped_percent_sign():
    """systemd reads %x as a specifier; a literal percent sign must be written %%."""
    for path in unit_files():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if not line.startswith("#"):
                assert "%" not in line.replace("%%", ""), (path.name, number, line)
