"""What the deployment tests read: where the deployment files are, what the environment must
and must not hold, and readers of env files, of the settings' variables and of systemd units
(tests/deploy/test_deploy_files.py, tests/deploy/test_env_examples.py)."""

import ast
import re
import shutil
from pathlib import Path

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
    "PYTEST_XDIST_WORKER": "set by pytest-xdist in a test worker, read by the test settings only",
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
    "cpvht-draft-statistical-report": ("draft_statistical_report", "*-*-01 06:00:00"),
}
# The nightly backup, a script rather than a manage.py command (docs/operations.md).
BACKUP_UNIT, BACKUP_SCHEDULE = "cpvht-backup", "*-*-* 02:30:00"
SECRETS = {
    "SECRET_KEY",
    "AUDIT_ANCHOR_KEY",
    "RATE_LIMIT_KEY",
    "FOLLOWUP_SECRET_KEY",
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
