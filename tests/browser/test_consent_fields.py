"""Consent routes a professional's referral, in a real browser (issue 15): choosing "an adult
who did not consent" hides the questions that identify the person (static/js/consent-route.js,
loaded as a file under the strict CSP) and says what happens; choosing another option shows them
again with what was typed; and the anonymous notification is sent without them, so the server,
which refuses them (tests/referrals/test_consent_route.py), accepts it."""

import pytest

from tests.browser.test_forms import choose, export, reference_on

pytestmark = pytest.mark.browser

IDENTIFYING = [
    "#id_person_name",
    "#id_age",
    "#id_municipality",
    "#id_person_contact",
    "#id_safe_times",
    "#id_never_use",
]


def consent(page, value):
    page.locator(f'input[name="consent"][value="{value}"]').check()


def test_the_identifying_questions_hide_and_show_with_the_consent(site, phone):
    # A script refused by the CSP, or failing, would leave the questions shown.
    problems = []
    phone.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    phone.on("pageerror", lambda e: problems.append(str(e)))
    phone.goto(site + "/en/professional-referral/")
    notice = phone.locator("[data-anonymous-notice]")
    for selector in IDENTIFYING:
        assert phone.locator(selector).is_visible(), selector
    assert not notice.is_visible()

    phone.locator("#id_person_name").fill("Browser Canary Person")
    phone.locator("#id_municipality").fill("Canarytown")
    consent(phone, "adult-no")
    for selector in IDENTIFYING:
        assert not phone.locator(selector).is_visible(), selector
        assert phone.locator(selector).is_disabled(), selector
    assert notice.is_visible()
    assert "anonymous notification" in notice.inner_text()
    # The coarse questions stay.
    assert phone.locator("#id_age_band_0").is_visible()
    assert phone.locator("#id_citizenship").is_visible()

    consent(phone, "adult-yes")
    assert phone.locator("#id_person_name").is_visible()
    assert phone.locator("#id_person_name").input_value() == "Browser Canary Person"
    assert not notice.is_visible()
    consent(phone, "child")
    assert phone.locator("#id_municipality").is_enabled()
    assert problems == []


def test_an_anonymous_notification_is_sent_without_what_identifies_the_person(site, phone):
    phone.goto(site + "/en/professional-referral/")
    choose(phone, "Your organisation", "Police")
    phone.get_by_label("Your name").fill("Officer Test")
    phone.get_by_label("Organisation and unit").fill("PU Test")
    phone.get_by_label("Work phone").fill("+381 11 000 000")
    # Typed first, then hidden by the choice: a disabled input is not sent.
    phone.locator("#id_person_name").fill("Hidden Canary Name")
    phone.locator("#id_age").fill("31")
    consent(phone, "adult-no")
    choose(phone, "Age group", "26 to 40")
    choose(phone, "Gender", "Male")
    phone.locator("fieldset", has_text="Form of exploitation you suspect").get_by_label(
        "Labour exploitation", exact=False
    ).first.check()
    choose(phone, "Is the person in immediate danger?", "No")
    phone.get_by_label("What did you see or hear?").fill("Workers sleep on the building site.")
    phone.get_by_role("button", name="Send").click()

    errors = phone.locator(".error-summary, [role=alert]")
    assert errors.count() == 0, errors.first.inner_text()
    assert "This was sent as an anonymous notification" in phone.locator("main").inner_text()
    exported = export(site, reference_on(phone))
    assert exported["route"] == "anonymous" and exported["age_band"] == "26-40"
    assert exported["answers"]["person_name"] == "" and exported["answers"]["age"] is None
    assert "Hidden Canary Name" not in str(exported)
