"""The second-factor screens say what went wrong, where a person reads it: a wrong code, and a
device paused after wrong codes (django-otp throttling) with when to try again. The message is
in the alert area at the top of the form (Wagtail's sign-in screen hides field errors)."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff import current_code, make_staff, signed_in

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def alert(response):
    """The text of the alert area of the page, whitespace folded; '' when there is none."""
    html = response.content.decode()
    match = re.search(r'<div class="messages" role="alert">(.*?)</div>', html, re.S)
    if not match:
        return ""
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def wrong_code(user):
    return f"{(current_code(user) + 1) % 1_000_000:06d}"


def test_a_wrong_code_is_said_in_the_alert_area():
    staff = make_staff("Triage")
    client = signed_in(staff, second_factor=False)
    response = client.post(reverse("two_factor_verify"), {"code": wrong_code(staff)})
    assert response.status_code == 200
    assert "This code is not right or has expired" in alert(response)


def test_a_paused_device_says_when_to_try_again_and_does_not_check_the_code():
    staff = make_staff("Triage")
    client = signed_in(staff, second_factor=False)
    device = TOTPDevice.objects.get(user=staff)
    with time_machine.travel(START, tick=False):
        # Six wrong codes before: the device is paused for 2**5 = 32 seconds.
        device.throttling_failure_count = 6
        device.throttling_failure_timestamp = START
        device.save()
        code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        response = client.post(reverse("two_factor_verify"), {"code": code})
        assert response.status_code == 200
        text = alert(response)
        assert "Too many wrong codes" in text
        assert "Try again in 32 seconds" in text
        # Even the right code does not sign in while the device is paused.
        assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_long_pause_is_said_in_minutes():
    staff = make_staff("Triage")
    client = signed_in(staff, second_factor=False)
    device = TOTPDevice.objects.get(user=staff)
    with time_machine.travel(START, tick=False):
        device.throttling_failure_count = 11  # 1024 seconds: 17 minutes and a bit
        device.throttling_failure_timestamp = START
        device.save()
        response = client.post(reverse("two_factor_verify"), {"code": "123456"})
        text = alert(response)
        assert "Try again in 18 minutes" in text
        # Europe/Belgrade: 09:17:04 UTC is 10:17:04 there, said rounded up to the minute.
        assert "at 10:18" in text


def test_the_set_up_screen_says_a_wrong_code_and_a_pause_too():
    staff = make_staff("Triage", device=False)
    client = signed_in(staff, second_factor=False)
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    good = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(reverse("two_factor_setup"), {"code": f"{(good + 1) % 10**6:06d}"})
    assert "This code is not right or has expired" in alert(response)
    with time_machine.travel(START, tick=False):
        device.throttling_failure_count = 8  # 128 seconds
        device.throttling_failure_timestamp = START
        device.save()
        response = client.post(reverse("two_factor_setup"), {"code": "123456"})
        text = alert(response)
        assert "Too many wrong codes" in text
        assert "Try again in 3 minutes" in text


def test_the_right_code_still_signs_in():
    staff = make_staff("Triage")
    client = signed_in(staff, second_factor=False)
    response = client.post(reverse("two_factor_verify"), {"code": f"{current_code(staff):06d}"})
    assert response.status_code == 302
