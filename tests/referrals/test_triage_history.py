"""What happened to a referral, as staff read it: the coordinators' audit log and the triage
worker's case history say it in words (in the staff member's language), name people by their
names rather than their usernames, and reading the history decrypts nothing. A coordinator can
take a referral off its assignee."""

import io
import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from referrals import keys
from referrals.choices import Status
from referrals.models import AuditEvent, Referral
from referrals.triage import audit
from tests.referrals.support import PDF, PROFESSIONAL_URL, form_token, professional_data
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

AUDIT_LOG = "/admin/referrals/audit-log/"
QUEUE = "/admin/referrals/queue/"


def named(group, first, last):
    user = make_staff(group)
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def referral(client):
    """A professional referral with one document, sent through the real form."""
    token = form_token(client.get(PROFESSIONAL_URL))
    data = professional_data()
    data["attachments"] = io.BytesIO(PDF)
    data["attachments"].name = "izjava.pdf"
    assert client.post(PROFESSIONAL_URL, {"token": token, **data}).status_code == 200
    return Referral.objects.order_by("-received_at").first()


def case_url(referral):
    return reverse("referral:case", args=[referral.pk])


def table_of(html):
    """The audit log's table only (the filters offer every action, by its code, as a value)."""
    start = re.search(r'<table[^>]*class="[^"]*listing', html).start()
    return html[start : html.index("</table>", start)]


def history_of(html):
    """The case view's history section, its entries in the order shown."""
    match = re.search(r'<section[^>]*aria-labelledby="history-heading".*?</section>', html, re.S)
    assert match, "the case view has a history section"
    section = match.group(0)
    entries = re.findall(r"<li[^>]*>(.*?)</li>", section, re.S)
    return section, [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", e)).strip() for e in entries]


def queue_row(client, referral, **filters):
    """The text of the referral's row in the queue ("" when it is not listed)."""
    html = client.get(QUEUE, filters).content.decode()
    for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S):
        if referral.reference in row:
            return row
    return ""


def work_on(referral, ana, coordinator_user):
    """Ana opens the case and its document; the coordinator gives it to her; she moves it on."""
    ana_client = signed_in(ana)
    html = ana_client.get(case_url(referral)).content.decode()
    document = re.search(r'href="([^"]+/document/[^"]+/)"', html).group(1)
    assert ana_client.get(document).status_code == 200
    coordinator = signed_in(coordinator_user)
    coordinator.post(case_url(referral), {"action": "assign", "assignee": ana.pk})
    ana_client.post(case_url(referral), {"action": "status", "status": Status.IN_ASSESSMENT})
    ana_client.post(case_url(referral), {"action": "note", "text": "Called the school."})
    return ana_client, coordinator


def test_the_audit_log_says_what_happened_in_words_and_names_people(referral):
    ana = named("Triage", "Ana", "Petrović")
    boss = named("Coordinator", "Jovana", "Ilić")
    _, coordinator = work_on(referral, ana, boss)
    table = table_of(coordinator.get(AUDIT_LOG, {"reference": referral.reference}).content.decode())
    for words in (
        "Viewed the referral",
        "Opened attachment 1",
        "Assigned to Ana Petrović",
        "Status: new → in assessment",
        "Added a note",
    ):
        assert words in table, words
    assert "Jovana Ilić" in table  # who assigned it, by name
    # No code and no username where a person reads it.
    for code in ("referral.viewed", "attachment.downloaded", "referral.assigned", "in-assessment"):
        assert code not in table, code
    assert ana.username not in table and boss.username not in table
    assert audit.verify().ok


def test_the_audit_log_speaks_serbian_to_a_coordinator_who_chose_it(referral):
    ana = named("Triage", "Ана", "Петровић")
    boss = make_staff("Coordinator")
    profile = UserProfile.get_for_user(boss)
    profile.preferred_language = "sr"
    profile.save()
    _, coordinator = work_on(referral, ana, boss)
    table = table_of(coordinator.get(AUDIT_LOG, {"reference": referral.reference}).content.decode())
    for words in (
        "Прегледана пријава",
        "Отворен прилог 1",
        "Додељена особи Ана Петровић",
        "Статус: нова → у процени",
        "Додата белешка",
    ):
        assert words in table, words
    assert "Viewed the referral" not in table


