"""The admin's Account screen in a real browser: its time-zone list holds only zones a browser
knows (the list was every name in the server's tz database, "localtime" among them, and the
admin's script stopped on it with "Invalid time zone specified: localtime"), and a member of
staff saves their language and time zone there."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_admin_requests import sign_in
from tests.browser.test_triage import make_staff

pytestmark = pytest.mark.browser

ZONE_SELECT = "select[name='locale-current_time_zone']"
# Every option the browser cannot use as a time zone (the empty "server's zone" option aside).
UNKNOWN_TO_THE_BROWSER = """(select) => Array.from(select.options)
    .map((option) => option.value)
    .filter((zone) => {
        if (!zone) return false;
        try { new Intl.DateTimeFormat("en", { timeZone: zone }); return false; }
        catch (error) { return true; }
    })"""


def test_the_account_screen_offers_only_real_time_zones_and_saves_one(site, desk):
    username, password, key = make_staff(site, "Editor")
    errors = []
    desk.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(desk, site, username, password, key)

    desk.goto(site + "/admin/account/")
    desk.wait_for_load_state("networkidle")
    zones = desk.locator(ZONE_SELECT)
    assert zones.evaluate(UNKNOWN_TO_THE_BROWSER) == []
    assert errors == [], errors
    # The admin labels every zone with its local name: it went through the whole list.
    expect(zones.locator("option[value='Europe/Belgrade']")).to_contain_text("Europe/Belgrade: ")

    # Wagtail asks for a name and an e-mail address before it saves anything.
    desk.locator("input[name='name_email-first_name']").fill("Ana")
    desk.locator("input[name='name_email-last_name']").fill("Petrović")
    desk.locator("input[name='name_email-email']").fill("ana@example.org")
    zones.select_option("Europe/Belgrade")
    desk.locator("#w-editor-form button[type=submit]").first.click()
    desk.wait_for_load_state("networkidle")
    expect(desk.locator(".messages")).to_contain_text(
        "Your account settings have been changed successfully"
    )
    assert desk.locator(ZONE_SELECT).input_value() == "Europe/Belgrade"
    assert errors == [], errors
