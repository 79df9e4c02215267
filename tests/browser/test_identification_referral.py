"""Issue 16's walk, end to end on a 360×640 phone, with JavaScript on (axe on every step, the
result and the form) and off: a school's professional goes through the school set, marks two
strong indicators for a child, reads "refer now and call" with the numbers, presses "Refer to
the Centre", finds the form filled in, sends it; a member of triage finds the referral with the
queue's "strong indicators present" filter and reads the indicators, grouped, in the case."""

import re

import pytest

from tests.browser.test_accessibility import serious_violations
from tests.browser.test_forms import reference_on
from tests.browser.test_identification import go_through_the_school_set, phone_context
from tests.browser.test_triage import make_staff, sign_in

pytestmark = pytest.mark.browser


def fill_in_and_send(page, javascript):
    """The form as the hand-over left it: the indicators listed, a child, no danger now; the
    professional adds what only they know and sends it."""
    handover = page.locator("section.handover")
    assert handover.is_visible()
    assert page.locator('input[name="consent"][value="child"]').is_checked()
    assert page.locator('input[name="danger_now"][value="no"]').is_checked()
    assert page.locator(".error-summary").count() == 0
    if javascript:
        assert serious_violations(page) == []
    page.locator('input[name="organisation_type"]').first.check()
    page.locator("#id_referrer_name").fill("Наставница Тест")
    page.locator("#id_organisation").fill("ОШ Тест, Краљево")
    page.locator("#id_work_phone").fill("+381 36 000 000")
    page.locator("#id_age").fill("12")
    page.locator('input[name="gender"]').first.check()
    page.locator('input[name="exploitation"]').first.check()
    page.locator("#id_narrative").fill("Дете каже да ради код комшије да би вратило дуг.")
    page.locator("#intake-form button[type=submit]").click()
    return reference_on(page), handover


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_from_the_school_check_to_the_case_view(browser, site, javascript):
    context = phone_context(browser, javascript)
    page = context.new_page()
    strong = go_through_the_school_set(page, site, javascript)
    assert len(strong) == 2

    page.get_by_role("button", name="Упутите Центру").click()
    page.wait_for_url(site + "/professional-referral/")
    listed = page.locator("section.handover li").all_inner_texts()
    for text in strong:
        assert any(item.startswith(text) for item in listed), (text, listed)
    reference, _handover = fill_in_and_send(page, javascript)
    assert re.fullmatch(r"CZ-[0-9A-Z]{4}-[0-9A-Z]{4}", reference), reference
    context.close()

    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, site, *make_staff(site, "Triage"))
    desk.goto(site + "/admin/referrals/queue/?strong=true")
    desk.locator("table.referral-queue").get_by_role("link", name=reference).click()
    section = desk.locator("section.referral-identification")
    text = section.inner_text()
    assert "Школе" in text
    for indicator in strong:
        assert f"{indicator} · strong indicator" in text, text
    assert section.locator("h3").count() >= 1  # the groups, as the professional saw them
    desk.context.close()
