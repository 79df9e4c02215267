"""A staff session ends 12 hours after the sign-in, however busy it has been (docs/triage.md,
"Signing in"): the idle timeout alone would let a request every twenty minutes keep it open for
ever, since each request saves the session and so pushes its expiry."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=datetime.UTC)


def is_signed_out(response):
    return response.status_code == 302 and response["Location"].startswith(
        reverse("wagtailadmin_login")
    )


def test_a_session_busy_every_twenty_minutes_ends_twelve_hours_after_sign_in():
    user = make_staff("Triage")
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(user)
        answers = {}
        # A request every 20 minutes for 16 hours: never idle for the 30 minutes of the timeout.
        for step in range(1, 16 * 3 + 1):
            clock.shift(datetime.timedelta(minutes=20))
            answers[step * 20] = client.get(reverse("wagtailadmin_home"))
        still_open = [minutes for minutes, r in answers.items() if r.status_code == 200]
        assert still_open, "the session works during the day"
        # Everything up to 11 h 40 min answers; from 12 h 00 min the admin asks for a sign-in.
        assert max(still_open) < 12 * 60, f"still signed in {max(still_open) / 60:.1f} h later"
        assert all(answers[m].status_code == 200 for m in range(20, 12 * 60, 20))
        assert all(is_signed_out(answers[m]) for m in range(12 * 60, 16 * 60 + 1, 20))
        # The session itself is gone, not just refused: nothing of it is left to reuse.
        assert not Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()

