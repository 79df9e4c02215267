"""The two forms as a reporter and a professional meet them: questions, errors, the receipt,
urgency, double submits, the honeypot, the rate limit, refusal without a key, follow-up."""

import re

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Page

from referrals.choices import AgeBand, Channel, Priority, Status
from referrals.models import FollowUp, Referral
from tests.conftest import parse_page
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)

pytestmark = pytest.mark.django_db


def submit(client, url, data, **extra):
    token = form_token(client.get(url))
    return client.post(url, {"token": token, **data}, **extra)


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


def test_double_submit_gives_the_same_receipt_and_one_referral(client):
    token = form_token(client.get(REPORT_URL))
    first = client.post(REPORT_URL, {"token": token, **report_data()})
    second = client.post(REPORT_URL, {"token": token, **report_data()})
    assert receipt_codes(first) == receipt_codes(second)
    assert Referral.objects.count() == 1
    # A new rendering of the form is a new report.
    third = submit(client, REPORT_URL, report_data())
    assert receipt_codes(third)[0] != receipt_codes(first)[0]
    assert Referral.objects.count() == 2


def test_a_form_without_a_token_is_still_accepted(client):
    response = client.post(REPORT_URL, report_data())
    assert len(receipt_codes(response)) == 2
    response = client.post(REPORT_URL, {"token": "<script>", **report_data()})
    assert len(receipt_codes(response)) == 2
    assert Referral.objects.count() == 2


def test_honeypot_stops_the_form_without_losing_it(client):
    response = submit(client, REPORT_URL, report_data(website="http://spam.example"))
    assert response.status_code == 200
    assert b"Leave this field empty." in response.content
    assert b"field--honeypot-shown" in response.content
    assert Referral.objects.count() == 0
    assert b"not allowed to leave" in response.content


def test_rate_limit_keeps_the_text_and_stores_nothing_more(client, settings):
    settings.INTAKE_SUBMIT_RATE = "2/3600"
    for _ in range(2):
        assert len(receipt_codes(submit(client, REPORT_URL, report_data()))) == 2
    response = submit(client, REPORT_URL, report_data(what_happened="Third report text"))
    assert response.status_code == 429
    assert b"Third report text" in response.content
    assert b"tel:192" in response.content
    assert Referral.objects.count() == 2
    # Another address is not held back, and no address reaches the cache.
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert len(receipt_codes(submit(other, REPORT_URL, report_data()))) == 2


def test_rate_limit_cache_keys_hold_no_address(client, settings):
    from django.core.cache import caches

    cache = caches["limits"]  # the counters' own alias (config/cache.py)
    settings.INTAKE_SUBMIT_RATE = "5/3600"
    visitor = Client(REMOTE_ADDR="198.51.100.23")
    submit(visitor, REPORT_URL, report_data())
    if hasattr(cache._cache, "get_client"):  # Redis
        client = cache._cache.get_client(None)
        keys = [key.decode() for key in client.scan_iter(f"{cache.key_prefix}*")]
    else:  # local memory
        keys = list(cache._cache.keys())
    assert any("rl:submit:" in key for key in keys)
    assert not any("198.51.100.23" in key for key in keys)


# --- no key: refuse, store nothing ----------------------------------------------------------


@pytest.mark.parametrize("url", [REPORT_URL, PROFESSIONAL_URL, FOLLOW_UP_URL, "/en/report/"])
def test_without_a_public_key_the_forms_refuse_with_the_phone_numbers(client, settings, url):
    token = form_token(client.get(REPORT_URL))
    settings.TRIAGE_PUBLIC_KEY_FILE = ""
    response = client.get(url)
    assert response.status_code == 503
    assert b"tel:192" in response.content and b"tel:+381110000000" in response.content
    assert "no-store" in response["Cache-Control"]
    response = client.post(url, {"token": token, **report_data(), **professional_data()})
    assert response.status_code == 503
    assert Referral.objects.count() == 0


def test_an_unreadable_public_key_also_refuses(client, settings, tmp_path):
    broken = tmp_path / "broken.pub"
    broken.write_text("not a key")
    settings.TRIAGE_PUBLIC_KEY_FILE = str(broken)
    assert client.get(REPORT_URL).status_code == 503
    assert client.post(REPORT_URL, report_data()).status_code == 503
    assert Referral.objects.count() == 0


# --- follow-up ------------------------------------------------------------------------------


def test_follow_up_shows_the_coarse_status_and_adds_sealed_information(client):
    reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
    response = client.post(
        FOLLOW_UP_URL,
        {"reference": reference.lower().replace("-", " "), "secret": secret.lower()},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Received" in html and reference in html
    token = form_token(response)
    response = client.post(
        FOLLOW_UP_URL,
        {
            "action": "add",
            "reference": reference,
            "secret": secret,
            "token": token,
            "information": "He moved to another farm near Čačak.",
        },
    )
    assert b"your information was added" in response.content
    followup = FollowUp.objects.get()
    assert "Čačak".encode() not in bytes(followup.sealed)
    # The same add sent twice is stored once.
    client.post(
        FOLLOW_UP_URL,
        {
            "action": "add",
            "reference": reference,
            "secret": secret,
            "token": token,
            "information": "He moved to another farm near Čačak.",
        },
    )
    assert FollowUp.objects.count() == 1

    referral = Referral.objects.get()
    referral.status = Status.IN_ASSESSMENT
    referral.save()
    response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert b"Being assessed" in response.content


def test_follow_up_refuses_a_wrong_secret_and_a_wrong_reference_alike(client):
    reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
    wrong_secret = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": "A" * 20})
    wrong_reference = client.post(FOLLOW_UP_URL, {"reference": "CZ-0000-0000", "secret": secret})
    for response in (wrong_secret, wrong_reference):
        assert response.status_code == 200
        assert b"The reference or the secret code is not right" in response.content
        assert b"Received" not in response.content
    # Adding with a wrong secret stores nothing.
    client.post(
        FOLLOW_UP_URL,
        {
            "action": "add",
            "reference": reference,
            "secret": "B" * 20,
            "token": "t" * 43,
            "information": "x",
        },
    )
    assert FollowUp.objects.count() == 0


def test_follow_up_guessing_is_rate_limited(client, settings):
    settings.INTAKE_FOLLOWUP_RATE = "3/900"
    reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
    for _ in range(3):
        client.post(FOLLOW_UP_URL, {"reference": reference, "secret": "WRONG"})
    response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert response.status_code == 429
    assert b"Too many tries" in response.content


def test_follow_up_pages_exist_in_every_language(client):
    for url in (
        "/report/follow-up/",
        "/sr-latn/report/follow-up/",
        "/en/report/follow-up/",
        "/en/professional-referral/follow-up/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="secret"' in response.content.decode()


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
