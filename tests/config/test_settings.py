"""Production settings refuse to start without real secrets; roles mount only what they must."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import internal_tier

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Zq8-3vLm0Xw_7yTj2Rb9Nc4Hs6Fd1Ae5Gp0Uo"
FOLLOWUP_KEY = "f" * 20 + "Hs6Fd1Ae5Gp0UoZq8-3vLm0Xw_7yTj2Rb9Nc4"


def start_production(**env):
    """Import the production settings in a fresh interpreter, as a server process would."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "SITE_ROLE",
            "DJANGO_SETTINGS_MODULE",
            "RECAPTCHA_PUBLIC_KEY",
            "RECAPTCHA_PRIVATE_KEY",
            "RECAPTCHA_DISABLED",
            "INTAKE_TRUSTED_PROXY_COUNT",
            "WEBAUTHN_RP_ID",
            "WEBAUTHN_ALLOWED_ORIGINS",
            "FOLLOWUP_SECRET_KEY",
            "FOLLOWUP_SECRET_KEY_FILE",
        }
    }
    clean.update(FOLLOWUP_SECRET_KEY=FOLLOWUP_KEY)
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = start_production(ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("key", ["dev-only-not-secret", "short", "django-insecure-" + "x" * 60])
def test_production_refuses_a_placeholder_secret_key(key):
    result = start_production(SECRET_KEY=key, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", ["", "*"])
def test_production_refuses_to_start_without_allowed_hosts(hosts):
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS=hosts)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_the_development_role():
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org", SITE_ROLE="all")
    assert result.returncode != 0
    assert "SITE_ROLE" in result.stderr


def test_production_refuses_an_unknown_role():
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org", SITE_ROLE="both")
    assert result.returncode != 0
    assert "SITE_ROLE" in result.stderr


@pytest.mark.parametrize("role", ["public", "internal"])
def test_production_starts_with_real_settings(role):
    result = start_production(
        SECRET_KEY=GOOD_KEY,
        **{**internal_tier("example.org"), "SITE_ROLE": role},
        RECAPTCHA_PUBLIC_KEY="site-key",
        RECAPTCHA_PRIVATE_KEY="secret-key",
        INTAKE_TRUSTED_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_public_role_refuses_to_start_without_captcha_keys():
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org", SITE_ROLE="public")
    assert result.returncode != 0
    assert "RECAPTCHA" in result.stderr


def test_production_starts_without_captcha_only_when_disabled_explicitly():
    # And the public role starts without the passkey settings, which only staff sign in with.
    result = start_production(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.org",
        SITE_ROLE="public",
        RECAPTCHA_DISABLED="true",
        INTAKE_TRUSTED_PROXY_COUNT="0",
    )
    assert result.returncode == 0, result.stderr


def test_internal_role_needs_no_captcha_keys():
    result = start_production(SECRET_KEY=GOOD_KEY, **internal_tier("example.org"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("missing", "wrong"),
    [
        ("WEBAUTHN_RP_ID", {}),
        ("WEBAUTHN_ALLOWED_ORIGINS", {}),
        # Plain HTTP: a browser offers passkeys only to a secure origin.
        (None, {"WEBAUTHN_ALLOWED_ORIGINS": "http://staff.example.org"}),
        # An origin outside the RP id's domain: no passkey would ever be accepted from it.
        (None, {"WEBAUTHN_ALLOWED_ORIGINS": "https://staff.example.net"}),
        (None, {"WEBAUTHN_RP_ID": "https://staff.example.org"}),
    ],
)
def test_internal_role_refuses_to_start_without_its_passkey_relying_party(missing, wrong):
    """Without them the defaults (localhost) would start a staff tier on which no passkey can
    be registered or used: staff would find out at sign-in, not the operator at deployment."""
    env = {**internal_tier("staff.example.org"), **wrong}
    env.pop(missing, None)
    result = start_production(SECRET_KEY=GOOD_KEY, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "WEBAUTHN_" in result.stderr


PUBLIC_READY = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "example.org",
    "SITE_ROLE": "public",
    "RECAPTCHA_DISABLED": "true",
    "INTAKE_TRUSTED_PROXY_COUNT": "1",
}


@pytest.mark.parametrize("key", ["", "short", GOOD_KEY, "change-me" * 5])
def test_public_role_refuses_a_missing_short_reused_or_placeholder_followup_key(key):
    result = start_production(**PUBLIC_READY, FOLLOWUP_SECRET_KEY=key)
    assert result.returncode != 0
    assert "FOLLOWUP_SECRET_KEY" in result.stderr


def test_the_followup_key_may_come_from_a_file_and_the_internal_role_needs_none(tmp_path):
    key_file = tmp_path / "followup-secret-key"
    key_file.write_text(FOLLOWUP_KEY + "\n")
    result = start_production(
        **PUBLIC_READY, FOLLOWUP_SECRET_KEY="", FOLLOWUP_SECRET_KEY_FILE=str(key_file)
    )
    assert result.returncode == 0, result.stderr
    internal = start_production(
        SECRET_KEY=GOOD_KEY, FOLLOWUP_SECRET_KEY="", **internal_tier("example.org")
    )
    assert internal.returncode == 0, internal.stderr
