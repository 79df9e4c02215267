"""A member of staff at their desk in the admin, for the browser walk-through
(test_staff_walkthrough.py) and its English pass (test_english_walkthrough.py): a browser of
their own that writes down every request and reads every screen, sign-in with the second
factor, and the staff guides' screenshots, written only when GUIDE_SCREENSHOTS_DIR is set."""

import base64
import os
import re
import secrets
import struct
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.admin_text import latin_words
from tests.browser.conftest import ROOT
from tests.browser.test_admin_requests import REFERENCED, elsewhere
from tests.browser.test_triage import manage

SCREENSHOTS = os.environ.get("GUIDE_SCREENSHOTS_DIR")
VIEWPORT = {"width": 1280, "height": 800}
# The admin's icons are 1rem to 1.5rem; a missing size shows at the 300×150 of a bare <svg>.
ICON_MAX = 32
# Names of products, written in Latin letters in Serbian too: the second-factor set-up screen
# names authenticator apps.
PRODUCT_NAMES = ["FreeOTP", "Aegis", "Google", "Authenticator"]
# The date picker Wagtail bundles (jquery.datetimepicker) adds a "Save Selected" button, typed in
# English in the library, that it shows only for range selection, which Wagtail never turns on.
NEVER_SHOWN = re.compile(r"<button[^>]*xdsoft_save_selected[^>]*>.*?</button>", re.S)
# The multiplication sign of image sizes ("1200 × 630") lies in the Latin-1 range that
# tests/admin_text.py takes for letters.
SIGNS = ["×"]


def sr(message):
    """`message` as the Cyrillic admin says it (the project's and Wagtail's catalogues)."""
    with translation.override("sr"):
        return translation.gettext(message)


def shell(site, code):
    result = manage(site, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def status_of(site, path):
    try:
        with urllib.request.urlopen(site + path, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def png(width=480, height=320):
    """A small picture for the news item: a PNG of two bands, written by hand; its colours are
    new each time (Wagtail would offer to reuse an identical picture uploaded before)."""
    left, right = secrets.token_bytes(3), secrets.token_bytes(3)
    row = b"\x00" + left * (width // 2) + right * (width - width // 2)
    rows = row * height

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def screenshot(name, target, language="sr", **kwargs):
    """Write guide screenshot `name` of the guides in `language` from a page or an element,
    only when asked to."""
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    if not folder.is_absolute():
        folder = ROOT / folder
    folder = folder / language
    folder.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(folder / f"{name}.png"), **kwargs)


def serve_media_for_screenshots(route):
    """The test server runs with DEBUG off and so serves no media (nginx does in production):
    for the guides' screenshots, pictures are read from the server's media folder, a temporary
    folder of config/settings/test.py found by the (unique) file name."""
    relative = urlsplit(route.request.url).path.removeprefix("/media/")
    found = [path for path in Path(tempfile.gettempdir()).glob("cpvht-test-media-*/" + relative)]
    if found:
        route.fulfill(path=str(found[0]))
    else:
        route.continue_()


def form_screenshot(name, page, first, last, margin=24, language="sr"):
    """A long form from element `first` down to element `last`, right of the sidebar: the part a
    guide talks about (the window grows for it, as on a taller screen)."""
    if not SCREENSHOTS:
        return
    page.set_viewport_size({"width": VIEWPORT["width"], "height": 1400})
    # The editor scrolls inside its own panel, under a sticky header: bring the first field to
    # the middle, below that header.
    first.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(200)
    left = page.locator("main").bounding_box()["x"]
    top, bottom = first.bounding_box(), last.bounding_box()
    y = max(0, top["y"] - 2 * margin)
    clip = {
        "x": left,
        "y": y,
        "width": VIEWPORT["width"] - left,
        "height": min(1400 - y, bottom["y"] + bottom["height"] + margin - y),
    }
    screenshot(name, page, language, clip=clip)
    page.set_viewport_size(VIEWPORT)


class Desk:
    """One person at their desk: a browser of their own whose every request is written down,
    and who reads each admin screen they come to."""

    language = "sr"  # of the admin, and of the guides the screenshots are for

    def __init__(self, browser, site, *, allow=()):
        self.site = site
        self.context = browser.new_context(viewport=VIEWPORT)
        self.requests = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on("requestfailed", lambda request: self.requests.append(request.url))
        if SCREENSHOTS:
            self.context.route("**/media/**", serve_media_for_screenshots)
        self.page = self.context.new_page()
        self.allow = list(allow)
        self.latin = {}  # screen: its Latin words

    def read(self, screen):
        """Read the admin screen in view: what it asked for and what it says."""
        page = self.page
        page.wait_for_load_state("networkidle")
        self.requests += page.evaluate(REFERENCED)
        html = NEVER_SHOWN.sub("", page.content())
        words = latin_words(html, allow=[*self.allow, *SIGNS])
        if words:
            self.latin[screen] = sorted(words)

    def go(self, path, screen):
        self.page.goto(self.site + path)
        self.read(screen)

    def check(self):
        """No other host was asked, and every screen read was in Cyrillic."""
        assert elsewhere(self.site, self.requests) == []
        assert self.latin == {}, f"Latin words on Cyrillic admin screens: {self.latin}"

    def close(self):
        self.context.close()


# The last time step whose code each authenticator gave (django-otp refuses a code used before).
USED_STEP = {}


def code_of(secret):
    """The code a person types: the current one, or, when that was used already (the same person
    signing in again within the half minute), the next one, which django-otp accepts as one step
    of clock drift; past that, the person waits for the next code."""
    step = int(time.time() // 30)
    while USED_STEP.get(secret, -1) > step:
        time.sleep(1)
        step = int(time.time() // 30)
    drift = 1 if USED_STEP.get(secret) == step else 0
    USED_STEP[secret] = step + drift
    return f"{totp(secret, drift=drift):06d}"


def sign_in(desk, username, password, key):
    """Password, then the code of the person's authenticator (`key`: hex as django-otp stores
    it, or the raw secret)."""
    secret = key if isinstance(key, bytes) else bytes.fromhex(key)
    page = desk.page
    page.goto(desk.site + "/admin/")
    desk.read("sign-in")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/two-factor/verify/**")
    desk.read("second factor")
    page.locator("input[name=code]").fill(code_of(secret))
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)


def first_sign_in(desk, username, password):
    """A new member of staff: password, then the second factor set up from the key shown on
    the set-up screen (as typed into the app), a wrong code first."""
    page = desk.page
    page.goto(desk.site + "/admin/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/two-factor/setup/**")
    desk.read("second-factor set-up")
    typed = page.locator("main code").inner_text().replace(" ", "")
    secret = base64.b32decode(typed + "=" * (-len(typed) % 8))
    right = totp(secret)
    page.locator("input[name=code]").fill(f"{(right + 1) % 10**6:06d}")
    page.locator("form.login-form button[type=submit]").click()
    wrong = page.get_by_text(sr("This code is not right or has expired. Try the current one."))
    expect(wrong).to_be_visible()
    assert wrong.is_visible()
    desk.read("second-factor set-up, wrong code")
    # A person reads the message and types again; after a wrong code django-otp takes the next
    # one only a second later (and says so).
    page.wait_for_timeout(1500)
    page.locator("input[name=code]").fill(code_of(secret))
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    desk.read("first admin screen")
    return secret
