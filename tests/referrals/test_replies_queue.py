"""The queue's conversation markers: "Reporter wrote" while a follow-up waits for an answer,
"Reply not read" while a message to the reporter is unopened; from timestamps only, within the
page's one query."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.utils import timezone, translation

from referrals.models import FollowUp, Referral, ReporterMessage
from tests.referrals.support import referral_row
from tests.referrals.test_triage_queue import QUEUE, referral_queries
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def followup(referral, at):
    return FollowUp(
        id=uuid.uuid4(),
        referral=referral,
        received_at=at,
        sealed=b"placeholder",
        idempotency_hash=uuid.uuid4().hex,
    )


def message(referral, at, read_at=None, deleted_at=None):
    return ReporterMessage(
        id=uuid.uuid4(),
        referral=referral,
        created_at=at,
        sealed_for_reporter=None if deleted_at else b"placeholder",
        sealed_for_triage=b"placeholder",
        read_at=read_at,
        deleted_at=deleted_at,
    )


def markers(html):
    """{reference: (reporter wrote, reply not read)} from the queue's table."""
    rows = re.findall(r"<tr class=\"[^\"]*\">\s*<td class=\"title\">(.*?)</td>", html, re.S)
    out = {}
    for cell in rows:
        reference = re.search(r"CZ-\d{4}-TEST", cell).group(0)
        out[reference] = ("Reporter wrote" in cell, "Reply not read" in cell)
    return out


@pytest.fixture
def conversations():
    now = timezone.now()
    quiet, waiting, answered, unread, deleted = Referral.objects.bulk_create(
        [referral_row(i) for i in range(1, 6)]
    )
    FollowUp.objects.bulk_create(
        [
            followup(waiting, now - 2 * HOUR),  # no answer at all yet
            followup(answered, now - 3 * HOUR),
            followup(unread, now - 3 * HOUR),
            followup(deleted, now - 3 * HOUR),
            followup(deleted, now - HOUR),  # wrote again after the answer
        ]
    )
    ReporterMessage.objects.bulk_create(
        [
            message(answered, now - 2 * HOUR, read_at=now - HOUR),
            message(unread, now - 2 * HOUR),
            message(deleted, now - 2 * HOUR, read_at=now - HOUR, deleted_at=now - HOUR),
        ]
    )
    return now


def test_the_queue_marks_waiting_reporters_and_unread_replies(conversations):
    client = signed_in(make_staff("Triage"))
    with translation.override("en"):
        html = client.get(QUEUE).content.decode()
    assert markers(html) == {
        "CZ-0001-TEST": (False, False),
        "CZ-0002-TEST": (True, False),
        "CZ-0003-TEST": (False, False),
        "CZ-0004-TEST": (False, True),
        "CZ-0005-TEST": (True, False),
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no arrays: the urgent notice asks apart"
)
def test_the_markers_ride_along_with_the_one_query(conversations):
    client = signed_in(make_staff("Triage"))
    queries = referral_queries(client, QUEUE)
    assert len(queries) == 1
    assert '"referrals_reportermessage"' in queries[0] and '"referrals_followup"' in queries[0]
