"""Passkeys in Chromium with a virtual authenticator (the DevTools protocol's WebAuthn domain,
through Playwright's CDP session): a triage member registers a passkey from their account,
signs out, signs in with the password and the passkey, opens the queue and adds a second
authenticator app from their account; on a server with STAFF_SECOND_FACTOR=passkey the same
member cannot get in with the app code alone. The pages
run under the admin's strict policy: no Content-Security-Policy violation is reported.

A browser refuses an IP address as RP id, so the site is opened at localhost here."""

import base64
import subprocess
import sys
import time
import urllib.request

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, free_port
from tests.browser.test_triage import make_staff

pytestmark = pytest.mark.browser
QUEUE = "/admin/referrals/queue/"


def local(site):
    return str(site).replace("127.0.0.1", "localhost")


@pytest.fixture
def passkey_page(browser):
    """A desktop browser with a passkey authenticator built in (user verification on), and the
    policy violations it reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    page.csp_errors = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text
        and page.csp_errors.append(message.text),
    )
    yield page
    context.close()


def password(page, base, username, secret):
    page.goto(base + "/admin/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(secret)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/two-factor/verify/**")


def app_code(page, key):
    page.locator("input[name=code]").fill(f"{totp(bytes.fromhex(key)):06d}")
    page.locator("form.login-form button[type=submit]").click()


def sign_out(page, base):
    # The second-factor screen has a sign-out button for a signed-in session, too.
    page.goto(base + "/admin/two-factor/verify/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/admin/login/**")


def add_an_app_later(page, base):
    """From the account's page, with the key typed as the page shows it (no QR scanner here)."""
    page.goto(base + "/admin/account/second-factor/")
    page.get_by_role("link", name="Add an authenticator app").click()
    shown = page.locator("ol li code").inner_text().replace(" ", "")
    added = base64.b32decode(shown + "=" * (-len(shown) % 8))
    page.locator("input[name=code]").fill(f"{totp(added):06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("The authenticator app was added.")).to_be_visible()
    # The app of the first sign-in and the new one (the kind's cells, not the names').
    expect(page.get_by_role("cell", name="Authenticator app", exact=True)).to_have_count(2)


@pytest.fixture
def passkey_policy_site(site):
    """A second server on the same database, with STAFF_SECOND_FACTOR=passkey."""
    port = free_port()
    env = dict(
        site.env, STAFF_SECOND_FACTOR="passkey", WEBAUTHN_ALLOWED_ORIGINS=f"http://localhost:{port}"
    )
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://localhost:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_triage_member_signs_in_with_a_passkey(site, passkey_page, passkey_policy_site):
    page, base = passkey_page, local(site)
    username, secret, key = make_staff(site, "Triage")
    password(page, base, username, secret)
    app_code(page, key)
    page.wait_for_url(lambda url: "/two-factor/" not in url)

    page.goto(base + "/admin/account/second-factor/")
    page.locator("#passkey-register-button").click()
    expect(page.get_by_role("cell", name="Passkey or security key")).to_be_visible()
    page.goto(base + "/admin/account/second-factor/recovery-codes/")
    expect(page.locator("ol.recovery-codes li")).to_have_count(10)
    sign_out(page, base)

    password(page, base, username, secret)
    page.locator("#passkey-verification-button").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    page.goto(base + QUEUE)
    assert page.url.endswith(QUEUE)
    expect(page.locator("h1")).to_be_visible()
    add_an_app_later(page, base)
    assert page.csp_errors == []
    sign_out(page, base)

    # The same member, where a passkey is required: the app code alone opens nothing.
    time.sleep(1)
    password(page, passkey_policy_site, username, secret)
    expect(page.locator("input[name=code]")).to_be_visible()
    app_code(page, key)
    expect(page.get_by_role("alert")).to_contain_text("This code is not right")
    page.goto(passkey_policy_site + QUEUE)
    assert "/admin/two-factor/verify/" in page.url
    page.locator("#passkey-verification-button").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    page.goto(passkey_policy_site + QUEUE)
    assert page.url.endswith(QUEUE)
    assert page.csp_errors == []
