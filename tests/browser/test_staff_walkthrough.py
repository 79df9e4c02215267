"""The admin as the Centre's staff meet it on their first day (issue 21, "Done when"), in a real
browser and in the admin's default language, Serbian Cyrillic:

1. an administrator adds a triage worker and an editor under Users → Add user; each signs in for
   the first time with a password and sets up the second factor, a wrong code first;
2. the triage worker reads the queue (urgent first), opens a case, takes it, changes its status,
   adds a note and reads the case history in words;
3. the editor writes a news item with an image, saves a draft and submits it to the "Објава"
   workflow; a moderator approves it and it is live in Cyrillic and in Latin; the editor starts
   an English translation, which stays off the public site until a moderator publishes it;
4. the editor copies last year's campaign for this year.

On every admin screen of the walk no request leaves for another host and no word is in Latin
letters (tests/admin_text.py).

The walk also makes the screenshots of the staff guides (users/guides.py): with
GUIDE_SCREENSHOTS_DIR set (to static/guides/sr) it writes them there; without it, as in CI, it
writes nothing.
"""

import base64
import json
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

import pytest
from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.admin_text import latin_words
from tests.browser.conftest import ROOT
from tests.browser.test_admin_requests import REFERENCED, elsewhere
from tests.browser.test_triage import manage

pytestmark = pytest.mark.browser

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
# Typed in English in wagtail-localize's compiled script, without gettext, so no catalogue can
# translate them (known, left to an upstream fix or an override of the translation editor):
# the heading "Српски to English translation" and the hidden name of the footer's arrow.
UNTRANSLATABLE = re.compile(r"(?<=>)\s*(\S+ to \S+ translation|More actions)\s*(?=<)")
# Names stored in the database in English, not strings of the code: the root page's title, shown
# as the first breadcrumb (to rename in a data migration, the lead's call; see
# tests/users/test_admin_language.py::test_stored_names_are_in_cyrillic).
STORED_NAMES = ["Root"]
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


def screenshot(name, target, **kwargs):
    """Write guide screenshot `name` from a page or an element, only when asked to."""
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    if not folder.is_absolute():
        folder = ROOT / folder
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


def form_screenshot(name, page, first, last, margin=24):
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
    screenshot(name, page, clip=clip)
    page.set_viewport_size(VIEWPORT)


class Desk:
    """One person at their desk: a browser of their own whose every request is written down,
    and who reads each admin screen they come to."""

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
        html = UNTRANSLATABLE.sub("", NEVER_SHOWN.sub("", page.content()))
        words = latin_words(html, allow=[*self.allow, *STORED_NAMES, *SIGNS])
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


@pytest.fixture(scope="module")
def crew(site):
    """The administrator (a superuser) and a moderator the Centre already has, both with an
    authenticator set up and no language chosen: their admin is in Serbian Cyrillic."""
    people = {}
    for role, group, superuser in (("admin", None, True), ("moderator", "Moderator", False)):
        username = f"{role}-{secrets.token_hex(2)}"
        key = shell(
            site,
            "from tests.staff import make_staff; "
            f"u = make_staff({group!r}, {username!r}, superuser={superuser}); "
            "u.first_name, u.last_name = "
            + ("'Ана', 'Анић'; " if superuser else "'Милош', 'Милошевић'; ")
            + f"u.email = {username + '@example.org'!r}; u.save(); "
            "p = u.wagtail_userprofile; p.preferred_language = ''; p.save(); "
            "print(u.totpdevice_set.get().key)",
        )
        from tests.staff import PASSWORD

        people[role] = (username, PASSWORD, key)
    return people


# The new staff, added by the administrator in the first test and used by the others.
NEWCOMERS = {
    "triage": {
        "username": f"marija-{secrets.token_hex(2)}",
        "first_name": "Марија",
        "last_name": "Петровић",
        "role": "Triage",
    },
    "editor": {
        "username": f"jovana-{secrets.token_hex(2)}",
        "first_name": "Јована",
        "last_name": "Ђорђевић",
        "role": "Editor",
    },
}


def content_titles(site):
    """Titles of content, shown as they were typed: images, documents and the English pages (the
    translation editor's breadcrumb is in the page's language)."""
    return shell(
        site,
        "from wagtail.images.models import Image; from wagtail.documents.models import Document; "
        "from wagtail.models import Page; import json; print(json.dumps("
        "[*Image.objects.values_list('title', flat=True), "
        "*Document.objects.values_list('title', flat=True), "
        "*Page.objects.filter(locale__language_code='en').values_list('title', flat=True)]))",
    )


