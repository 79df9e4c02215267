"""One referral in the case view: decrypted for staff, every decrypt and download on the
record, the safe-contact wishes next to the contact details, and the actions of triage."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from referrals import keys
from referrals.choices import Outcome, Status
from referrals.models import AuditEvent, Referral, StaffNote
from referrals.triage import audit
from tests.referrals.support import (
    PDF,
    PROFESSIONAL_URL,
    REPORT_URL,
    dump_database,
    form_token,
    professional_data,
    report_data,
)
from tests.referrals.test_audit import tamper
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

NEVER_USE = "Never call 060 111 222, my husband reads that phone"
NARRATIVE = "Radi 14 sati dnevno u kafiću, pasoš je kod vlasnika (canary 7Q2K)."


def submit(client, url, data):
    token = form_token(client.get(url))
    response = client.post(url, {"token": token, **data})
    assert response.status_code == 200
    return Referral.objects.order_by("-received_at").first()


@pytest.fixture
def report(client):
    return submit(
        client,
        REPORT_URL,
        report_data(
            wants_contact="yes",
            contact_name="Mila",
            contact_phone="+381 64 555 0101",
            safe_channels=["sms"],
            safe_times="Weekdays 10-12",
            never_use=NEVER_USE,
        ),
    )


@pytest.fixture
def referral_with_file(client):
    token = form_token(client.get(PROFESSIONAL_URL))
    data = professional_data(narrative=NARRATIVE)
    data["attachments"] = io.BytesIO(PDF)
    data["attachments"].name = "izjava.pdf"
    response = client.post(PROFESSIONAL_URL, {"token": token, **data})
    assert response.status_code == 200
    return Referral.objects.order_by("-received_at").first()


def case_url(referral):
    return reverse("referral:case", args=[referral.pk])


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_opening_a_case_decrypts_it_and_records_that(report):
    user = make_staff("Triage")
    client = signed_in(user)
    before = AuditEvent.objects.count()
    response = client.get(case_url(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "My neighbour&#x27;s cousin works on a farm" in html
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    viewed = events("referral.viewed")
    assert AuditEvent.objects.count() == before + 1
    assert viewed[-1].actor == user.username and viewed[-1].reference == report.reference
    # Every decrypt, not only the first.
    client.get(case_url(report))
    client.get(case_url(report))
    assert len(events("referral.viewed")) == 3
    assert audit.verify().ok


def test_safe_contact_wishes_stand_next_to_the_contact_details(report):
    html = signed_in(make_staff("Triage")).get(case_url(report)).content.decode()
    safe = html.index("Safe contact: read before contacting anyone")
    assert safe < html.index("+381 64 555 0101") < html.index('id="answers-heading"')
    assert safe < html.index(NEVER_USE.replace("'", "&#x27;"))
    assert safe < html.index("Weekdays 10-12")
    assert "Text message" in html  # the channel's label, not its code


def test_a_download_is_decrypted_and_recorded(referral_with_file):
    user = make_staff("Triage")
    client = signed_in(user)
    html = client.get(case_url(referral_with_file)).content.decode()
    assert "izjava.pdf" in html and NARRATIVE in html.replace("&#x27;", "'")
    attachment = referral_with_file.attachments.get()
    url = reverse("referral:attachment", args=[referral_with_file.pk, attachment.pk])
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "izjava.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    downloaded = events("attachment.downloaded")
    assert len(downloaded) == 1
    assert downloaded[0].detail == {"attachment": str(attachment.pk), "number": 1}
    # No decrypted word in any audit event.
    for event in AuditEvent.objects.all():
        text = f"{event.actor} {event.action} {event.reference} {event.detail}"
        assert "izjava" not in text and "7Q2K" not in text
    assert audit.verify().ok


def test_a_tampered_event_is_detected_after_real_use(report):
    client = signed_in(make_staff("Triage"))
    client.get(case_url(report))
    client.post(case_url(report), {"action": "claim"})
    call_command("verify_audit_log", stdout=io.StringIO())
    event = events("referral.viewed")[0]
    tamper("UPDATE referrals_auditevent SET actor = %s WHERE seq = %s", ["nobody", event.seq])
    with pytest.raises(CommandError, match=f"event {event.seq} was altered"):
        call_command("verify_audit_log", stdout=io.StringIO())


def test_claim_and_the_status_workflow(report):
    user = make_staff("Triage")
    client = signed_in(user)
    url = case_url(report)
    client.post(url, {"action": "claim"})
    report.refresh_from_db()
    assert report.assignee == user and report.responded_at is None

    # new -> closed is not a step of the workflow: refused, nothing changes.
    response = client.post(url, {"action": "status", "status": Status.CLOSED}, follow=True)
    assert "cannot become" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.NEW

    client.post(url, {"action": "status", "status": Status.IN_ASSESSMENT})
    report.refresh_from_db()
    assert report.status == Status.IN_ASSESSMENT and report.responded_at is not None
    first_response = report.responded_at

    client.post(url, {"action": "status", "status": Status.IDENTIFIED})
    client.post(url, {"action": "status", "status": Status.CLOSED})
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.closed_at is not None
    assert report.outcome == Outcome.IDENTIFIED  # implied by the status
    assert report.responded_at == first_response  # the first response stays the first

    client.post(url, {"action": "status", "status": Status.IN_ASSESSMENT})  # reopened
    report.refresh_from_db()
    assert report.closed_at is None
    steps = [(e.detail["from"], e.detail["to"]) for e in events("referral.status")]
    assert steps == [
        ("new", "in-assessment"),
        ("in-assessment", "identified"),
        ("identified", "closed"),
        ("closed", "in-assessment"),
    ]
    assert events("referral.claimed")[0].detail == {"assignee": user.username}
    # Nonsense from a doctored form is an error message, never a 500.
    for data in (
        {"action": "status", "status": "deleted"},
        {"action": "outcome", "outcome": "x"},
        {"action": "priority", "priority": "9"},
        {"action": "explode"},
    ):
        assert client.post(url, data, follow=True).status_code == 200


def test_only_coordinators_assign_to_others(report):
    triage, other = make_staff("Triage"), make_staff("Triage")
    editor = make_staff("Editor")
    url = case_url(report)
    response = signed_in(triage).post(url, {"action": "assign", "assignee": other.pk})
    assert response.status_code == 403
    coordinator = signed_in(make_staff("Coordinator"))
    coordinator.post(url, {"action": "assign", "assignee": other.pk})
    report.refresh_from_db()
    assert report.assignee == other
    # An editor cannot be given a referral: they cannot open one.
    response = coordinator.post(url, {"action": "assign", "assignee": editor.pk}, follow=True)
    assert "cannot open referrals" in response.content.decode()
    report.refresh_from_db()
    assert report.assignee == other


def test_priority_change_moves_the_deadline(report, settings):
    client = signed_in(make_staff("Triage"))
    client.post(case_url(report), {"action": "priority", "priority": "1"})
    report.refresh_from_db()
    assert report.due_at - report.received_at == __import__("datetime").timedelta(
        hours=settings.TRIAGE_DUE_URGENT_HOURS
    )


def test_staff_notes_are_sealed(report):
    secret_words = "Met her at the bus station; her cousin Dragan is involved."
    client = signed_in(make_staff("Triage"))
    client.post(case_url(report), {"action": "note", "text": secret_words})
    note = StaffNote.objects.get(referral=report)
    assert secret_words.encode() not in dump_database()
    assert b"Dragan" not in bytes(note.sealed)
    html = client.get(case_url(report)).content.decode()
    assert "her cousin Dragan is involved" in html
    assert events("note.added")[0].detail == {"note": str(note.pk)}
    # An empty note is refused with a message, not stored.
    client.post(case_url(report), {"action": "note", "text": "   "})
    assert StaffNote.objects.filter(referral=report).count() == 1


def test_without_the_private_key_the_case_says_so_and_records_no_decrypt(report, settings):
    settings.TRIAGE_PRIVATE_KEY_FILE = ""
    keys.forget()
    response = signed_in(make_staff("Triage")).get(case_url(report))
    assert response.status_code == 200
    assert "cannot be decrypted here" in response.content.decode()
    assert events("referral.viewed") == []


def test_a_destroyed_referral_shows_its_coarse_facts_only(report):
    from django.utils import timezone

    Referral.objects.filter(pk=report.pk).update(sealed_answers=None, destroyed_at=timezone.now())
    response = signed_in(make_staff("Triage")).get(case_url(report))
    assert response.status_code == 200
    assert "were destroyed on" in response.content.decode()
    assert events("referral.viewed") == []


def test_an_unknown_referral_is_404():
    import uuid

    client = signed_in(make_staff("Triage"))
    assert client.get(reverse("referral:case", args=[uuid.uuid4()])).status_code == 404
