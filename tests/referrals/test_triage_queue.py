"""The queue as triage staff use it: urgent first then oldest, filters, search by reference,
keyset pages that never skip or repeat a referral, deadlines from the settings, and no decrypt
to list."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from referrals import keys
from referrals.choices import Channel, Priority, Status
from referrals.models import AuditEvent, Referral
from tests.referrals.support import REPORT_URL, form_token, referral_row, report_data
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

QUEUE = "/admin/referrals/queue/"


def references(response):
    """The references in the queue's table, in the order shown."""
    assert response.status_code == 200
    html = response.content.decode()
    # The table only: the urgent notice above it lists references too.
    table = re.search(r'<table class="listing referral-queue">.*?</table>', html, re.S)
    return re.findall(r">\s*(CZ-[0-9A-Z]{4,5}-[0-9A-Z]{4})\s*<", table.group(0) if table else "")


def next_link(response):
    match = re.search(r'rel="next" href="([^"]+)"', response.content.decode())
    return match.group(1).replace("&amp;", "&") if match else None


@pytest.fixture
def triage():
    user = make_staff("Triage")
    return user, signed_in(user)


def test_urgent_first_then_oldest(triage):
    now = timezone.now()
    rows = [
        referral_row(1, received_at=now - datetime.timedelta(hours=1)),
        referral_row(2, received_at=now - datetime.timedelta(hours=5)),
        referral_row(3, received_at=now - datetime.timedelta(hours=2), priority=Priority.URGENT),
        referral_row(4, received_at=now - datetime.timedelta(hours=9), priority=Priority.URGENT),
    ]
    Referral.objects.bulk_create(rows)
    assert references(triage[1].get(QUEUE)) == [
        "CZ-0004-TEST",
        "CZ-0003-TEST",
        "CZ-0002-TEST",
        "CZ-0001-TEST",
    ]


def test_keyset_pages_show_every_referral_once_in_order(triage):
    base = timezone.now() - datetime.timedelta(days=30)
    # Same received time for several rows: the id breaks the tie, nothing is skipped.
    rows = [
        referral_row(
            i,
            received_at=base + datetime.timedelta(minutes=i // 3),
            priority=Priority.URGENT if i % 7 == 0 else Priority.NORMAL,
        )
        for i in range(123)
    ]
    Referral.objects.bulk_create(rows)
    client = triage[1]
    seen, url, pages = [], QUEUE, 0
    while url:
        response = client.get(url)
        seen.extend(references(response))
        url, pages = next_link(response), pages + 1
    assert pages == 3
    expected = [r.reference for r in Referral.objects.order_by("priority", "received_at", "id")]
    assert seen == expected
    # And back: the previous page of the last page is the second page.
    second = client.get(QUEUE + "?" + next_link(client.get(QUEUE)).split("?", 1)[1])
    last = client.get(next_link(second))
    previous = re.search(r'rel="prev" href="([^"]+)"', last.content.decode()).group(1)
    assert references(client.get(previous.replace("&amp;", "&"))) == references(second)


def test_a_forged_cursor_shows_the_first_page(triage):
    Referral.objects.bulk_create([referral_row(i) for i in range(3)])
    for cursor in ["garbage", "%00", "MXwyfDM", "a" * 500]:
        response = triage[1].get(QUEUE, {"after": cursor})
        assert response.status_code == 200
        assert len(references(response)) == 3


def test_filters(triage):
    user, client = triage
    other = make_staff("Triage")
    now = timezone.now()
    Referral.objects.bulk_create(
        [
            referral_row(1, status=Status.NEW, received_at=now - datetime.timedelta(days=9)),
            referral_row(
                2,
                status=Status.IN_ASSESSMENT,
                assignee=user,
                responded_at=now,
                channel=Channel.PROFESSIONAL,
                received_at=now - datetime.timedelta(days=2),
            ),
            referral_row(
                3,
                priority=Priority.URGENT,
                assignee=other,
                received_at=datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC),
            ),
        ]
    )
    cases = {
        "status=new": ["CZ-0003-TEST", "CZ-0001-TEST"],
        "status=in-assessment": ["CZ-0002-TEST"],
        f"priority={Priority.URGENT.value}": ["CZ-0003-TEST"],
        "channel=professional": ["CZ-0002-TEST"],
        "assignee=me": ["CZ-0002-TEST"],
        "assignee=none": ["CZ-0001-TEST"],
        f"assignee={other.pk}": ["CZ-0003-TEST"],
        "overdue=true": ["CZ-0003-TEST", "CZ-0001-TEST"],
        "received_from=2026-03-01&received_to=2026-03-31": ["CZ-0003-TEST"],
    }
    for query, expected in cases.items():
        assert references(client.get(f"{QUEUE}?{query}")) == expected, query
    # Invalid filter values are a form error, not a 500.
    assert client.get(f"{QUEUE}?status=nonsense&received_from=yesterday").status_code == 200


