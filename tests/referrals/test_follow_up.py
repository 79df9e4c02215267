"""The follow-up form as a reporter meets it: the coarse status, sealed added information, wrong
codes refused alike, guessing rate-limited, in every language."""

import pytest

from referrals.choices import Status
from referrals.models import FollowUp, Referral
from tests.referrals.intake_support import submit
from tests.referrals.support import (
    FOLLOW_UP_URL,
    REPORT_URL,
    form_token,
    receipt_codes,
    report_data,
)

pytestmark = pytest.mark.django_db


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
