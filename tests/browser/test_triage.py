"""The staff side in a real browser: a report sent on the public form is found in the queue by a
member of the Triage group who signed in with a password and an authenticator code, opened,
taken, moved on and annotated; an editor signed in the same way sees no referral at all."""

import base64
import secrets
import subprocess
import sys

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import ROOT
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_forms import choose, reference_on

pytestmark = pytest.mark.browser


def manage(site, *args):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=dict(site.env, SITE_ROLE="internal"),
        capture_output=True,
        text=True,
    )
    return result


def make_staff(site, group, *, device=True):
    """A member of `group` on the server's database, with a password and a TOTP device whose
    key the test keeps, as the person's phone would."""
    username = f"{group.lower()}-{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(12)
    key = secrets.token_hex(20)
    script = (
        "from django.contrib.auth import get_user_model; from django.contrib.auth.models import "
        "Group; from django_otp.plugins.otp_totp.models import TOTPDevice; "
        "from wagtail.users.models import UserProfile; "
        f"u = get_user_model().objects.create_user({username!r}, password={password!r}); "
        f"u.groups.add(Group.objects.get(name={group!r})); "
        "p = UserProfile.get_for_user(u); p.preferred_language = 'en'; p.save(); "
        + (
            f"TOTPDevice.objects.create(user=u, name='phone', key={key!r}, confirmed=True)"
            if device
            else ""
        )
    )
    result = manage(site, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    return username, password, key


def sign_in(page, site, username, password, key):
    # Before sign-in the admin speaks the site's language (Serbian): find fields by name.
    page.goto(site + "/admin/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.login-form button[type=submit]").click()
    # The password alone opens nothing: the second-factor screen comes first, every time.
    page.wait_for_url("**/admin/two-factor/verify/**")
    assert serious_violations(page) == []  # the code screen, WCAG 2.2 AA
    page.goto(site + "/admin/referrals/queue/")
    assert "/admin/two-factor/verify/" in page.url
    page.locator("input[name=code]").fill(f"{totp(bytes.fromhex(key)):06d}")
    page.locator("form.login-form button[type=submit]").click()
    # Signed in once the code screen is left (the queue, or "No access" for an editor).
    page.wait_for_url(lambda url: "/two-factor/" not in url)


def send_public_report(page, site, text):
    page.goto(site + "/en/report/")
    choose(page, "Is someone in danger right now?", "Yes")
    choose(page, "Is a child (under 18) involved?", "No")
    page.get_by_label("What happened?").fill(text)
    choose(page, "Do you want the Centre to contact you?", "No, I want to stay anonymous")
    page.get_by_role("button", name="Send").click()
    return reference_on(page)


@pytest.fixture
def desk(browser):
    # bypass_csp lets the test inject axe-core; the pages themselves are unchanged.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_triage_finds_opens_takes_and_annotates_a_new_report(site, phone, desk):
    reference = send_public_report(phone, site, "Browser triage canary: a girl kept at a bar.")
    username, password, key = make_staff(site, "Triage")
    sign_in(desk, site, username, password, key)

    # The queue: the new, urgent report is listed (plaintext fields only) and stands out.
    desk.wait_for_url(site + "/admin/referrals/queue/")
    row = desk.locator("tr", has_text=reference)
    assert row.count() == 1
    assert "Urgent" in row.inner_text()
    assert "Browser triage canary" not in desk.content()
    assert serious_violations(desk) == []  # the queue, WCAG 2.2 AA

    row.get_by_role("link", name=reference).click()
    desk.get_by_role("heading", name="Answers").wait_for()
    assert "Browser triage canary: a girl kept at a bar." in desk.locator("main").inner_text()

    desk.get_by_role("button", name="Take this referral").click()
    # After each submit, wait for the next page rather than read the one being left.
    expect(desk.locator("body")).to_contain_text("You now handle this referral.")
    desk.get_by_label("Change status to").select_option(label="In assessment")
    desk.get_by_role("button", name="Change status").click()
    expect(desk.locator("body")).to_contain_text("Status changed.")
    desk.get_by_label("New note").fill("Called the social work centre; visit tomorrow.")
    desk.get_by_role("button", name="Save note").click()
    notes = desk.locator("section", has=desk.get_by_role("heading", name="Staff notes"))
    expect(notes).to_contain_text("Called the social work centre; visit tomorrow.")
    assert serious_violations(desk) == []  # the case view, WCAG 2.2 AA

    # The home panel counts it as the user's own now.
    desk.goto(site + "/admin/")
    assert "assigned to me, open" in desk.locator("main").inner_text()
    assert serious_violations(desk) == []  # the home page with the triage panel

    # Every decrypt was recorded and the chain still holds.
    verified = manage(site, "verify_audit_log")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_an_editor_sees_no_referral_anywhere(site, desk):
    username, password, key = make_staff(site, "Editor")
    sign_in(desk, site, username, password, key)
    # Sent on to the queue after the code, the editor is refused there, plainly.
    expect(desk.locator("body")).to_contain_text("No access")
    desk.goto(site + "/admin/")
    sidebar = desk.locator("body").inner_text()
    assert "Referrals" not in sidebar and "urgent, not yet answered" not in sidebar
    response = desk.goto(site + "/admin/referrals/statistics/")
    assert response.status == 403


def test_a_coordinator_reads_the_statistics_and_the_audit_log(site, desk):
    username, password, key = make_staff(site, "Coordinator")
    sign_in(desk, site, username, password, key)
    desk.goto(site + "/admin/referrals/statistics/")
    desk.get_by_role("heading", name="Referrals per month").first.wait_for()
    # The chart is an SVG drawn on the server, with the same figures in a table for
    # screen readers; no script draws it.
    assert desk.locator("svg[role=img]").count() >= 1
    assert serious_violations(desk) == []
    desk.goto(site + "/admin/referrals/audit-log/?verify=1")
    assert "The chain holds" in desk.locator("main").inner_text()
    assert serious_violations(desk) == []


def test_first_sign_in_sets_up_the_authenticator_app_from_the_typed_key(site, desk):
    username, password, _ = make_staff(site, "Triage", device=False)
    desk.goto(site + "/admin/")
    desk.locator("input[name=username]").fill(username)
    desk.locator("input[name=password]").fill(password)
    desk.locator("form.login-form button[type=submit]").click()
    desk.wait_for_url("**/admin/two-factor/setup/**")
    qr = desk.locator(".two-factor-qr svg")  # the QR code, drawn on the server
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150
    assert serious_violations(desk) == []
    # The person types the key shown under the QR code into their app.
    typed = desk.locator("main code").inner_text().replace(" ", "")
    secret = base64.b32decode(typed + "=" * (-len(typed) % 8))
    desk.locator("input[name=code]").fill(f"{totp(secret):06d}")
    desk.locator("form.login-form button[type=submit]").click()
    desk.wait_for_url(lambda url: "/two-factor/" not in url)
    desk.goto(site + "/admin/referrals/queue/")
    assert desk.url.endswith("/admin/referrals/queue/")
    assert "Referral queue" in desk.locator("body").inner_text()


def add_urgent_referral(site):
    """An urgent referral straight into the server's database (coarse fields only: the queue
    and the poll never decrypt), as a second arrival without another form submission."""
    number = secrets.randbelow(9000) + 1000
    script = (
        "from django.utils import timezone; from referrals.choices import Priority; "
        "from tests.referrals.support import referral_row; "
        f"referral_row({number}, priority=Priority.URGENT, received_at=timezone.now()).save()"
    )
    result = manage(site, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    return f"CZ-{number:04d}-TEST"


def test_a_new_urgent_referral_appears_on_the_open_queue_and_home_page(site, phone, browser):
    username, password, key = make_staff(site, "Triage")
    # No bypass_csp here: the admin's own policy applies, as for staff.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # The page's timers run when the test says so: no half-minute wait for the next poll.
    context.clock.install()
    desk = context.new_page()
    violations = []
    desk.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    sign_in(desk, site, username, password, key)
    desk.wait_for_url(site + "/admin/referrals/queue/")

    def arrives_without_reload(reference):
        desk.evaluate("window.openedOnce = true")  # gone if the page were reloaded
        notice = desk.locator(".referral-urgent-notice")
        assert reference not in notice.inner_text()
        desk.clock.fast_forward(31_000)  # the next poll (each due timer fires once)
        expect(notice.locator("[data-urgent-list]")).to_contain_text(reference)
        # Said to screen readers, and marked in words, not by colour alone.
        expect(notice.locator("[data-urgent-live]")).to_have_text(
            f"New urgent referral: {reference}"
        )
        assert "New" in notice.locator(f"[data-reference='{reference}']").inner_text()
        assert desk.evaluate("window.openedOnce") is True

    # The open queue: a report sent on the public form announces itself.
    reference = send_public_report(phone, site, "Browser urgent canary: someone is locked in.")
    arrives_without_reload(reference)
    assert "Browser urgent canary" not in desk.content()
    count = desk.locator("[data-urgent-count]")
    assert count.inner_text().isdigit() and int(count.inner_text()) >= 1

    # The home page: the figures as loaded, then the next arrival without a reload.
    desk.goto(site + "/admin/")
    expect(desk.locator(".referral-urgent-notice")).to_contain_text(reference)
    before = int(desk.locator("[data-urgent-count]").inner_text())
    arrives_without_reload(add_urgent_referral(site))
    assert int(desk.locator("[data-urgent-count]").inner_text()) == before + 1
    assert violations == []
    context.close()