def usernames(site):
    """Every username and person's name on the server: usernames are codes a person chose, and
    names are written as their owners write them (other tests on this server add staff with
    Latin names); both are shown as typed."""
    return shell(
        site,
        "from django.contrib.auth import get_user_model; "
        "print(' '.join(' '.join(fields) for fields in get_user_model().objects.values_list("
        "'username', 'first_name', 'last_name')))",
    ).split() + [person["username"] for person in NEWCOMERS.values()]


def test_the_administrator_adds_staff_who_set_up_their_second_factor(site, browser, crew):
    admin = Desk(browser, site, allow=usernames(site))
    sign_in(admin, *crew["admin"])
    admin.read("dashboard")
    for person in NEWCOMERS.values():
        person["password"] = secrets.token_urlsafe(12)
        admin.go("/admin/users/", "users")
        admin.page.locator("a[href$='/admin/users/new/']").first.click()
        admin.page.wait_for_url("**/admin/users/new/")
        admin.read("add user")
        page = admin.page
        page.locator("#id_username").fill(person["username"])
        page.locator("#id_email").fill(person["username"] + "@example.org")
        page.locator("#id_first_name").fill(person["first_name"])
        page.locator("#id_last_name").fill(person["last_name"])
        page.locator("#id_password1").fill(person["password"])
        page.locator("#id_password2").fill(person["password"])
        # The Roles tab: each group by its Cyrillic name, with what it allows.
        page.locator("#tab-label-roles").click()
        page.get_by_label(sr(person["role"]), exact=True).check()
        admin.read("add user, roles")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/admin/users/")
        expect(page.locator(".messages")).to_contain_text(person["username"])
        admin.read("users, after adding")
    admin.check()
    admin.close()

    for person in NEWCOMERS.values():
        desk = Desk(browser, site, allow=[*usernames(site), *PRODUCT_NAMES])
        person["secret"] = first_sign_in(desk, person["username"], person["password"])
        desk.check()
        desk.close()


def send_report_with_safe_contact_wishes(browser, site, text):
    """An urgent report on the public form (Cyrillic), from someone who may be contacted only
    in some ways and at some times."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    phone = context.new_page()
    phone.goto(site + "/en/report/")
    phone.locator("#id_danger_now_0").check()  # yes
    phone.locator("#id_child_involved_1").check()  # no
    phone.locator("#id_what_happened").fill(text)
    phone.locator("#id_wants_contact_1").check()  # yes, the Centre may contact me
    phone.locator("#id_contact_name").fill("Сестра")
    phone.locator("#id_contact_phone").fill("+381 60 123 4567")
    phone.locator("#id_safe_channels_1").check()  # text message
    phone.locator("#id_safe_times").fill("радним данима после 18 часова")
    phone.locator("#id_never_use").fill("кућни телефон")
    phone.locator("form button[type=submit]").last.click()
    reference = phone.locator(".receipt__code").first.inner_text().strip()
    context.close()
    return reference


def add_normal_referral(site):
    """A referral of normal priority received yesterday, straight into the server's database."""
    number = secrets.randbelow(9000) + 1000
    shell(
        site,
        "import datetime; from django.utils import timezone; "
        "from tests.referrals.support import referral_row; "
        f"referral_row({number}, received_at=timezone.now() - datetime.timedelta(days=1)).save()",
    )
    return f"CZ-{number:04d}-TEST"


