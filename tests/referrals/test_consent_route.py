"""Consent routes a professional's referral (issue 15), without JavaScript: an adult who
consented is referred with what identifies them; a child needs no consent; an adult who did not
consent becomes an anonymous notification, whose identifying answers the server refuses one by
one, saying why, and which still counts in the statistics. The route is a plaintext column the
case view shows. (With JavaScript: tests/browser/test_consent_route.py.)"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from referrals.choices import AgeBand, Route
from referrals.intake.professional import IDENTIFYING
from referrals.models import Referral
from referrals.sealing import open_answers
from referrals.triage import statistics
from tests.referrals.intake_support import submit
from tests.referrals.support import PROFESSIONAL_URL, professional_data, receipt_codes
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

PERSON = {
    "person_name": "Marija Jovanović",
    "person_contact": "+381 64 123 4567",
    "safe_channels": ["sms"],
    "safe_times": "After 18:00",
    "never_use": "064 999 888",
}


def anonymous(**overrides):
    """An adult who did not consent, sent with nothing that identifies them."""
    data = professional_data(consent="adult-no", age="", age_band="26-40", municipality="")
    data.update(overrides)
    return data


def field_error(html, name):
    match = re.search(rf'id="id_{name}-error">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else None


def test_an_adult_who_consented_is_referred_with_what_identifies_them(client):
    response = submit(client, PROFESSIONAL_URL, professional_data(**PERSON))
    assert len(receipt_codes(response)) == 2
    referral = Referral.objects.get()
    assert referral.route == Route.CONSENT
    answers = open_answers(referral)["answers"]
    assert answers["person_name"] == "Marija Jovanović" and answers["age"] == 19
    assert answers["consent"] == "adult-yes"
    # The route is coarse; what identifies the person is sealed only.
    assert "Marija" not in referral.route and b"Marija" not in bytes(referral.sealed_answers)
    assert b"will contact you through the work phone" in response.content


def test_the_consent_option_says_in_words_what_the_person_agreed_to(client):
    html = client.get(PROFESSIONAL_URL).content.decode()
    assert "An adult who agreed to be referred: they know that the Centre receives" in html
    assert "can withdraw their consent at any time" in html
    assert "the Centre receives an anonymous notification" in html
    # Asked before the questions that identify the person, which the script can then hide.
    assert html.index('name="consent"') < html.index('name="person_name"')
    assert "/static/js/consent-route.js" in html
    assert html.count("data-identifying") == 2


def test_a_child_needs_no_consent(client):
    response = submit(client, PROFESSIONAL_URL, professional_data(age="15", consent="child"))
    assert len(receipt_codes(response)) == 2
    referral = Referral.objects.get()
    assert referral.route == Route.CHILD and referral.is_minor


def test_an_anonymous_notification_with_identifying_answers_is_refused_field_by_field(client):
    data = professional_data(consent="adult-no", age="30", municipality="Kraljevo", **PERSON)
    with translation.override("en"):
        response = submit(client, PROFESSIONAL_URL, data)
    html = response.content.decode()
    assert Referral.objects.count() == 0
    assert receipt_codes(response) == []
    for name in IDENTIFYING:
        message = field_error(html, name)
        assert message is not None, name
        assert "The person did not consent, so this is an anonymous notification" in message
        assert "empty, or choose that the person consented" in message
    assert "leave “Municipality where the person is now” empty" in field_error(html, "municipality")
    # The error summary links to each refused question.
    assert 'href="#id_person_name"' in html and 'href="#id_safe_channels_0"' in html
    # What the professional typed stays in the form, to be removed by them.
    assert 'value="Marija Jovanović"' in html


def test_an_anonymous_notification_without_them_is_stored_and_counted(client):
    response = submit(client, PROFESSIONAL_URL, anonymous())
    assert len(receipt_codes(response)) == 2
    assert b"This was sent as an anonymous notification" in response.content
    referral = Referral.objects.get()
    assert referral.route == Route.ANONYMOUS
    assert referral.age_band == AgeBand.FROM_26_TO_40 and not referral.is_minor
    answers = open_answers(referral)["answers"]
    assert all(answers[name] in (None, "", []) for name in IDENTIFYING)
    # The coarse fields still count in the statistics of the month it arrived in.
    received = timezone.localtime(referral.received_at)
    report = statistics.build_report(received.year, received.month)
    assert report.total == 1


def test_an_anonymous_adult_must_still_be_an_adult(client):
    response = submit(client, PROFESSIONAL_URL, anonymous(age_band="14-17"))
    assert b"The person is a child" in response.content
    assert Referral.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (professional_data(), "Referral with the person&#x27;s consent"),
        (anonymous(), "Anonymous notification (no consent)"),
        (professional_data(age="15", consent="child"), "Child (no consent needed)"),
    ],
)
def test_the_case_view_shows_the_route(client, data, words):
    submit(client, PROFESSIONAL_URL, data)
    referral = Referral.objects.get()
    html = signed_in(make_staff("Triage")).get(reverse("referral:case", args=[referral.pk]))
    html = html.content.decode()
    assert re.search(rf'<dd class="referral-route">{re.escape(words)}</dd>', html)
    if referral.route == Route.ANONYMOUS:
        assert "This is an anonymous notification" in html
