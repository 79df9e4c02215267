"""The admin sign-in is throttled (django-axes, users/sign_in.py): after five wrong passwords
for an account, its sign-in is paused for 15 minutes, the right password included, with a plain
page that says so; and the throttle's tables never hold the address a guess came from."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse
from django.utils.translation import gettext, ngettext, override

from tests.staff import PASSWORD, current_code, make_staff

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def sign_in(client, username, password, **extra):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ADDRESS,
        **extra,
    )


def test_the_sixth_try_is_refused_even_with_the_right_password(client):
    staff = make_staff("Triage")
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(4):
            assert sign_in(client, staff.username, "wrong guess").status_code == 200
        # The fifth wrong password is refused and pauses the account's sign-in at once...
        assert sign_in(client, staff.username, "wrong guess").status_code == 429
        # ...so the sixth try is refused, even with the right password.
        response = sign_in(client, staff.username, PASSWORD)
        assert response.status_code == 429
        assert "sessionid" not in response.cookies
        assert client.get(reverse("wagtailadmin_home")).status_code == 302

        # Another account, from another address, is not held back by this one.
        other = make_staff("Triage")
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": other.username, "password": PASSWORD},
            REMOTE_ADDR="198.51.100.5",
        )
        assert response.status_code == 302

        # 15 minutes later the right password works again, and the code after it.
        clock.shift(datetime.timedelta(minutes=15, seconds=1))
        client.logout()
        assert sign_in(client, staff.username, PASSWORD).status_code == 302
        response = client.post(
            reverse("two_factor_verify"), {"code": f"{current_code(staff):06d}"}
        )
        assert response.status_code == 302
        assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_lockout_page_says_why_in_the_language_of_the_sign_in_page(client):
    staff = make_staff("Triage")
    for _ in range(5):
        sign_in(client, staff.username, "wrong guess")
    response = sign_in(client, staff.username, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    # Before sign-in the admin speaks the site's language, Serbian, whatever the browser asks.
    assert '<html lang="sr"' in response.text
    with override("sr"):
        heading = gettext("Sign-in paused")
        explanation = ngettext(
            "There were too many wrong passwords for this account. Signing in to it is paused "
            "for %(minutes)s minute, even with the right password.",
            "There were too many wrong passwords for this account. Signing in to it is paused "
            "for %(minutes)s minutes, even with the right password.",
            15,
        ) % {"minutes": 15}
    assert f"<h1>{heading}</h1>" in response.text
    assert explanation in response.text
    assert f'href="{reverse("wagtailadmin_login")}"' in response.text


def test_one_address_trying_many_accounts_is_paused(client):
    accounts = [make_staff("Triage") for _ in range(5)]
    for staff in accounts:
        sign_in(client, staff.username, "Summer2026!")
    fresh = make_staff("Triage")
    assert sign_in(client, fresh.username, PASSWORD).status_code == 429


def test_a_right_password_clears_the_count(client):
    staff = make_staff("Triage")
    for _ in range(4):
        sign_in(client, staff.username, "wrong guess")
    assert sign_in(client, staff.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, staff.username, "wrong guess")
    assert sign_in(client, staff.username, PASSWORD).status_code == 302


def test_no_address_is_stored(client):
    staff = make_staff("Triage")
    for _ in range(6):
        sign_in(client, staff.username, "wrong guess", HTTP_X_FORWARDED_FOR=ADDRESS)
    sign_in(client, "nobody-by-this-name", "wrong guess")
    assert AccessAttempt.objects.filter(username=staff.username).exists(), "attempts are counted"
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for row in model.objects.values():
            assert ADDRESS not in " ".join(str(value) for value in row.values())
            assert not row.get("ip_address") or row["ip_address"].startswith("2001:db8:")
    # No record of successful sign-ins is kept at all.
    other = make_staff("Triage")
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": other.username, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.9",
    )
    assert response.status_code == 302
    assert not AccessLog.objects.exists()