def test_the_triage_worker_handles_an_urgent_case(site, browser, crew):
    person = NEWCOMERS["triage"]
    assert "secret" in person, "the administrator's test added this person"
    normal = add_normal_referral(site)
    urgent = send_report_with_safe_contact_wishes(
        browser, site, "Сестра ради у кафани и не пуштају је кући."
    )
    desk = Desk(browser, site, allow=usernames(site))
    page = desk.page
    sign_in(desk, person["username"], person["password"], person["secret"])
    desk.read("home")

    # The queue: the urgent referral first, though the other came a day earlier.
    desk.go("/admin/referrals/queue/", "queue")
    references = page.locator("main tbody tr").all_inner_texts()
    order = [next(i for i, row in enumerate(references) if ref in row) for ref in (urgent, normal)]
    assert order[0] < order[1], references
    screenshot("triage-queue", page, clip={"x": 0, "y": 0, **VIEWPORT})

    # The case: safe contact first, its warning sign at the size of the heading's text.
    page.locator("main tbody tr", has_text=urgent).get_by_role("link", name=urgent).click()
    heading = page.locator("#safe-contact-heading")
    heading.wait_for()
    desk.read("case")
    icon = heading.locator("svg").bounding_box()
    assert icon["width"] <= ICON_MAX and icon["height"] <= ICON_MAX, icon
    assert icon["height"] <= heading.bounding_box()["height"], (icon, heading.bounding_box())
    assert "радним данима после 18 часова" in page.locator(".referral-safe-contact").inner_text()
    screenshot("triage-safe-contact", page.locator(".referral-safe-contact"))

    # Taken, moved on, annotated.
    page.locator("form:has(input[name=action][value=claim]) button").click()
    expect(page.locator("body")).to_contain_text(sr("You now handle this referral."))
    desk.read("case, taken")
    page.locator("#id_status").select_option(label=sr("In assessment"))
    page.locator("form:has(input[name=action][value=status]) button").click()
    expect(page.locator("body")).to_contain_text(sr("Status changed."))
    desk.read("case, status changed")
    note = "Позвати сестру у уторак после 18 часова, СМС-ом."
    page.locator("form:has(input[name=action][value=note]) textarea").fill(note)
    page.locator("form:has(input[name=action][value=note]) button").click()
    expect(page.locator(".referral-note").last).to_contain_text(note)
    desk.read("case, note added")

    # The history in words, with the person's name.
    history = page.locator(".referral-history").inner_text()
    for said in (sr("Took the referral"), sr("Added a note")):
        assert said in history, history
    assert "Марија Петровић" in history, history
    assert not re.search(r"referral\.|note\.|in_assessment", history), history
    desk.check()
    desk.close()


def news_index_id(site):
    return shell(
        site,
        "from news.models import NewsIndexPage; "
        "print(NewsIndexPage.objects.get(locale__language_code='sr').pk)",
    )


def page_urls(site, page_id):
    """The public paths of a page in its three languages ('-' for none yet)."""
    return dict(
        pair.split("=")
        for pair in shell(
            site,
            "from wagtail.models import Page; p = Page.objects.get(pk=" + str(page_id) + "); "
            "print(' '.join(f'{t.locale.language_code}={t.specific.url or \"-\"}' "
            "for t in p.get_translations(inclusive=True)))",
        ).split()
    )


def footer_action(page, selector):
    """A button of the page editor's footer menu, opened from the arrow beside Save draft."""
    button = page.locator(f"footer {selector}")
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    return button


