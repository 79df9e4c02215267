"""New urgent referrals announce themselves on the queue and the home page: the pages show the
count and the newest references when they load (no script needed), and a small script asks a
JSON endpoint for the same figures. The endpoint answers only staff who may see the queue, with
counts and references and nothing else, never cached, and asking it is not activity: an
unattended screen still signs out after the idle timeout."""

import datetime
import json
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from referrals.choices import Priority, Status
from referrals.models import AuditEvent, Referral
from tests.referrals.support import referral_row
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

QUEUE = "/admin/referrals/queue/"
URGENT = "/admin/referrals/queue/urgent/"


@pytest.fixture
def referrals(db):
    now = timezone.now()
    Referral.objects.bulk_create(
        [
            referral_row(
                1, priority=Priority.URGENT, received_at=now - datetime.timedelta(hours=3)
            ),
            referral_row(
                2, priority=Priority.URGENT, received_at=now - datetime.timedelta(hours=1)
            ),
            referral_row(3, received_at=now - datetime.timedelta(minutes=5)),  # normal
            # Urgent, but already answered: nothing to announce.
            referral_row(
                4,
                priority=Priority.URGENT,
                status=Status.IN_ASSESSMENT,
                responded_at=now,
                received_at=now - datetime.timedelta(minutes=2),
            ),
        ]
    )


def test_the_endpoint_gives_counts_and_references_only_never_cached(referrals):
    client = signed_in(make_staff("Triage"))
    events = AuditEvent.objects.count()
    response = client.get(URGENT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data == {"count": 2, "more": False, "references": ["CZ-0002-TEST", "CZ-0001-TEST"]}
    assert AuditEvent.objects.count() == events  # nothing decrypted, nothing to record


def test_the_endpoint_is_for_staff_who_may_see_the_queue(referrals):
    for group in ("Editor", "Moderator"):
        response = signed_in(make_staff(group)).get(URGENT)
        assert response.status_code == 403, group
        assert b"CZ-0002-TEST" not in response.content
    # Signed out, or the second factor not yet confirmed: sent to sign in, no figures.
    from django.test import Client

    response = Client().get(URGENT)
    assert response.status_code == 302 and b"CZ-" not in response.content
    response = signed_in(make_staff("Triage"), second_factor=False).get(URGENT)
    assert response.status_code == 302 and b"CZ-" not in response.content
    assert signed_in(make_staff("Coordinator")).get(URGENT).status_code == 200


def test_polling_does_not_keep_an_idle_session_open(referrals):
    user = make_staff("Triage")
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)):
        client = signed_in(user)
        assert client.get(QUEUE).status_code == 200
    # The open queue polls every few seconds; nobody touches it.
    for minute in (5, 12, 20, 29):
        at = datetime.datetime(2026, 11, 23, 9, minute, tzinfo=datetime.UTC)
        with time_machine.travel(at):
            assert client.get(URGENT).status_code == 200
    # 31 minutes after the last request a person made: signed out, polls or not.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 31, tzinfo=datetime.UTC)):
        response = client.get(URGENT)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_queue_shows_the_urgent_count_and_references_without_script(referrals):
    html = signed_in(make_staff("Triage")).get(QUEUE).content.decode()
    notice = re.search(r'<(\w+)[^>]*class="[^"]*referral-urgent-notice.*?</\1>', html, re.S)
    assert notice, "an urgent notice on the queue"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", notice.group(0)))
    assert "Urgent referrals waiting for a first response: 2" in text
    assert re.search(r"<p data-urgent-none hidden>", notice.group(0))
    assert text.index("CZ-0002-TEST") < text.index("CZ-0001-TEST")
    assert "CZ-0003-TEST" not in text and "CZ-0004-TEST" not in text
    # The script that keeps it current is a file of the site, not inline code.
    assert re.search(r'<script[^>]+src="[^"]*/triage-urgent\.js"', html)
    assert f'data-urgent-url="{URGENT}"' in html


def test_the_home_panel_shows_the_newest_urgent_references(referrals):
    html = signed_in(make_staff("Triage")).get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("referral-dashboard") :]
    assert re.search(
        r"referral-dashboard__count--urgent[^>]*>\s*<a[^>]*>\s*"
        r'<span class="referral-dashboard__number"[^>]*>2<',
        panel,
    )
    assert panel.index("CZ-0002-TEST") < panel.index("CZ-0001-TEST")
    assert re.search(r'<script[^>]+src="[^"]*/triage-urgent\.js"', html)
    assert f'data-urgent-url="{URGENT}"' in html


def test_no_urgent_referral_no_alarm(db):
    Referral.objects.bulk_create([referral_row(1)])
    client = signed_in(make_staff("Triage"))
    html = client.get(QUEUE).content.decode()
    assert "No urgent referral is waiting" in html
    assert json.loads(client.get(URGENT).content) == {"count": 0, "more": False, "references": []}


def urgent_heading(html):
    return re.search(r"Urgent referrals waiting for a first response: <span[^>]*>(\d+)<", html)


def test_the_queue_shows_a_new_urgent_referral_at_once(referrals):
    """The figures are read with the page, not kept in a cache: a referral that has just come in
    is on the next page load."""
    client = signed_in(make_staff("Triage"))
    assert urgent_heading(client.get(QUEUE).content.decode()).group(1) == "2"
    Referral.objects.bulk_create(
        [referral_row(9, priority=Priority.URGENT, received_at=timezone.now())]
    )
    html = client.get(QUEUE).content.decode()
    assert urgent_heading(html).group(1) == "3"
    notice = html[html.index("referral-urgent-notice") : html.index("</section>")]
    assert notice.index("CZ-0009-TEST") < notice.index("CZ-0002-TEST")


def test_the_notice_stays_when_the_filters_match_nothing(referrals):
    client = signed_in(make_staff("Triage"))
    html = client.get(QUEUE, {"status": Status.FORWARDED}).content.decode()
    assert re.search(r"\b0 referrals\.", html), "the filtered listing is empty"
    assert urgent_heading(html).group(1) == "2"
    # The filtered listing is empty; the notice above it still names the urgent referrals.
    notice = html[html.index("referral-urgent-notice") : html.index("</section>")]
    assert "CZ-0002-TEST" in notice and "CZ-0001-TEST" in notice
