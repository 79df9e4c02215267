"""The admin as the Centre's staff meet it, in a real browser: no admin page asks another host
for anything (Gravatar was asked for every avatar, with a hash of the person's e-mail); the
triage screens' icons have the admin's size (an SVG without it is drawn 300×150); and a wrong
second-factor code is said where it is seen."""

import re
from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.test_triage import make_staff, manage, send_public_report

pytestmark = pytest.mark.browser

# The admin's icons are 1rem to 1.5rem; a missing size shows at the 300×150 of a bare <svg>.
ICON_MAX = 32


def sign_in(page, site, username, password, key, *, code=None):
    page.goto(site + "/admin/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/two-factor/verify/**")
    page.locator("input[name=code]").fill(code or f"{totp(bytes.fromhex(key)):06d}")
    page.locator("form.login-form button[type=submit]").click()
    if code is None:
        page.wait_for_url(lambda url: "/two-factor/" not in url)


def elsewhere(site, urls):
    """The requests that went to a host other than the site's own."""
    own = urlsplit(site).netloc
    return sorted(
        {
            url
            for url in urls
            if urlsplit(url).scheme not in ("data", "blob", "about")
            and urlsplit(url).netloc != own
        }
    )


def icon_sizes(locator):
    sizes = []
    for index in range(locator.count()):
        box = locator.nth(index).bounding_box()
        sizes.append((round(box["width"]), round(box["height"])))
    return sizes


def assert_icons_small(locator, what):
    sizes = icon_sizes(locator)
    assert sizes, f"no icon found: {what}"
    assert all(w <= ICON_MAX and h <= ICON_MAX for w, h in sizes), (what, sizes)


def recorded(browser):
    """A desktop browser context whose every request is written down in `.requests`, those the
    admin's Content-Security-Policy stopped included (the policy is a second line, not the
    reason the page may ask)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("requestfailed", lambda request: context.requests.append(request.url))
    return context


# What the page in view refers to for the browser to fetch: the policy may block a request
# before it shows as one, so the addresses are read from the page too.
REFERENCED = """() => Array.from(
    document.querySelectorAll("img, script[src], iframe[src], source, link[href], video, audio")
).flatMap((e) => [e.src, e.href, ...(e.srcset || "").split(",").map((s) => s.trim().split(" ")[0])])
 .filter((url) => typeof url === "string" && url)
 .map((url) => new URL(url, document.baseURI).href)"""


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.context.requests += page.evaluate(REFERENCED)


def with_email(site, username):
    """Staff have e-mail addresses: Wagtail asks Gravatar only for a user who has one."""
    result = manage(
        site,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.filter(username={username!r})"
        f".update(email={username + '@example.org'!r})",
    )
    assert result.returncode == 0, result.stderr


def staff_with_email(site, group):
    account = make_staff(site, group)
    with_email(site, account[0])
    return account


def test_triage_and_content_staff_pages_ask_no_other_host(site, phone, browser):
    reference = send_public_report(phone, site, "Browser canary: no other host, please.")
    requests = []

    # A member of the Triage group: the dashboard, the queue and a case.
    context = recorded(browser)
    page = context.new_page()
    sign_in(page, site, *staff_with_email(site, "Triage"))
    visit(page, site + "/admin/")
    visit(page, site + "/admin/referrals/queue/")
    # The table's link (the urgent notice above the table names the reference too).
    page.get_by_role("cell", name=reference).get_by_role("link").click()
    page.locator("#safe-contact-heading").wait_for()
    page.wait_for_load_state("networkidle")
    context.requests += page.evaluate(REFERENCED)
    requests += context.requests
    context.close()

    # A coordinator: the statistics.
    context = recorded(browser)
    page = context.new_page()
    sign_in(page, site, *staff_with_email(site, "Coordinator"))
    visit(page, site + "/admin/referrals/statistics/")
    requests += context.requests
    context.close()

    # An editor: the dashboard, the page explorer and the page editor.
    context = recorded(browser)
    page = context.new_page()
    sign_in(page, site, *staff_with_email(site, "Editor"))
    home_id = manage(
        site,
        "shell",
        "-c",
        "from wagtail.models import Site; "
        "print(Site.objects.get(is_default_site=True).root_page_id)",
    ).stdout.split()[-1]  # the last line: the shell may say what it imported first
    visit(page, site + "/admin/")
    visit(page, site + f"/admin/pages/{home_id}/")
    visit(page, site + f"/admin/pages/{home_id}/edit/")
    assert page.url.endswith(f"/pages/{home_id}/edit/"), page.url
    assert page.locator("#page-edit-form").count() == 1
    requests += context.requests
    context.close()

    assert any(url.startswith(site + "/static/") for url in requests)
    assert elsewhere(site, requests) == []


def test_triage_icons_have_the_admin_size(site, phone, desk):
    reference = send_public_report(phone, site, "Browser canary: icon sizes.")
    sign_in(desk, site, *make_staff(site, "Coordinator"))

    # The statistics: the CSV buttons show a small download sign, not a blank box.
    desk.goto(site + "/admin/referrals/statistics/")
    download = desk.get_by_role("link", name=re.compile("Download as CSV"))
    download.wait_for()
    assert_icons_small(download.locator("svg"), "Download as CSV")
    assert_icons_small(desk.locator("main svg.icon:visible"), "statistics")
    assert download.bounding_box()["height"] <= 3 * ICON_MAX

    # The case view: the safe-contact warning sign is the size of its heading's text.
    desk.goto(site + "/admin/referrals/queue/")
    desk.get_by_role("cell", name=reference).get_by_role("link").click()
    heading = desk.locator("#safe-contact-heading")
    heading.wait_for()
    assert_icons_small(heading.locator("svg"), "safe-contact heading")
    assert_icons_small(desk.locator("main svg.icon:visible"), "case view")
    assert heading.bounding_box()["height"] <= 3 * ICON_MAX


def test_a_wrong_second_factor_code_is_seen(site, desk):
    username, password, key = make_staff(site, "Triage")
    right = totp(bytes.fromhex(key))
    sign_in(desk, site, username, password, key, code=f"{(right + 1) % 10**6:06d}")
    message = desk.get_by_text("This code is not right or has expired")
    expect(message).to_be_visible()
    # After ten wrong codes the device pauses for 512 seconds: the screen says so, and when.
    paused = manage(
        site,
        "shell",
        "-c",
        "from django.utils import timezone; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"TOTPDevice.objects.filter(user__username={username!r}).update("
        "throttling_failure_count=10, throttling_failure_timestamp=timezone.now())",
    )
    assert paused.returncode == 0, paused.stderr
    desk.locator("input[name=code]").fill(f"{totp(bytes.fromhex(key)):06d}")
    desk.locator("form.login-form button[type=submit]").click()
    message = desk.get_by_text("Too many wrong codes")
    expect(message).to_be_visible()
    expect(message).to_contain_text(re.compile(r"Try again in (8|9) minutes, at \d\d:\d\d"))
