"""The two forms as a reporter and a professional meet them: questions, errors, the receipt,
urgency, what is stored, CSRF in a browser's terms, the reader's language."""

import re

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Page

from referrals.choices import AgeBand, Channel, Priority, Status
from referrals.models import Referral
from tests.conftest import parse_page
from tests.referrals.intake_support import submit
from tests.referrals.support import (
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)

pytestmark = pytest.mark.django_db


# --- what every page offers -----------------------------------------------------------------


def test_both_flows_are_one_click_from_every_page(client, live_pages):
    assert live_pages
    for page in live_pages:
        response = client.get(page.url)
        links = parse_page(response.content.decode()).links
        language = page.locale.language_code
        prefix = {"sr": "/", "sr-latn": "/sr-latn/", "en": "/en/"}[language]
        assert f"{prefix}report/" in links, page.url
        assert f"{prefix}professional-referral/" in links, page.url


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/report/", "Пријави или потражи помоћ"),
        ("/sr-latn/report/", "Prijavi ili potraži pomoć"),
        ("/en/report/", "Report or get help"),
        ("/professional-referral/", "Упућивање за стручњаке"),
        ("/sr-latn/professional-referral/", "Upućivanje za stručnjake"),
        ("/en/professional-referral/", "Referral by professionals"),
    ],
)
def test_form_pages_in_every_language_leave_no_trace(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert 'enctype="multipart/form-data"' in html
    # Every free-text input is kept out of the browser's memory and spell-check services.
    for tag in re.findall(r"<(?:input|textarea)[^>]*>", html):
        if 'type="hidden"' in tag or 'type="radio"' in tag or 'type="checkbox"' in tag:
            continue
        if 'type="file"' in tag:
            continue
        assert 'autocomplete="off"' in tag, tag
    # No inline script or style on the form pages either.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html


def test_every_question_is_labelled_and_groups_have_legends(client):
    for url in (REPORT_URL, PROFESSIONAL_URL):
        html = client.get(url).content.decode()
        ids = re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html)
        hidden = set(re.findall(r'<input type="hidden"[^>]*\bid="([^"]+)"', html))
        for element_id in ids:
            if element_id in hidden:
                continue
            assert f'for="{element_id}"' in html, (url, element_id)
        assert html.count("<fieldset") == html.count("<legend")
        assert html.count("<fieldset") >= 3


# --- errors ---------------------------------------------------------------------------------


