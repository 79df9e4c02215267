"""The deployment files as an operator installs them: the systemd units (deploy/systemd), the
environment examples (deploy/env) and cpvht-manage (deploy/bin), checked against the settings
that read the environment and the nginx server blocks they must agree with.

`systemd-analyze verify` loads each unit as systemd would, and fails when an ExecStart binary
does not exist: the units are copied to a temporary folder with /srv/cpvht replaced by this
checkout, whose .venv has gunicorn and python. The Unix users the units name (cpvht-public,
cpvht-internal, cpvht-anchor) do not exist on a build machine, and verify does not look them up
(systemd 252: exit 0, nothing printed), so nothing is created or substituted for them. An
unknown key or a bad value only makes verify print a warning with exit status 0, so the test
also requires that it prints nothing about these units."""

import ast
import math
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
ENV = ROOT / "deploy" / "env"
NGINX = ROOT / "deploy" / "nginx"
MANAGE_SCRIPT = ROOT / "deploy" / "bin" / "cpvht-manage"
BACKUP_SCRIPT = ROOT / "deploy" / "backup.sh"
EXAMPLES = {path.name.removesuffix(".env.example"): path for path in ENV.glob("*.env.example")}
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")

# Read by the settings but never set in production, with the reason.
NOT_FOR_PRODUCTION = {
    "SEEDS_DIR": "the Centre's seed documents, read by load_demo only, which production never runs",
}
# Read by a management command that an example's file is made for, not by the settings.
READ_BY_COMMANDS = {
    "DB_OWNER_PASSWORD": "operations/management/commands/provision_database_roles.py",
    "DB_INTERNAL_PASSWORD": "operations/management/commands/provision_database_roles.py",
    "DB_PUBLIC_PASSWORD": "operations/management/commands/provision_database_roles.py",
}
# The schedule each periodic job must keep (the issue "Two tiers for real").
SCHEDULES = {
    "cpvht-publish-scheduled": ("publish_scheduled", "*-*-* *:00/5:00"),
    "cpvht-anchor-audit-log": ("anchor_audit_log", "*-*-* *:00/15:00"),
    "cpvht-prepare-renditions": ("prepare_renditions", "*-*-* *:00:00"),
    "cpvht-destroy-expired-referrals": ("destroy_expired_referrals", "*-*-* 03:30:00"),
    "cpvht-send-audit-summary": ("send_audit_summary", "*-*-* 07:00:00"),
}
# The nightly backup, a script rather than a manage.py command (docs/operations.md).
BACKUP_UNIT, BACKUP_SCHEDULE = "cpvht-backup", "*-*-* 02:30:00"
SECRETS = {
    "SECRET_KEY",
    "AUDIT_ANCHOR_KEY",
    "RATE_LIMIT_KEY",
    "RECAPTCHA_PUBLIC_KEY",
    "RECAPTCHA_PRIVATE_KEY",
    *READ_BY_COMMANDS,
}
PLACEHOLDER = "change-me"


def assignments(path, commented=False):
    """{NAME: value} of a file's NAME=value lines; with commented, also of `# NAME=...` lines
    (a variable documented but left at its default)."""
    pattern = r"^(?:#\s*)?([A-Z][A-Z0-9_]*)=(.*)$" if commented else r"^([A-Z][A-Z0-9_]*)=(.*)$"
    return {
        match.group(1): match.group(2)
        for line in path.read_text().splitlines()
        if (match := re.match(pattern, line))
    }


def variables_read_by(paths):
    """Names given as string literals to os.environ.get / [] / setdefault, os.getenv, and the
    settings' env_bool / env_list."""
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            target = None
            if isinstance(node, ast.Call) and node.args:
                func = ast.unparse(node.func)
                if func in {
                    "os.environ.get",
                    "os.environ.setdefault",
                    "os.getenv",
                    "env_bool",
                    "env_list",
                }:
                    target = node.args[0]
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                target = node.slice
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                names.add(target.value)
    return names


def settings_variables():
    # config/settings/*.py, and the rest of config/ that they import (cache.py) or that starts
    # them (wsgi.py, which sets DJANGO_SETTINGS_MODULE's default).
    return variables_read_by(sorted((ROOT / "config").rglob("*.py")))


def unit_files():
    return sorted(p for p in UNITS.iterdir() if p.suffix in {".service", ".timer"})