def test_search_by_reference_forgives_case_and_dashes(triage):
    Referral.objects.bulk_create([referral_row(i) for i in range(1, 4)])
    client = triage[1]
    assert references(client.get(QUEUE, {"q": "cz 0002 test"})) == ["CZ-0002-TEST"]
    assert references(client.get(QUEUE, {"q": "czoo02tes7"})) == []
    assert references(client.get(QUEUE, {"q": "CZ-OOO2-TEST"})) == ["CZ-0002-TEST"]
    assert references(client.get(QUEUE, {"q": "Jelena"})) == []


def test_search_by_part_of_a_reference(triage, settings):
    Referral.objects.bulk_create(
        [
            referral_row(1, reference="CZ-PTJP-4K2M"),
            referral_row(2, reference="CZ-A1B2-PTJP"),
            referral_row(3, reference="CZ-77QX-0410"),
        ]
    )
    client = triage[1]
    events = AuditEvent.objects.count()
    # Nothing is decrypted: it works with no private key on the server at all.
    settings.TRIAGE_PRIVATE_KEY_FILE = ""
    keys.forget()
    assert sorted(references(client.get(QUEUE, {"q": "PTJP"}))) == ["CZ-A1B2-PTJP", "CZ-PTJP-4K2M"]
    assert references(client.get(QUEUE, {"q": "ptjp"})) == references(
        client.get(QUEUE, {"q": "PTJP"})
    )
    assert references(client.get(QUEUE, {"q": "0410"})) == ["CZ-77QX-0410"]  # the last digits
    assert references(client.get(QUEUE, {"q": "4k2"})) == ["CZ-PTJP-4K2M"]
    # Across the dash, and with the look-alikes forgiven as for a whole reference.
    assert references(client.get(QUEUE, {"q": "b2-ptj"})) == ["CZ-A1B2-PTJP"]
    assert references(client.get(QUEUE, {"q": "qx04"})) == ["CZ-77QX-0410"]
    assert references(client.get(QUEUE, {"q": "QXO4"})) == ["CZ-77QX-0410"]
    assert references(client.get(QUEUE, {"q": "Jelena"})) == []
    # A filter still applies to the found ones.
    assert references(client.get(QUEUE, {"q": "PTJP", "status": "in-assessment"})) == []
    assert AuditEvent.objects.count() == events


def test_the_queue_never_decrypts(triage, settings):
    Referral.objects.bulk_create([referral_row(i) for i in range(5)])
    events = AuditEvent.objects.count()
    # No private key at all: listing still works, because it reads plaintext columns only.
    settings.TRIAGE_PRIVATE_KEY_FILE = ""
    keys.forget()
    response = triage[1].get(QUEUE)
    assert len(references(response)) == 5
    assert AuditEvent.objects.count() == events


def test_count_is_capped_not_counted(triage, monkeypatch):
    from referrals.triage.admin import queue

    monkeypatch.setattr(queue, "COUNT_CAP", 4)
    Referral.objects.bulk_create([referral_row(i) for i in range(6)])
    html = triage[1].get(QUEUE).content.decode()
    assert "More than 4 referrals" in html


def submit_report(client, **overrides):
    token = form_token(client.get(REPORT_URL))
    response = client.post(REPORT_URL, {"token": token, **report_data(**overrides)})
    assert response.status_code == 200
    return Referral.objects.order_by("-received_at").first()


