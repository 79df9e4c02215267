"""The staff walk-through's English pass (issue 21): a triage worker and an editor of the Centre
who read English choose it under Account → Preferred language, and meet the screens the English
staff guides show: the queue and a case's safe contact, a news item in the editor, its English
translation and a campaign copied for next year. With GUIDE_SCREENSHOTS_DIR set (to
static/guides) the pass writes the English guides' screenshots to its en/ folder; without it, as
in CI, it writes nothing (test_staff_walkthrough.py walks the whole first day in Cyrillic)."""

import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.staff_desk import Desk, png, shell, sign_in
from tests.browser.staff_steps import (
    COPY_REMINDER,
    add_normal_referral,
    copy_last_years_campaign,
    open_the_urgent_case,
    send_report_with_safe_contact_wishes,
    start_english_translation,
    write_news_item,
)
from tests.browser.test_admin_requests import elsewhere

pytestmark = pytest.mark.browser

# A reporter who writes in English on the English form.
WISHES = ("My sister", "on weekdays after 6 pm", "the landline at home")


class EnglishDesk(Desk):
    """A desk whose admin is in English: it reads what each screen asked for, and what the
    Cyrillic walk checks of the words on it does not apply."""

    language = "en"
    chosen = False  # English, under Account; the sign-in screens are in the site's Serbian

    def read(self, screen):
        self.page.wait_for_load_state("networkidle")
        if self.chosen:
            assert self.page.locator("html").get_attribute("lang") == "en", screen

    def check(self):
        assert elsewhere(self.site, self.requests) == []


@pytest.fixture(scope="module")
def colleagues(site):
    """A triage worker and an editor with an authenticator set up and no language chosen (their
    admin starts in Cyrillic): role, (username, password, key)."""
    people = {}
    for role in ("Triage", "Editor"):
        username = f"{role.lower()}-en-{secrets.token_hex(2)}"
        key = shell(
            site,
            "from tests.staff import make_staff; "
            f"u = make_staff({role!r}, {username!r}); "
            "u.first_name, u.last_name = 'Sarah', 'Miller'; "
            f"u.email = {username + '@example.org'!r}; u.save(); "
            "p = u.wagtail_userprofile; p.preferred_language = ''; p.save(); "
            "print(u.totpdevice_set.get().key)",
        )
        from tests.staff import PASSWORD

        people[role] = (username, PASSWORD, key)
    return people


def choose_english(desk):
    """Account → Preferred language → English, saved: the admin answers in English from then."""
    page = desk.page
    page.goto(desk.site + "/admin/account/")
    page.locator("select[name='locale-preferred_language']").select_option("en")
    page.locator("#w-editor-form button[type=submit]").first.click()
    # Wagtail says "saved" in the language the request came in; the next screen is in English.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    desk.chosen = True
    desk.go("/admin/", "dashboard, in English")


def test_an_english_speaking_triage_worker_opens_an_urgent_case(site, browser, colleagues):
    normal = add_normal_referral(site)
    urgent = send_report_with_safe_contact_wishes(
        browser, site, "My sister works in a bar and they do not let her go home.", WISHES
    )
    desk = EnglishDesk(browser, site)
    sign_in(desk, *colleagues["Triage"])
    choose_english(desk)
    open_the_urgent_case(desk, urgent, normal, WISHES)
    expect(desk.page.locator("#safe-contact-heading")).to_contain_text("Safe contact")
    desk.check()
    desk.close()


def test_an_english_speaking_editor_writes_translates_and_copies(
    site, browser, colleagues, tmp_path
):
    picture = tmp_path / f"training-{secrets.token_hex(3)}.png"
    picture.write_bytes(png())
    desk = EnglishDesk(browser, site)
    sign_in(desk, *colleagues["Editor"])
    choose_english(desk)
    title = f"Обука за социјалне раднике {secrets.randbelow(1000)}"
    page_id = write_news_item(desk, title, picture)
    # Moderation is the Cyrillic walk's: here a moderator's approval is stood in for.
    shell(
        site,
        f"from wagtail.models import Page; Page.objects.get(pk={page_id})"
        ".get_latest_revision().publish()",
    )
    start_english_translation(desk, page_id, "English")
    next_year = copy_last_years_campaign(desk, COPY_REMINDER)
    # The Cyrillic walk-through copies the same campaign to the same address on this server.
    shell(
        desk.site,
        "from campaigns.models import CampaignPage; "
        f"CampaignPage.objects.get(slug='svetski-dan-{next_year}', "
        "locale__language_code='sr').delete(); print('deleted')",
    )
    desk.check()
    desk.close()