def unit_settings(path):
    """[(key, value)] of a unit, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    return [
        (key.strip(), value.strip())
        for line in text.splitlines()
        if line and not line.startswith(("#", ";", "[")) and "=" in line
        for key, value in [line.split("=", 1)]
    ]


def unit_values(path, key):
    return [value for k, value in unit_settings(path) if k == key]


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


# --- the environment examples --------------------------------------------------------------------


def test_every_variable_the_settings_read_is_in_an_example_and_none_is_stale():
    read = settings_variables()
    documented = set().union(*(assignments(p, commented=True) for p in EXAMPLES.values()))
    unit_read = {
        name for path in unit_files() for name in re.findall(r"\$\{([A-Z_]+)\}", path.read_text())
    }
    # and the variables the backup script reads (deploy/env/backup.env.example)
    unit_read |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", BACKUP_SCRIPT.read_text()))
    assert set(NOT_FOR_PRODUCTION) <= read, "an exclusion no longer read: remove it"
    assert not set(NOT_FOR_PRODUCTION) & documented
    assert read - set(NOT_FOR_PRODUCTION) - documented == set(), "missing from deploy/env"
    for name, source in READ_BY_COMMANDS.items():
        assert name in (ROOT / source).read_text()
    stale = documented - read - unit_read - set(READ_BY_COMMANDS)
    assert stale == set(), "read by nothing"
    # Every variable a unit expands is set in the file that unit reads.
    for path in UNITS.glob("*.service"):
        (env_file,) = unit_values(path, "EnvironmentFile")
        tier = Path(env_file).name.removesuffix(".env")
        names = set(re.findall(r"\$\{([A-Z_]+)\}", path.read_text()))
        assert names <= set(assignments(EXAMPLES[tier])), path.name


def test_the_two_tiers_agree_with_each_other_and_with_nginx():
    public, internal = assignments(EXAMPLES["public"]), assignments(EXAMPLES["internal"])
    owner = assignments(EXAMPLES["owner"])
    assert public["SITE_ROLE"] == "public" and internal["SITE_ROLE"] == "internal"
    for env in (public, internal):
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert env["INTAKE_TRUSTED_PROXY_COUNT"] == "1"
    for name in ("REDIS_LIMITS_URL", "TRIAGE_PUBLIC_KEY_FILE"):
        assert public[name] == internal[name], name

    # One Redis, a user and a key prefix for each tier, as deploy/redis/users.acl allows them;
    # the internal tier writes the public tier's frame version.
    def redis_user(url):
        parts = urlsplit(url)
        return parts.username, (parts.hostname, parts.port, parts.path)

    (public_user, public_server), (internal_user, internal_server) = (
        redis_user(public["REDIS_URL"]),
        redis_user(internal["REDIS_URL"]),
    )
    assert public_server == internal_server
    assert public["CACHE_KEY_PREFIX"] != internal["CACHE_KEY_PREFIX"]
    assert internal["PUBLIC_CACHE_KEY_PREFIX"] == public["CACHE_KEY_PREFIX"]
    acl = (ROOT / "deploy" / "redis" / "users.acl").read_text()
    assert f"user {public_user} on " in acl and f"~{public['CACHE_KEY_PREFIX']}:*" in acl
    assert f"user {internal_user} on " in acl
    assert f"%W~{public['CACHE_KEY_PREFIX']}:*" in acl
    for name in ("TRIAGE_DUE_URGENT_HOURS", "TRIAGE_DUE_NORMAL_DAYS", "MEDIA_ROOT", "VAR_DIR"):
        assert public[name] == internal[name], name

    def role(url):
        return re.match(r"postgres://([^:@/]+)[:@]", url).group(1)

    assert role(public["DATABASE_URL"]) == "cpvht_public"
    assert role(internal["DATABASE_URL"]) == "cpvht_internal"
    assert role(owner["DATABASE_URL"]) == "cpvht_owner"
    assert set(owner) == {"DATABASE_URL"}
    # gunicorn listens where nginx sends, and nginx's /media/images/ is MEDIA_ROOT's.
    for tier, env, bind in (
        ("public", public, "PUBLIC_BIND"),
        ("internal", internal, "INTERNAL_BIND"),
    ):
        conf = (NGINX / f"cpvht-{tier}.conf").read_text()
        assert re.search(rf"upstream cpvht_{tier} \{{\s*server {re.escape(env[bind])};", conf)
        assert f"alias {env['MEDIA_ROOT']}/images/;" in conf
        assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf


def test_the_public_example_names_no_private_key_or_passphrase():
    text = EXAMPLES["public"].read_text()
    for name in ("TRIAGE_PRIVATE_KEY_FILE", "TRIAGE_KEY_PASSPHRASE", "TRIAGE_KEY_PASSPHRASE_FILE"):
        assert name not in text
    assert "/etc/cpvht/private" not in text


def entropy(token):
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())


def test_no_example_holds_a_secret():
    for tier, path in EXAMPLES.items():
        values = assignments(path, commented=True)
        for name in SECRETS & set(values):
            assert values[name] == PLACEHOLDER, (tier, name)
        for name, value in values.items():
            password = re.match(r"postgres://[^:/@]+:([^@]*)@", value)
            if password:
                assert password.group(1) == PLACEHOLDER, (tier, name)
            # Nothing that looks generated: a long run of mixed-case letters and digits.
            for token in re.findall(r"[A-Za-z0-9_+-]{20,}", value):
                generated = all(re.search(c, token) for c in ("[a-z]", "[A-Z]", "[0-9]"))
                assert not (generated and entropy(token) > 3.5), (tier, name)
        assert "BEGIN" not in path.read_text()


def test_the_examples_are_read_the_same_by_systemd_and_cpvht_manage():
    """Plain NAME=value lines: no quotes, backslashes or $, which systemd would interpret."""
    for path in EXAMPLES.values():
        for line in path.read_text().splitlines():
            if line and not line.startswith("#"):
                assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\"'\\$]*", line), line


def production_settings(env, *code):
    """Imports config.settings.production in a fresh process with only `env`."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + "; ".join(code)],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def filled(path):
    """An example with every placeholder replaced, as an operator would."""
    env = {}
    for name, value in assignments(path).items():
        if value == PLACEHOLDER:
            value = secrets.token_urlsafe(64)
        env[name] = value.replace(f":{PLACEHOLDER}@", ":x@")
    return env


