"""The environment examples (deploy/env) as an operator fills them in, checked against the
settings that read the environment and the nginx server blocks they must agree with, and
cpvht-manage (deploy/bin), which reads them the way systemd does."""

import math
import os
import re
import secrets
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.deploy.deploy_files import (
    BACKUP_SCRIPT,
    EXAMPLES,
    MANAGE_SCRIPT,
    NGINX,
    NOT_FOR_PRODUCTION,
    PLACEHOLDER,
    READ_BY_COMMANDS,
    ROOT,
    SECRETS,
    UNITS,
    assignments,
    settings_variables,
    unit_files,
    unit_values,
)

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
