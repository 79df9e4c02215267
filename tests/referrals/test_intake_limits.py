"""Limits on what the public intake accepts, as an abuser and a genuine reporter meet them:
follow-ups capped per referral (count and sealed bytes) and per client, an hourly byte budget
for all intake together, IPv6 clients counted by their /64, the per-referral guessing limit keyed
on the normalised reference, and production refusing to guess how many proxies are in front."""

import pytest
from django.test import Client

from referrals.models import Attachment, FollowUp, Referral
from tests.config.test_settings import GOOD_KEY, start_production
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PNG,
    PROFESSIONAL_URL,
    REPORT_URL,
    professional_data,
    receipt_codes,
    report_data,
)

pytestmark = pytest.mark.django_db


def submit(client, url=REPORT_URL, data=None, **extra):
    return client.post(url, data or report_data(), **extra)


def add(client, reference, secret, text="One more thing.", files=None):
    # No idempotency token at all: each POST is a new follow-up, as an abuser would send it.
    data = {"action": "add", "reference": reference, "secret": secret, "information": text}
    if files:
        data["attachments"] = files
    return client.post(FOLLOW_UP_URL, data)


def png_file(size, name="photo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG + b"\0" * (size - len(PNG)), content_type="image/png")


def sealed_bytes():
    return sum(len(bytes(f.sealed)) for f in FollowUp.objects.all()) + sum(
        len(bytes(a.sealed)) for a in Attachment.objects.filter(followup__isnull=False)
    )


def test_followups_per_referral_are_capped_and_another_reporter_still_gets_through(settings):
    settings.INTAKE_FOLLOWUPS_PER_REFERRAL = 3
    abuser = Client(REMOTE_ADDR="198.51.100.10")
    reference, secret = receipt_codes(submit(abuser))
    for i in range(3):
        response = add(abuser, reference, secret, f"Addition {i}")
        assert b"your information was added" in response.content
    response = add(abuser, reference, secret, "Addition over the cap")
    assert response.status_code == 429
    page = response.content.decode()
    assert "tel:192" in page
    assert "call the Centre" in page
    # What the person typed is still in the form, and nothing more was stored.
    assert "Addition over the cap" in page
    assert FollowUp.objects.count() == 3

    genuine = Client(REMOTE_ADDR="203.0.113.20")
    other_reference, other_secret = receipt_codes(submit(genuine))
    response = add(genuine, other_reference, other_secret, "A genuine addition")
    assert b"your information was added" in response.content
    assert FollowUp.objects.count() == 4


def test_sealed_bytes_per_referral_are_capped(settings):
    settings.INTAKE_FOLLOWUPS_PER_REFERRAL = 100
    settings.INTAKE_FOLLOWUP_BYTES_PER_REFERRAL = 300_000
    client = Client(REMOTE_ADDR="198.51.100.11")
    reference, secret = receipt_codes(submit(client))
    response = add(client, reference, secret, files=[png_file(200_000)])
    assert b"your information was added" in response.content
    stored = sealed_bytes()
    response = add(client, reference, secret, files=[png_file(200_000, "second.png")])
    assert response.status_code == 429
    assert b"tel:192" in response.content
    assert sealed_bytes() == stored
    assert FollowUp.objects.count() == 1


def test_every_successful_add_counts_against_the_client(settings):
    settings.INTAKE_FOLLOWUP_ADD_RATE = "2/3600"
    client = Client(REMOTE_ADDR="198.51.100.12")
    reference, secret = receipt_codes(submit(client))
    for _ in range(2):
        assert b"your information was added" in add(client, reference, secret).content
    response = add(client, reference, secret)
    assert response.status_code == 429
    assert FollowUp.objects.count() == 2
    # The status can still be read; only adding waits.
    status = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
    assert status.status_code == 200


def test_the_hourly_byte_budget_holds_for_all_intake(settings):
    settings.INTAKE_BYTES_PER_HOUR = 250_000
    first = Client(REMOTE_ADDR="198.51.100.13")
    data = professional_data(narrative="First referral with a photo")
    data["attachments"] = [png_file(200_000)]
    assert len(receipt_codes(submit(first, PROFESSIONAL_URL, data))) == 2
    # Another address, within its own limits: the budget is for everyone together.
    second = Client(REMOTE_ADDR="203.0.113.14")
    data = professional_data(narrative="Second referral with a photo")
    data["attachments"] = [png_file(200_000)]
    response = submit(second, PROFESSIONAL_URL, data)
    assert response.status_code == 429
    assert b"Second referral with a photo" in response.content
    assert b"tel:192" in response.content
    assert Referral.objects.count() == 1
    # Text alone still fits in what is left.
    response = submit(second, data=report_data())
    assert len(receipt_codes(response)) == 2


def test_ipv6_clients_are_counted_by_their_64(settings):
    settings.INTAKE_SUBMIT_RATE = "1/3600"
    assert len(receipt_codes(submit(Client(REMOTE_ADDR="2001:db8:1:2::1")))) == 2
    # Another address in the same /64 is the same client.
    assert submit(Client(REMOTE_ADDR="2001:db8:1:2::abcd")).status_code == 429
    # Another /64 is another client.
    assert len(receipt_codes(submit(Client(REMOTE_ADDR="2001:db8:1:3::1")))) == 2
    assert Referral.objects.count() == 2


def test_the_per_referral_guessing_limit_is_keyed_on_the_normalised_reference(settings):
    settings.INTAKE_FOLLOWUP_RATE = "1/900"  # per referral: 10 tries
    reference, secret = receipt_codes(submit(Client(REMOTE_ADDR="198.51.100.15")))
    for i in range(10):
        guesser = Client(REMOTE_ADDR=f"192.0.2.{i + 1}")
        guesser.post(FOLLOW_UP_URL, {"reference": reference, "secret": "WRONG"})
    # The same reference typed differently is the same bucket.
    spelled = reference.lower().replace("-", " ")
    response = Client(REMOTE_ADDR="192.0.2.99").post(
        FOLLOW_UP_URL, {"reference": spelled, "secret": "STILL-WRONG"}
    )
    assert response.status_code == 429


@pytest.mark.server
@pytest.mark.django_db(False)
def test_production_public_role_needs_the_proxy_count_said():
    base = {
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "example.org",
        "SITE_ROLE": "public",
        "RECAPTCHA_DISABLED": "true",
    }
    refused = start_production(**base)
    assert refused.returncode != 0
    assert "INTAKE_TRUSTED_PROXY_COUNT" in refused.stderr
    for count in ("0", "1"):
        started = start_production(**base, INTAKE_TRUSTED_PROXY_COUNT=count)
        assert started.returncode == 0, started.stderr
        assert "started" in started.stdout