def test_an_example_left_unedited_does_not_start_and_a_filled_one_does():
    for tier in ("public", "internal"):
        unedited = production_settings(
            assignments(EXAMPLES[tier]), "from django.conf import settings; settings.SECRET_KEY"
        )
        assert unedited.returncode != 0 and "SECRET_KEY must be set" in unedited.stderr
        result = production_settings(
            filled(EXAMPLES[tier]),
            "from django.conf import settings as s",
            "print(s.SITE_ROLE, bool(s.TRIAGE_PRIVATE_KEY_FILE), s.DATABASES['default']['USER'])",
        )
        assert result.returncode == 0, result.stderr[-2000:]
        role, has_private_key, user = result.stdout.split()
        assert (role, has_private_key, user) == (
            (tier, "False", "cpvht_public")
            if tier == "public"
            else (tier, "True", "cpvht_internal")
        )


# --- cpvht-manage --------------------------------------------------------------------------------


@pytest.fixture
def manage_script(tmp_path):
    """cpvht-manage as installed, but reading env files from tmp_path and running this
    checkout as the current user (root: setpriv --init-groups needs it)."""
    if os.geteuid() != 0:
        pytest.skip("cpvht-manage switches users: run as root")
    text = MANAGE_SCRIPT.read_text()
    text = text.replace("ETC=/etc/cpvht", f"ETC={tmp_path}").replace(
        "ROOT=/srv/cpvht", f"ROOT={ROOT}"
    )
    text = re.sub(r"user=[a-z-]+ ", "user=root ", text)
    script = tmp_path / "cpvht-manage"
    script.write_text(text)
    script.chmod(0o700)
    for tier in ("public", "internal"):
        env = filled(EXAMPLES[tier])
        env["VAR_DIR"] = env["MEDIA_ROOT"] = str(tmp_path / "var")
        (tmp_path / f"{tier}.env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    (tmp_path / "owner.env").write_text("# the owner\nDATABASE_URL=postgres://cpvht_owner:x@h/db\n")
    return script


def run_manage(script, *args):
    return subprocess.run(
        [str(script), *args],
        env={"PATH": os.environ["PATH"], "CANARY_FROM_CALLER": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRINT = (
    "import os; from django.conf import settings as s; "
    "print('RESULT', s.SITE_ROLE, s.DATABASES['default']['USER'], "
    "'CANARY_FROM_CALLER' in os.environ)"
)


def test_cpvht_manage_runs_a_command_with_the_tiers_environment_and_nothing_else(manage_script):
    # (internal alone is the first half of owner: internal.env, then owner.env over it)
    for tier, expected in (
        ("public", "public cpvht_public False"),
        ("owner", "internal cpvht_owner False"),
    ):
        result = run_manage(manage_script, tier, "shell", "-c", PRINT)
        assert result.returncode == 0, result.stderr[-2000:]
        (line,) = [line for line in result.stdout.splitlines() if line.startswith("RESULT")]
        assert line == f"RESULT {expected}"


def test_cpvht_manage_refuses_a_value_systemd_would_read_differently(manage_script):
    env = manage_script.parent / "internal.env"
    env.write_text(env.read_text() + 'AUDIT_ANCHOR_KEY="quoted$secret"\n')
    result = run_manage(manage_script, "internal", "check")
    assert result.returncode == 1
    assert "AUDIT_ANCHOR_KEY" in result.stderr and "quoted" not in result.stderr
    assert run_manage(manage_script, "nobody", "check").returncode == 2
