"""The conversation in a real browser: a reporter sends an anonymous report on the public form, a
member of triage answers in the case view, the reporter comes back to the follow-up page with
the reference and secret code, reads the answer, answers it and deletes it; the member of staff
sees the answer and that the message was deleted. The follow-up side runs with JavaScript off."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import serious_violations
from tests.browser.test_forms import choose
from tests.browser.test_triage import make_staff, manage, sign_in

pytestmark = pytest.mark.browser

QUESTION = "Which town is the farm near, and is she still there?"
ANSWER = "Near Čačak. She was still there yesterday."


@pytest.fixture
def desk(browser):
    # bypass_csp lets the test inject axe-core; the pages themselves are unchanged.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def send_anonymous_report(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    phone = context.new_page()
    phone.goto(site + "/en/report/")
    choose(phone, "Is someone in danger right now?", "No")
    choose(phone, "Is a child (under 18) involved?", "No")
    phone.get_by_label("What happened?").fill("A woman works on a farm and may not leave.")
    choose(phone, "Do you want the Centre to contact you?", "No, I want to stay anonymous")
    phone.get_by_role("button", name="Send").click()
    codes = phone.locator(".receipt__code")
    expect(codes).to_have_count(2)
    reference, secret = (codes.nth(i).inner_text().strip() for i in range(2))
    assert "usually within 3 working days" in phone.locator("main").inner_text()
    context.close()
    return reference, secret


def reply_in_the_case_view(desk, site, reference):
    username, password, key = make_staff(site, "Triage")
    sign_in(desk, site, username, password, key)
    desk.goto(site + "/admin/referrals/queue/")
    desk.locator("tr", has_text=reference).get_by_role("link", name=reference).click()
    desk.get_by_label("Message to the reporter").fill(QUESTION)
    desk.get_by_role("button", name="Seal and leave for the reporter").click()
    expect(desk.locator("body")).to_contain_text("Message sealed for the reporter")
    replies = desk.locator(
        "section", has=desk.get_by_role("heading", name="Messages to the reporter")
    )
    expect(replies).to_contain_text(QUESTION)
    expect(replies).to_contain_text("Not read yet")
    assert serious_violations(desk) == []  # the case view with its new section


def test_a_reporter_reads_answers_and_deletes_a_reply(site, browser, desk):
    reference, secret = send_anonymous_report(browser, site)
    reply_in_the_case_view(desk, site, reference)
    queue = desk.goto(site + "/admin/referrals/queue/")
    assert queue.status == 200
    expect(desk.locator("tr", has_text=reference)).to_contain_text("Reply not read")

    # The reporter, without JavaScript, types the codes in another case and spacing.
    reporter = browser.new_context(java_script_enabled=False)
    page = reporter.new_page()
    page.goto(site + "/en/report/follow-up/")
    page.get_by_label("Reference").fill(reference.lower())
    page.get_by_label("Secret code").fill(secret.lower().replace("-", " "))
    page.locator("form button[type=submit]").last.click()
    messages = page.locator("section.replies")
    expect(messages).to_contain_text(QUESTION)
    assert reference not in page.url and secret not in page.url

    page.get_by_label("What would you like to add?").fill(ANSWER)
    page.get_by_role("button", name="Add to the report").click()
    expect(page.locator("main")).to_contain_text("your information was added")
    expect(page.locator("section.replies")).to_contain_text(QUESTION)

    page.get_by_role("button", name="Delete this message").click()
    expect(page.locator("main")).to_contain_text("The message was deleted.")
    assert QUESTION not in page.locator("main").inner_text()
    reporter.close()

    desk.goto(site + "/admin/referrals/queue/")
    row = desk.locator("tr", has_text=reference)
    expect(row).to_contain_text("Reporter wrote")
    row.get_by_role("link", name=reference).click()
    main = desk.locator("main")
    expect(main).to_contain_text(ANSWER)
    expect(main).to_contain_text("The reporter deleted it on")
    expect(main).to_contain_text("Wrote to the reporter")
    verified = manage(site, "verify_audit_log")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_the_follow_up_page_with_replies_has_no_serious_violation(site, browser):
    reference, secret = send_anonymous_report(browser, site)
    script = (
        "from referrals.models import Referral; from referrals.triage import workflow; "
        "from django.contrib.auth import get_user_model; "
        f"r = Referral.objects.get(reference={reference!r}); "
        "u = get_user_model().objects.filter(groups__name='Triage').first(); "
        f"workflow.send_reply(r, {QUESTION!r}, by=u)"
    )
    make_staff(site, "Triage")
    result = manage(site, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    context = browser.new_context(viewport={"width": 360, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(site + "/en/report/follow-up/")
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Secret code").fill(secret)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("section.replies")).to_contain_text(QUESTION)
    assert serious_violations(page) == []
    context.close()
