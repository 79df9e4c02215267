"""The admin runs under its own Content-Security-Policy (users/admin_csp.py) and the staff walk
through everything they do without the browser refusing a single script, style, image, frame
or request: sign-in, second factor, queue, case, note, statistics, and a news page edited with
its StreamField and image chooser (docs/triage.md, "Admin Content-Security-Policy")."""

import io
import secrets

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.test_triage import manage, send_public_report

pytestmark = pytest.mark.browser

# Every violation is reported to the document it happened in (frames included) and kept there
# until the next navigation; the test reads it before each one.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__csp.push([event.violatedDirective, event.blockedURI, event.sourceFile,
                     event.lineNumber, event.sample].join(' | '));
});
"""


class Violations:
    """What the pages of one browser context reported, read before each navigation; the
    console's "Refused to..." lines catch any reported while a page was being left."""

    def __init__(self, page):
        self.page = page
        self.found = []
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.found.append(f"console: {message.text}")

    def collect(self, where):
        for frame in self.page.frames:
            try:
                reported = frame.evaluate("window.__csp || []")
            except Exception:  # noqa: BLE001, S112 - a frame that went away reports nothing
                continue
            self.found.extend(f"{where}: {line}" for line in reported)
            frame.evaluate("window.__csp = []")


def make_superuser(site):
    """A superuser (queue and page editor alike) with the authenticator key the test keeps."""
    username = f"chief-{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(12)
    key = secrets.token_hex(20)
    script = (
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        "from wagtail.users.models import UserProfile; "
        f"u = get_user_model().objects.create_superuser({username!r}, password={password!r}); "
        "p = UserProfile.get_for_user(u); p.preferred_language = 'en'; p.save(); "
        f"TOTPDevice.objects.create(user=u, name='phone', key={key!r}, confirmed=True)"
    )
    result = manage(site, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    return username, password, key


def small_png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def news_page_id(site):
    result = manage(
        site,
        "shell",
        "-c",
        "from news.models import NewsPage; "
        "print(NewsPage.objects.filter(locale__language_code='sr').first().pk)",
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def strict_desk(browser):
    """A desk browser that enforces the pages' policies (no bypass_csp, no injected axe)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    yield page
    context.close()


def test_the_admin_sends_its_own_strict_policy(site, strict_desk):
    response = strict_desk.goto(site + "/admin/login/")
    policy = response.headers["content-security-policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-eval'" not in policy
    # The sign-in page runs no inline script at all (users/admin_csp.py).
    assert directives["script-src"] == "'self'"
    # Nothing from another origin: only 'self', data:/blob: images and keywords.
    for sources in directives.values():
        for source in sources.split():
            assert source.startswith("'") or source in ("data:", "blob:"), source


def sign_in(desk, seen, site, username, password, key):
    """Password, then second factor, reading the violations of each screen."""
    desk.goto(site + "/admin/")
    desk.locator("input[name=username]").fill(username)
    desk.locator("input[name=password]").fill(password)
    seen.collect("sign-in")
    desk.locator("form.login-form button[type=submit]").click()
    desk.wait_for_url("**/admin/two-factor/verify/**")
    desk.locator("input[name=code]").fill(f"{totp(bytes.fromhex(key)):06d}")
    seen.collect("second factor")
    desk.locator("form.login-form button[type=submit]").click()
    desk.wait_for_url(lambda url: "/two-factor/" not in url)


def edit_a_news_page(desk, seen, site):
    # A news page: its StreamField body gets a new paragraph, its image comes from the chooser
    # (uploaded there: the demo's own image files live in another process's media folder).
    desk.goto(site + f"/admin/pages/{news_page_id(site)}/edit/")
    body = desk.locator("[data-contentpath=body]").first
    body.locator("button[title='Insert a block']").last.click()
    desk.get_by_role("option", name="Paragraph").first.click()
    editor = body.locator(".public-DraftEditor-content").last
    editor.click()
    editor.type("Added under the admin's policy.")
    seen.collect("editor, StreamField")
    desk.locator("#id_image-chooser .unchosen button").click()
    modal = desk.locator(".modal-content")
    modal.locator("#tab-label-upload").click()
    modal.locator("input[type=file]").set_input_files(
        {"name": "red.png", "mimeType": "image/png", "buffer": small_png()}
    )
    # The title is filled in from the file name by the modal's script.
    expect(modal.locator("#id_image-chooser-upload-title")).to_have_value("red")
    modal.locator("#tab-upload [type=submit]").first.click()
    expect(desk.locator("#id_image-title")).to_have_text("red", timeout=15_000)
    seen.collect("image chooser")
    desk.get_by_role("button", name="Save draft").click()
    expect(desk.locator(".messages")).to_contain_text("has been updated")
    seen.collect("saved")


def test_the_staff_walk_through_raises_no_policy_violation(site, phone, strict_desk):
    desk = strict_desk
    seen = Violations(desk)
    reference = send_public_report(phone, site, "Admin policy canary: a boy made to beg.")
    username, password, key = make_superuser(site)

    sign_in(desk, seen, site, username, password, key)

    desk.goto(site + "/admin/")
    expect(desk.locator("main")).to_be_visible()
    seen.collect("dashboard")

    desk.goto(site + "/admin/referrals/queue/")
    row = desk.locator("tr", has_text=reference)
    expect(row).to_have_count(1)
    seen.collect("queue")
    row.get_by_role("link", name=reference).click()
    desk.get_by_role("heading", name="Answers").wait_for()
    seen.collect("case")
    desk.get_by_role("button", name="Take this referral").click()
    expect(desk.locator("body")).to_contain_text("You now handle this referral.")
    seen.collect("take")
    desk.get_by_label("New note").fill("Admin policy canary note.")
    desk.get_by_role("button", name="Save note").click()
    expect(desk.locator("body")).to_contain_text("Admin policy canary note.")
    seen.collect("note")

    desk.goto(site + "/admin/referrals/statistics/")
    desk.get_by_role("heading", name="Referrals per month").first.wait_for()
    seen.collect("statistics")

    edit_a_news_page(desk, seen, site)

    assert seen.found == []
