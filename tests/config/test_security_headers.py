"""The public role behind gunicorn with the production settings: its headers score 115 or more
by the HTTP Observatory's rules, and `check --deploy` has nothing to say."""

import http.client
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.config.observatory import score
from tests.servers import gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
HOST = "centar.example"


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        FOLLOWUP_SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=HOST,
        SITE_ROLE="public",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        RECAPTCHA_DISABLED="true",
        INTAKE_TRUSTED_PROXY_COUNT="0",
    )
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    # Redis, as production requires, so that a publish in another process reaches the server.
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/13")
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    tmp_path_factory.production_env = env
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    server, port = gunicorn(env, tmp_path / "gunicorn.log", workers=1)
    try:
        yield port
    finally:
        stop(server)


def fetch(port, path, https=True):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": HOST}
    if https:  # TLS ends at the proxy in front, which says so (SECURE_PROXY_SSL_HEADER)
        headers["X-Forwarded-Proto"] = "https"
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    return response, body


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/help/what-to-do/",
        "/plans-and-reports/work-plan-2021/",
        "/sr-latn/search/?q=centar",
        "/en/",
    ],
)
def test_public_pages_score_at_least_115(production_site, path):
    response, body = fetch(production_site, path)
    assert response.status == 200
    plain, _ = fetch(production_site, path, https=False)
    redirects = plain.status in (301, 302, 307, 308) and plain.getheader("Location", "").startswith(
        "https://"
    )
    total, results = score(
        dict(response.getheaders()),
        response.headers.get_all("Set-Cookie") or [],
        body,
        HOST,
        redirects,
    )
    assert total >= 115, (total, results)
    assert total <= 125


def test_production_headers_in_detail(production_site):
    response, _ = fetch(production_site, "/")
    csp = response.getheader("Content-Security-Policy")
    for directive in (
        "default-src 'none'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    max_age = int(
        response.getheader("Strict-Transport-Security").split("max-age=")[1].split(";")[0]
    )
    assert max_age >= 31536000
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")


def test_public_role_serves_no_admin_in_production(production_site):
    response, _ = fetch(production_site, "/admin/login/")
    assert response.status == 404


def test_the_score_drops_when_the_policy_allows_inline_script():
    headers = {
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "Strict-Transport-Security": "max-age=63072000",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    total, results = score(headers, [], "<script src='/static/x.js'></script>", HOST, True)
    assert results["content-security-policy"][1] == -20
    assert total < 115


def test_check_deploy_reports_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_public_pages_are_cached_and_publishing_refreshes_them(production_site, tmp_path_factory):
    first, body = fetch(production_site, "/about/")
    assert "max-age=300" in first.getheader("Cache-Control")
    assert "<h1>О Центру</h1>" in body
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from wagtail.models import Page; p = Page.objects.get(slug='about', "
            "locale__language_code='sr').specific; p.title = 'О Центру данас'; "
            "p.save_revision().publish()",
        ],
        cwd=ROOT,
        env=tmp_path_factory.production_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # Each worker reads the cache version at most once a second (config/middleware.py).
    for _ in range(30):
        _, body = fetch(production_site, "/about/")
        if "<h1>О Центру данас</h1>" in body:
            break
        time.sleep(0.1)
    assert "<h1>О Центру данас</h1>" in body


def test_search_results_are_never_stored(production_site):
    response, _ = fetch(production_site, "/search/?q=trgovina")
    assert "no-store" in response.getheader("Cache-Control")
