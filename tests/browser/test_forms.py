"""Both intake flows, end to end in a real browser, as a person and a professional use them."""

import json
import subprocess
import sys

import pytest

from tests.browser.conftest import ROOT

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def choose(page, question, answer):
    page.locator("fieldset", has_text=question).get_by_label(answer, exact=True).check()


def export(site, reference):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "export_referral", reference],
        cwd=ROOT,
        env=dict(site.env, SITE_ROLE="internal"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def reference_on(page):
    return page.locator(".receipt__code").first.inner_text().strip()


def test_public_report_from_the_home_page_to_the_receipt(site, phone):
    phone.goto(site + "/en/")
    phone.get_by_role("link", name="Report / get help").first.click()
    phone.wait_for_url(site + "/en/report/")

    phone.get_by_role("button", name="Send").click()  # nothing filled in
    summary = phone.locator("[role=alert], .error-summary").first
    assert summary.is_visible()
    assert "Tell us what happened" in phone.locator("main").inner_text()

    choose(phone, "Is someone in danger right now?", "No")
    choose(phone, "Is a child (under 18) involved?", "No")
    phone.get_by_label("What happened?").fill("Browser canary: workers locked in a farm shed.")
    choose(phone, "Do you want the Centre to contact you?", "No, I want to stay anonymous")
    phone.get_by_role("button", name="Send").click()

    reference = reference_on(phone)
    assert reference and reference not in phone.url
    assert "Browser canary" in json.dumps(export(site, reference), ensure_ascii=False)


def test_professional_referral_with_an_attachment(site, phone, tmp_path):
    phone.goto(site + "/en/")
    phone.get_by_role("link", name="Professional referral").first.click()
    phone.wait_for_url(site + "/en/professional-referral/")
    choose(phone, "Your organisation", "Social work centre")
    phone.get_by_label("Your name").fill("Ana Test")
    phone.get_by_label("Organisation and unit").fill("CSR Test")
    phone.get_by_label("Work e-mail").fill("ana@csr.example")
    phone.get_by_label("Age of the person, if known").fill("24")
    choose(phone, "Gender", "Female")
    phone.locator("fieldset", has_text="Form of exploitation you suspect").get_by_label(
        "Labour exploitation", exact=False
    ).first.check()
    choose(phone, "Is the person in immediate danger?", "No")
    choose(
        phone,
        "The person's consent",
        "An adult who agreed to be referred: they know that the Centre receives their details "
        "and may contact them to offer help",
    )
    phone.get_by_label("What did you see or hear?").fill("Passport withheld by employer.")
    document = tmp_path / "statement.pdf"
    document.write_bytes(PDF)
    phone.locator("input[type=file][name=attachments]").set_input_files(str(document))
    phone.get_by_role("button", name="Send").click()

    errors = phone.locator(".error-summary, [role=alert]")
    assert errors.count() == 0, errors.first.inner_text()
    reference = reference_on(phone)
    exported = export(site, reference)
    text = json.dumps(exported, ensure_ascii=False)
    assert "Passport withheld by employer." in text and "statement.pdf" in text