def test_the_editors_news_item_goes_through_moderation_and_translation(
    site, browser, crew, tmp_path
):
    person = NEWCOMERS["editor"]
    assert "secret" in person, "the administrator's test added this person"
    title = f"Обука за социјалне раднике {secrets.randbelow(1000)}"
    picture = tmp_path / f"obuka-{secrets.token_hex(3)}.png"
    picture.write_bytes(png())

    editor = Desk(browser, site, allow=[*usernames(site), *json.loads(content_titles(site))])
    page = editor.page
    sign_in(editor, person["username"], person["password"], person["secret"])
    editor.read("home")
    editor.go(f"/admin/pages/{news_index_id(site)}/", "news in the explorer")
    page.locator("header a[href*='/add_subpage/']").first.click()
    page.wait_for_url("**/admin/pages/add/news/newspage/**")
    editor.read("new news item")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Центар је одржао обуку о препознавању трговине људима.")
    # The image: uploaded in the chooser, then described.
    page.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    editor.read("image chooser")
    modal.locator("a[href='#tab-upload'], #tab-label-upload").first.click()
    modal.locator("input[type=file]").set_input_files(str(picture))
    modal.locator("input[name='image-chooser-upload-title']").fill("Обука у Центру")
    modal.locator("form button[type=submit]").last.click()
    expect(page.locator(".modal-dialog")).to_have_count(0)
    page.locator("#id_image_alt").fill("Социјални радници за столом у сали Центра.")
    editor.read("news item filled in")
    form_screenshot(
        "publishing-news-editor", page, page.locator("#id_title"), page.locator("#id_image_alt")
    )

    page.locator("footer button.action-save").click()
    page.wait_for_url("**/edit/")
    editor.read("news item, draft saved")
    page_id = re.search(r"/pages/(\d+)/edit/", page.url).group(1)
    # The slug, made from the title in Latin letters, is part of an address: a code.
    editor.allow.append(page.locator("#id_slug").input_value())
    footer_action(page, "button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(title)
    editor.read("news item, submitted")
    # Submitted is not published: the public site does not have it yet.
    assert status_of(site, page_urls(site, page_id)["sr"]) == 404

    # The moderator finds it on the dashboard and approves it: live in Cyrillic and Latin.
    moderator = Desk(browser, site, allow=usernames(site))
    sign_in(moderator, *crew["moderator"])
    moderator.read("moderator's home")
    moderator.page.locator("main a[href$='/admin/pages/" + page_id + "/edit/']").first.click()
    moderator.page.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    moderator.read("news item, in moderation")
    approve = "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    footer_action(moderator.page, approve).click()
    expect(moderator.page.locator(".messages")).to_contain_text(title)
    moderator.read("news item, approved")
    urls = page_urls(site, page_id)
    assert status_of(site, urls["sr"]) == 200, urls
    assert status_of(site, urls["sr-latn"]) == 200, urls
    assert urls["sr-latn"].startswith("/sr-latn/"), urls

    # The editor starts an English translation: a draft, not on the public site.
    editor.go(f"/admin/localize/submit/page/{page_id}/", "translate this page")
    editor.page.get_by_label(sr("English"), exact=True).check()
    editor.page.locator("main form [type=submit]").first.click()
    editor.page.wait_for_url("**/admin/pages/*/edit/")
    editor.read("translation editor")
    # Only someone with the right publishes: the editor's translation editor offers no publish.
    assert sr("Publish") not in editor.page.locator("footer").inner_text()
    screenshot("translations-editor", editor.page, clip={"x": 0, "y": 0, **VIEWPORT})
    english = page_urls(site, page_id)["en"]
    assert status_of(site, english) == 404, english

    editor.check()
    moderator.check()
    editor.close()
    moderator.close()


def test_the_editor_copies_last_years_campaign(site, browser, crew):
    person = NEWCOMERS["editor"]
    assert "secret" in person, "the administrator's test added this person"
    campaign_id, year = shell(
        site,
        "from campaigns.models import CampaignPage; c = CampaignPage.objects.filter("
        "locale__language_code='sr', observance='world-day').order_by('-year').first(); "
        "print(c.pk, c.year)",
    ).split()
    next_year = int(year) + 1
    editor = Desk(browser, site, allow=[*usernames(site), *json.loads(content_titles(site))])
    page = editor.page
    sign_in(editor, person["username"], person["password"], person["secret"])
    editor.go(f"/admin/pages/{campaign_id}/copy/", "copy a page")
    page.locator("#id_new_title").fill(f"Светски дан борбе против трговине људима {next_year}")
    page.locator("#id_new_slug").fill(f"svetski-dan-{next_year}")
    editor.allow.append(f"svetski-dan-{next_year}")
    page.locator("main form [type=submit]").first.click()
    # The next screen reminds the editor what the copy still has of last year's page.
    expect(page.locator(".messages")).to_contain_text(
        sr(
            "The copy still has the year, the events and the images of the page it was "
            "copied from: set the new year, change or remove the events and replace the hero "
            "and share images before publishing it."
        )
    )
    editor.read("after the copy")
    copy_id = shell(
        site,
        "from campaigns.models import CampaignPage; "
        f"print(CampaignPage.objects.get(slug='svetski-dan-{next_year}', "
        "locale__language_code='sr').pk)",
    )
    editor.go(f"/admin/pages/{copy_id}/edit/", "the copy in the editor")
    year_field = page.locator("#id_year")
    assert year_field.input_value() == year, "the copy still has last year"
    year_field.scroll_into_view_if_needed()
    page.mouse.wheel(0, -120)
    year_field.fill(str(next_year))
    screenshot("campaigns-copy", page, clip={"x": 0, "y": 0, **VIEWPORT})
    page.locator("footer button.action-save").click()
    expect(page.locator(".messages")).to_contain_text(f"{next_year}")
    editor.read("the copy, saved")
    editor.check()
    editor.close()
