"""A school's professional on a 360×640 phone goes through the school set to the result, with
JavaScript on (axe on every step) and off, and presses "Refer to the Centre"."""

import pytest

from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser


def phone_context(browser, javascript):
    # bypass_csp lets the test inject axe-core; the pages themselves are unchanged.
    return browser.new_context(
        viewport={"width": 360, "height": 640},
        has_touch=True,
        is_mobile=javascript,
        java_script_enabled=javascript,
        bypass_csp=True,
    )


def check_step(page, javascript):
    assert page.get_by_role("link", name="Напусти страницу").is_visible()
    assert "192" in page.locator(".emergency").inner_text()
    if javascript:
        assert serious_violations(page) == []
        assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def answer_groups(page, javascript, strong_wanted=2):
    """Answers every group: yes to the first two strong indicators, no to everything else."""
    while page.locator("input[name=stage][value=group]").count():
        for question in page.locator("fieldset.question").all():
            strong = question.locator(".badge--strong").count() > 0
            answer = "yes" if strong and strong_wanted else "no"
            strong_wanted -= answer == "yes"
            question.locator(f"input[value={answer}]").check()
        page.locator(".check__form button[type=submit]").first.click()
        check_step(page, javascript)
    assert strong_wanted == 0


def go_through_the_school_set(page, site, javascript):
    """The check to its result; returns the strong indicators' texts the result lists."""
    page.goto(site + "/identification/")
    check_step(page, javascript)
    page.get_by_label("Школе").check()
    page.get_by_role("button", name="Почните проверу").click()
    check_step(page, javascript)
    page.locator("#child-yes").check()
    page.locator("#danger-no").check()
    page.get_by_role("button", name="Настави").click()
    check_step(page, javascript)
    answer_groups(page, javascript)  # yes to two strong indicators, no to the rest
    assert "Упутите одмах и позовите одмах" in page.locator("main").inner_text()
    assert "192" in page.locator(".advice__numbers").inner_text()
    assert page.locator(".advice__numbers a[href^='tel:']").count() >= 3
    return page.locator(".seen--strong li").all_inner_texts()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_teacher_goes_through_the_school_set_to_a_referral(browser, site, javascript):
    context = phone_context(browser, javascript)
    page = context.new_page()
    assert len(go_through_the_school_set(page, site, javascript)) == 2
    assert page.locator("input[name=identification_indicators]").count() == 2
    assert "/identification/" in page.url, "no answer ever in an address"

    page.get_by_role("button", name="Упутите Центру").click()
    page.wait_for_url(site + "/professional-referral/")
    assert page.locator("#intake-form").count() == 1
    context.close()


def test_the_printable_school_list_has_no_serious_accessibility_violation(browser, site):
    context = phone_context(browser, True)
    page = context.new_page()
    page.goto(site + "/identification/schools/")
    assert page.locator("li.indicator").count() == 8
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    assert not page.locator(".quick-exit").is_visible()
    assert page.locator("li.indicator").first.is_visible()
    context.close()
