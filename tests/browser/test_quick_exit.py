"""A victim on a phone: finds help and the numbers at once, and leaves in one move."""

import pytest

from tests.browser.conftest import ROOT

pytestmark = pytest.mark.browser


def test_home_to_help_then_quick_exit_button(site, neutral_site, phone):
    phone.goto(site + "/")
    numbers = phone.locator(".emergency")
    assert numbers.is_visible() and "192" in numbers.inner_text()
    phone.get_by_role("link", name="Шта радити?").click()
    phone.wait_for_url(site + "/help/what-to-do/")
    exit_button = phone.get_by_role("link", name="Напусти страницу")
    assert exit_button.is_visible()
    box = exit_button.bounding_box()
    assert box["y"] < 100 and box["height"] >= 44, "in view at the top, a large target"

    exit_button.click()
    phone.wait_for_url(neutral_site)
    phone.go_back()
    assert not phone.url.startswith(site), "Back must not return to our site"


def test_shift_three_times_leaves_from_any_page(site, neutral_site, phone):
    phone.goto(site + "/sr-latn/about/")
    phone.get_by_role("link", name="Potrebna ti je pomoć?").first.click()
    phone.wait_for_url(site + "/sr-latn/help/")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(neutral_site)
    phone.go_back()
    assert not phone.url.startswith(site)


def test_typing_capital_letters_does_not_exit(site, phone):
    phone.goto(site + "/search/")
    field = phone.get_by_label("Претражи сајт")
    field.type("ЦЕНТАР Trgovina")  # Shift goes down for each capital, with letters between
    phone.wait_for_timeout(300)
    assert phone.url.startswith(site + "/search/")
    assert field.input_value() == "ЦЕНТАР Trgovina"


def test_quick_exit_still_works_without_javascript(browser, site, neutral_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/help/")
    page.get_by_role("link", name="Напусти страницу").click()
    page.wait_for_url(neutral_site)
    assert page.url == neutral_site
    assert page.locator("h1").inner_text() == "Weather forecast"
    context.close()


def test_safety_page_explains_what_quick_exit_does_not_do(site, phone):
    phone.goto(site + "/en/")
    phone.get_by_role("link", name="Browsing safely").first.click()
    text = phone.locator("main").inner_text().lower()
    assert "history" in text and "private" in text


def test_language_switcher_round_trip(site, phone):
    phone.goto(site + "/help/whom-to-contact/")
    assert phone.locator("h1").inner_text() == "Коме се обратити?"
    phone.get_by_role("link", name="Латиница").click()
    phone.wait_for_url(site + "/sr-latn/help/whom-to-contact/")
    assert phone.locator("h1").inner_text() == "Kome se obratiti?"
    assert phone.locator("html").get_attribute("lang") == "sr-Latn"
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(site + "/en/help/whom-to-contact/")
    assert phone.locator("h1").inner_text() == "Whom to contact?"
    phone.get_by_role("link", name="Serbian (Cyrillic)").click()
    phone.wait_for_url(site + "/help/whom-to-contact/")


def test_a_quick_exit_that_pushes_history_is_caught(site, neutral_site, phone):
    """The gate can fail: served a quick exit that adds a history entry instead of replacing
    this page, Back leads to our site again, which the checks above would report."""
    script = (ROOT / "static" / "js" / "quick-exit.js").read_text()
    broken = script.replace("window.location.replace(target)", "window.location.assign(target)")
    assert broken != script
    phone.route(
        "**/static/js/quick-exit*.js",
        lambda route: route.fulfill(body=broken, content_type="text/javascript"),
    )
    phone.goto(site + "/help/")
    phone.get_by_role("link", name="Напусти страницу").click()
    phone.wait_for_url(neutral_site)
    phone.go_back()
    phone.wait_for_load_state()
    assert phone.url.startswith(site)