def test_the_case_history_is_newest_first_in_words_and_decrypts_nothing(referral, settings):
    ana = named("Triage", "Ana", "Petrović")
    boss = named("Coordinator", "Jovana", "Ilić")
    work_on(referral, ana, boss)
    other = named("Triage", "Marko", "Jovanović")
    client = signed_in(other)

    before = AuditEvent.objects.count()
    html = client.get(case_url(referral)).content.decode()
    # Rendering the history writes nothing beyond the one decrypt the case view records.
    assert AuditEvent.objects.count() == before + 1
    section, entries = history_of(html)
    assert entries[0].endswith("Viewed the referral") and "Marko Jovanović" in entries[0]
    order = [
        next(i for i, entry in enumerate(entries) if words in entry)
        for words in (
            "Added a note",
            "Status: new → in assessment",
            "Assigned to Ana Petrović",
            "Opened attachment 1",
        )
    ]
    assert order == sorted(order), entries
    assert any("Jovana Ilić" in e and "Assigned to Ana Petrović" in e for e in entries)
    assert ana.username not in section and "referral.viewed" not in section
    assert re.search(r"<time datetime=", section), "each entry says when"

    # With no private key at all the case cannot be decrypted, yet its history is read: it
    # comes from the audit log, never from the sealed data. And no decrypt is recorded.
    settings.TRIAGE_PRIVATE_KEY_FILE = ""
    keys.forget()
    before = AuditEvent.objects.count()
    html = client.get(case_url(referral)).content.decode()
    assert "cannot be decrypted here" in html
    _, entries = history_of(html)
    assert any("Status: new → in assessment" in e for e in entries)
    assert AuditEvent.objects.count() == before


def test_the_case_history_holds_this_referral_only(referral, client):
    token = form_token(client.get(PROFESSIONAL_URL))
    client.post(PROFESSIONAL_URL, {"token": token, **professional_data()})
    second = Referral.objects.exclude(pk=referral.pk).get()
    user = named("Triage", "Ana", "Petrović")
    worker = signed_in(user)
    worker.post(case_url(second), {"action": "claim"})
    _, entries = history_of(worker.get(case_url(referral)).content.decode())
    assert entries and not any("Took the referral" in e for e in entries)
    _, entries = history_of(worker.get(case_url(second)).content.decode())
    assert any("Took the referral" in e for e in entries)


def test_people_are_named_in_the_queue_the_case_and_its_notes(referral):
    ana = named("Triage", "Ana", "Petrović")
    nameless = make_staff("Triage")
    boss = named("Coordinator", "Jovana", "Ilić")
    _, coordinator = work_on(referral, ana, boss)
    html = coordinator.get(case_url(referral)).content.decode()
    facts = html[html.index('class="referral-facts"') : html.index("</dl>")]
    assert "Ana Petrović" in facts and ana.username not in facts
    notes = html[html.index('id="notes-heading"') :]
    assert "Ana Petrović" in notes and ana.username not in notes
    # The assignee list names people too, and falls back to the username of one without a name.
    start = html.index('name="assignee"')
    options = html[start : html.index("</select>", start)]
    assert ">Ana Petrović<" in options and f">{nameless.username}<" in options

    row = queue_row(coordinator, referral)
    assert "Ana Petrović" in row and ana.username not in row
    coordinator.post(case_url(referral), {"action": "assign", "assignee": nameless.pk})
    assert nameless.username in queue_row(coordinator, referral)


def test_a_coordinator_unassigns_a_referral(referral):
    ana = named("Triage", "Ana", "Petrović")
    boss = named("Coordinator", "Jovana", "Ilić")
    coordinator = signed_in(boss)
    coordinator.post(case_url(referral), {"action": "assign", "assignee": ana.pk})
    html = coordinator.get(case_url(referral)).content.decode()
    assert re.search(r'name="action" value="unassign"', html), "an Unassign button"

    # A triage worker may not take a referral off someone.
    assert signed_in(ana).post(case_url(referral), {"action": "unassign"}).status_code == 403
    referral.refresh_from_db()
    assert referral.assignee == ana

    response = coordinator.post(case_url(referral), {"action": "unassign"}, follow=True)
    assert "Unassigned." in response.content.decode()
    referral.refresh_from_db()
    assert referral.assignee is None
    html = response.content.decode()
    facts = html[html.index('class="referral-facts"') : html.index("</dl>")]
    assert "Nobody" in facts and "Ana Petrović" not in facts
    assert 'value="unassign"' not in html  # nothing left to unassign

    assert "Ana Petrović" not in queue_row(coordinator, referral)
    assert queue_row(coordinator, referral, assignee="none")

    # On the record like an assignment, and said in words.
    event = AuditEvent.objects.get(reference=referral.reference, action="referral.unassigned")
    assert event.actor == boss.username
    assert event.detail == {"previous": ana.username}
    table = table_of(coordinator.get(AUDIT_LOG, {"reference": referral.reference}).content.decode())
    assert "Unassigned (was Ana Petrović)" in table
    assert audit.verify().ok