def test_errors_are_summarised_at_the_top_and_shown_next_to_each_field(client):
    response = submit(client, REPORT_URL, {"what_happened": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    for anchor in ("#id_danger_now_0", "#id_child_involved_0", "#id_what_happened"):
        assert f'href="{anchor}"' in summary
        assert f'id="{anchor[1:]}"' in html
    assert 'id="id_what_happened-error"' in html
    assert 'aria-invalid="true"' in html
    assert Referral.objects.count() == 0


def test_invalid_form_keeps_what_was_typed(client):
    response = submit(client, REPORT_URL, report_data(danger_now=None, what_happened="Kept text"))
    assert b"Kept text" in response.content
    assert Referral.objects.count() == 0


def test_contact_wanted_needs_a_way_to_reach_the_reporter(client):
    response = submit(client, REPORT_URL, report_data(wants_contact="yes"))
    assert b"Give a phone number or an e-mail address" in response.content
    assert Referral.objects.count() == 0
    response = submit(
        client, REPORT_URL, report_data(wants_contact="yes", contact_phone="060 000 0000")
    )
    assert len(receipt_codes(response)) == 2


def test_professional_age_and_consent_must_agree(client):
    response = submit(client, PROFESSIONAL_URL, professional_data(age="12", consent="adult-yes"))
    assert b"The person is a child" in response.content
    response = submit(client, PROFESSIONAL_URL, professional_data(age="30", age_band="0-13"))
    assert b"do not match" in response.content
    response = submit(client, PROFESSIONAL_URL, professional_data(age="", age_band=""))
    assert b"Give the age or choose an age group" in response.content
    assert Referral.objects.count() == 0


# --- the receipt and what is stored ---------------------------------------------------------


def test_public_report_is_stored_sealed_and_answered_with_a_receipt(client):
    response = submit(client, REPORT_URL, report_data())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    reference, secret = receipt_codes(response)
    assert re.fullmatch(r"CZ-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    assert re.fullmatch(r"([0-9A-Z]{5}-){3}[0-9A-Z]{5}", secret)
    referral = Referral.objects.get()
    assert referral.reference == reference
    assert referral.channel == Channel.PUBLIC
    assert referral.priority == Priority.NORMAL
    assert referral.status == Status.NEW
    assert referral.referrer_type == "acquaintance"
    assert referral.exploitation_type == "labour"
    assert referral.age_band == AgeBand.ADULT and not referral.is_minor
    assert referral.captcha_verified is None  # no captcha configured in the tests
    assert (referral.due_at - referral.received_at).days == 7
    assert secret not in referral.followup_secret_hash
    assert b"Kraljevo" not in bytes(referral.sealed_answers)
    # The receipt URL is the page's own: nothing personal in any URL.
    assert reference not in response.wsgi_request.get_full_path()


def test_professional_referral_keeps_only_coarse_fields_in_plaintext(client):
    response = submit(client, PROFESSIONAL_URL, professional_data())
    assert len(receipt_codes(response)) == 2
    referral = Referral.objects.get()
    assert referral.channel == Channel.PROFESSIONAL
    assert referral.referrer_type == "social-work"
    assert referral.exploitation_type == "multiple"
    assert referral.age_band == "18-25" and referral.gender == "female"
    assert referral.priority == Priority.NORMAL
    plain = [
        str(getattr(referral, f.attname))
        for f in Referral._meta.concrete_fields
        if f.name not in ("sealed_answers",)
    ]
    for personal in ("Jelena", "Petrović", "Kraljevo", "csr.example", "passport", "Serbian"):
        assert not any(personal in value for value in plain), personal


@pytest.mark.parametrize(
    "url, data",
    [
        (REPORT_URL, report_data(danger_now="yes")),
        (REPORT_URL, report_data(danger_now="unknown")),
        (REPORT_URL, report_data(child_involved="yes")),
        (REPORT_URL, report_data(child_involved="unknown")),
        (PROFESSIONAL_URL, professional_data(danger_now="yes")),
        (PROFESSIONAL_URL, professional_data(age="", age_band="unknown", consent="child")),
        (PROFESSIONAL_URL, professional_data(age="19", age_band="disputed")),
        (PROFESSIONAL_URL, professional_data(age="15", consent="child")),
    ],
)
def test_danger_or_a_child_makes_it_urgent_and_shows_the_emergency_numbers(client, url, data):
    response = submit(client, url, data)
    html = response.content.decode()
    assert 'class="urgent-box"' in html
    start = html.index('class="urgent-box"')
    box = html[start : html.index("</section>", start)]
    for number in ('href="tel:192"', 'href="tel:112"', 'href="tel:+381110000000"'):
        assert number in box
    referral = Referral.objects.get()
    assert referral.priority == Priority.URGENT
    assert (referral.due_at - referral.received_at).total_seconds() == 24 * 3600


def test_a_normal_receipt_does_not_shout(client):
    html = submit(client, REPORT_URL, report_data()).content.decode()
    assert 'class="urgent-box"' not in html


def test_on_duty_group_is_told_reference_priority_and_time_only(client):
    response = submit(client, REPORT_URL, report_data(danger_now="yes"))
    reference, _secret = receipt_codes(response)
    # The notice goes after the commit; the test transaction never commits, so run it here.
    from referrals.tasks import notify_on_duty

    referral = Referral.objects.get()
    notify_on_duty.enqueue(referral.reference, referral.priority, referral.received_at.isoformat())
    message = mail.outbox[-1]
    assert message.to == ["on-duty@centar.example"]
    assert reference in message.subject and reference in message.body
    for personal in ("neighbour", "Kraljevo", "farm"):
        assert personal not in message.subject + message.body


def test_notice_is_enqueued_when_the_referral_commits(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = submit(client, REPORT_URL, report_data(child_involved="yes"))
    reference, _secret = receipt_codes(response)
    assert len(callbacks) == 1
    assert any(reference in message.subject for message in mail.outbox)


# --- CSRF in a real browser's terms ---------------------------------------------------------


def test_a_browser_post_with_its_origin_passes_csrf_and_one_without_cookie_gets_help():
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(REPORT_URL)
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
    data = {"csrfmiddlewaretoken": csrf.decode(), "token": form_token(page), **report_data()}
    response = browser.post(REPORT_URL, data, HTTP_ORIGIN="http://testserver")
    assert len(receipt_codes(response)) == 2

    no_cookie = Client(enforce_csrf_checks=True)
    response = no_cookie.post(REPORT_URL, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403
    assert b"security cookie" in response.content and b"tel:192" in response.content


def test_form_pages_are_not_in_the_menu_but_are_live_in_three_languages():
    pages = Page.objects.filter(slug__in=["report", "professional-referral"])
    assert pages.count() == 6
    assert all(page.live and not page.show_in_menus for page in pages)


@pytest.mark.parametrize(
    "url, question, receipt",
    [
        ("/report/", "Да ли је неко сада у опасности?", "Примили смо пријаву"),
        ("/sr-latn/report/", "Da li je neko sada u opasnosti?", "Primili smo prijavu"),
        ("/en/report/", "Is someone in danger right now?", "We have received it"),
    ],
)
def test_questions_and_receipt_speak_the_readers_language(client, url, question, receipt):
    page = client.get(url)
    assert question in page.content.decode()
    response = client.post(url, {"token": form_token(page), **report_data()})
    assert receipt in response.content.decode()