@override_settings(TRIAGE_DUE_URGENT_HOURS=2, TRIAGE_DUE_NORMAL_DAYS=3)
def test_deadlines_and_overdue_flags_follow_the_settings(client):
    start = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        urgent = submit_report(client, danger_now="yes")
        normal = submit_report(client)
    assert urgent.priority == Priority.URGENT and normal.priority == Priority.NORMAL
    assert urgent.due_at == start + datetime.timedelta(hours=2)
    assert normal.due_at == start + datetime.timedelta(days=3)

    user = make_staff("Triage")

    def overdue_list(when):
        # Signed in afresh at each moment: the jumps in time are not an idle session.
        with time_machine.travel(when, tick=False):
            return references(signed_in(user).get(QUEUE, {"overdue": "true"}))

    assert overdue_list(start + datetime.timedelta(hours=1, minutes=59)) == []
    assert overdue_list(start + datetime.timedelta(hours=2, minutes=1)) == [urgent.reference]
    later = start + datetime.timedelta(days=3, minutes=1)
    assert overdue_list(later) == [urgent.reference, normal.reference]
    # The list marks them too, in words.
    with time_machine.travel(later, tick=False):
        assert urgent.is_overdue() and normal.is_overdue()
    # An answered referral is no longer overdue.
    normal.responded_at = start + datetime.timedelta(days=1)
    normal.save()
    assert overdue_list(later + datetime.timedelta(minutes=1)) == [urgent.reference]


def test_overdue_rows_stand_out_in_words(triage):
    Referral.objects.bulk_create(
        [referral_row(1, received_at=timezone.now() - datetime.timedelta(days=10))]
    )
    html = triage[1].get(QUEUE).content.decode()
    assert "referral-row--overdue" in html
    assert "Overdue" in html


def test_dashboard_counts(triage):
    user, client = triage
    now = timezone.now()
    Referral.objects.bulk_create(
        [
            referral_row(1, priority=Priority.URGENT),
            referral_row(2, received_at=now - datetime.timedelta(days=8)),
            referral_row(3, status=Status.IN_ASSESSMENT, responded_at=now, assignee=user),
            referral_row(4, status=Status.CLOSED, responded_at=now, assignee=user),
        ]
    )
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    numbers = dict(
        re.findall(
            r"referral-dashboard__count--(\w+)[^>]*>\s*<a[^>]*>\s*"
            r'<span class="referral-dashboard__number"[^>]*>(\d+)',
            html,
        )
    )
    assert numbers == {"new": "2", "urgent": "1", "overdue": "1", "mine": "1"}


def test_the_queue_speaks_serbian_to_staff_who_chose_it():
    from wagtail.users.models import UserProfile

    user = make_staff("Triage")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sr"
    profile.save()
    Referral.objects.bulk_create([referral_row(1, priority=Priority.URGENT)])
    html = signed_in(user).get(QUEUE).content.decode()
    assert "Ред пријава" in html and "Рок за први одговор" in html and "Хитно" in html
    assert "1 пријава." in html
    assert "Referral queue" not in html and "First response due" not in html


def referral_queries(client, url):
    """The SQL of the queries that read referrals while the page is made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if '"referrals_referral"' in q["sql"]]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no arrays: the urgent notice asks apart"
)
def test_the_queue_page_reads_referrals_in_one_query(triage):
    """The rows, their capped count and the urgent notice's figures come in one round trip:
    the page stays within its budget of 10 queries (benchmarks/triage_queue.py), and the
    urgent figures are read with the page, never from a cache."""
    now = timezone.now()
    Referral.objects.bulk_create(
        [
            referral_row(1, priority=Priority.URGENT, received_at=now),
            referral_row(2, received_at=now - datetime.timedelta(hours=1)),
        ]
    )
    assert len(referral_queries(triage[1], QUEUE)) == 1


def test_the_capped_count_stops_after_cap_plus_one_whatever_the_filters(triage):
    """The count follows the queue's own order and stops after COUNT_CAP + 1 rows, so the
    database walks the index in order and stops there, whatever the filters; without the
    order PostgreSQL may first read every matching index entry into a bitmap (111,111 entries
    for this combination at a million referrals, docs/benchmarks.md)."""
    from referrals.triage.admin.queue import COUNT_CAP

    Referral.objects.bulk_create([referral_row(1, priority=Priority.URGENT)])
    url = QUEUE + "?status=closed&priority=1&channel=professional"
    sql = referral_queries(triage[1], url)[0]  # the page's own query
    count = re.search(r"SELECT COUNT\(\*\) FROM \((.*?)\) AS capped", sql)
    assert count, sql
    inner = count.group(1)
    order = ", ".join(f'"referrals_referral"."{c}" ASC' for c in ("priority", "received_at", "id"))
    assert f"ORDER BY {order} LIMIT {COUNT_CAP + 1}" in inner, inner
