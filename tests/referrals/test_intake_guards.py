"""What stands between the two forms and a flood or a broken setup: double submits, the honeypot,
the rate limit, and refusal without a key."""

import pytest
from django.test import Client

from referrals.models import Referral
from tests.referrals.intake_support import submit
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
