"""Browser tests: Debian's Chromium, driven by Playwright, against the site served by a real
server process on its own database (PostgreSQL when DATABASE_URL names one, as in CI)."""

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# The flags Chromium needs on a machine with no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


class NeutralPage(BaseHTTPRequestHandler):
    """Stands in for the neutral site the quick exit opens (there is no internet here)."""

    def do_GET(self):
        body = b"<!doctype html><title>Weather</title><h1>Weather forecast</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()


def database_for_server(tmp_path):
    """A fresh database of the same kind as the tests' own."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'browser.sqlite3'}", None
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'cpvht'}_browser"
    admin = [
        "psql",
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
        "-q",
        "-c",
    ]
    subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run([*admin, f"CREATE DATABASE {name}"], check=True)
    return parts._replace(path=f"/{name}").geturl(), (admin, name)


class SiteURL(str):
    """The site's base URL, carrying the server's environment."""

    env: dict


def prepare_site(manage, env, tmp_path, neutral_site):
    """Keys, schema, demo content and the quick exit's neutral site, in the server's env."""
    # A triage key pair of its own, as a deployment has: the forms refuse without one.
    keys = tmp_path / "keys"
    env["TRIAGE_KEY_PASSPHRASE"] = "browser-test-passphrase"  # noqa: S105
    subprocess.run(
        [*manage, "generate_triage_keys", "--out", str(keys)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    public_key = next(keys.glob("*.pub"))
    env["TRIAGE_PUBLIC_KEY_FILE"] = str(public_key)
    env["TRIAGE_PRIVATE_KEY_FILE"] = str(public_key.with_suffix(".key"))
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from wagtail.models import Site; from core.models import ContactSettings; "
            "c = ContactSettings.for_site(Site.objects.get(is_default_site=True)); "
            f"c.quick_exit_url = '{neutral_site}'; c.save()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory, neutral_site):
    """Base URL of the running site, built from the demo content."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does it)")
    tmp_path = tmp_path_factory.mktemp("browser-site")
    database_url, dropper = database_for_server(tmp_path)
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        SITE_ROLE="all",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    prepare_site(manage, env, tmp_path, neutral_site)
    port = free_port()
    # Passkeys: a browser refuses an IP address as RP id, so they are used at localhost.
    env["WEBAUTHN_ALLOWED_ORIGINS"] = f"http://localhost:{port}"
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = SiteURL(f"http://127.0.0.1:{port}")
    try:
        wait_for(port, server, seconds=30)
        base.env = env  # for tests that run the server's management commands
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        if dropper:
            admin, name = dropper
            subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name}"], check=False)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A cheap phone: 360×640, touch, a fresh profile for every test."""
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desk(browser):
    """A staff member's desktop browser: 1280×900, a fresh profile for every test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
