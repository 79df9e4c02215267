"""Safe contact enforced (issue 15): every contact attempt is recorded in the case view and
checked against the person's wishes (channels, times, numbers never to use, no contact at all);
one that goes against them is refused without a reason, and with one it is audited, shown in
words in the history and flagged on the coordinator's panel. One that follows them needs no
reason. Contact details are shown beside the wishes, a never-use number marked."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals import sealing
from referrals.models import AuditEvent, ContactAttempt, Referral
from referrals.triage import audit, retention
from tests.referrals.intake_support import submit
from tests.referrals.support import (
    PROFESSIONAL_URL,
    REPORT_URL,
    dump_database,
    professional_data,
    report_data,
)
from tests.referrals.test_triage_history import history_of
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

PHONE = "+381 64 555 0101"
NEVER = "Never call 060 111 222, my husband reads that phone"
REASON = "Danger to life reported by the police (canary R7X2)"


def stored(client, url, data):
    assert submit(client, url, data).status_code == 200
    return Referral.objects.order_by("-received_at").first()


@pytest.fixture
def report(client):
    data = report_data(
        wants_contact="yes",
        contact_phone=PHONE,
        safe_channels=["sms"],
        safe_times="Weekdays 10-12",
        never_use=NEVER,
    )
    return stored(client, REPORT_URL, data)


def case_url(referral):
    return reverse("referral:case", args=[referral.pk])


def attempt(**overrides):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data = {
        "action": "contact",
        "recipient": "person",
        "channel": "sms",
        "attempted_at": now,
        "address": PHONE,
        "within_times": "on",
        "outcome": "reached",
        "reason": "",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def recorded():
    return list(AuditEvent.objects.filter(action="contact.recorded").order_by("seq"))


def test_contact_details_stand_beside_the_wishes_and_a_never_use_number_is_marked(client):
    referral = stored(
        client,
        REPORT_URL,
        report_data(wants_contact="yes", contact_phone="+381 60 111 222", never_use=NEVER),
    )
    html = signed_in(make_staff("Triage")).get(case_url(referral)).content.decode()
    section = re.search(r'<section class="referral-safe-contact".*?</section>', html, re.S)[0]
    assert "+381 60 111 222" in section and "060 111 222" in section
    assert "On the never-use list: do not use" in section
    assert "No contact attempts recorded." in html
    assert 'name="action" value="contact"' in html


def test_an_attempt_against_the_wishes_is_refused_without_a_reason(report):
    client = signed_in(make_staff("Triage"))
    response = client.post(case_url(report), attempt(channel="call", within_times=None))
    assert response.status_code == 200  # the case again, with the form and its error
    html = response.content.decode()
    assert "The contact attempt was not recorded" in html
    assert (
        "This attempt goes against the person&#x27;s wishes (a channel the person did not "
        "choose, a time the person did not give as safe): give the reason."
    ) in html
    assert ContactAttempt.objects.count() == 0
    assert recorded() == []


def test_with_a_reason_it_is_audited_in_words_and_the_coordinator_sees_it(report):
    member = make_staff("Triage")
    client = signed_in(member)
    response = client.post(
        case_url(report), attempt(channel="call", address="060 111 222", reason=REASON)
    )
    assert response.status_code == 302
    row = ContactAttempt.objects.get()
    assert row.against_wishes == ["channel", "never-use"] and row.author == member
    event = recorded()[-1]
    assert event.reference == report.reference and event.actor == member.username
    assert event.detail["against_wishes"] == ["channel", "never-use"]
    # The number and the reason are sealed: in no plaintext column and not in the audit log.
    assert "111 222" not in str(event.detail) and "R7X2" not in str(event.detail)
    assert b"R7X2" not in dump_database() and b"060 111 222" not in dump_database()
    assert sealing.open_contacts(report)[0][1]["reason"] == REASON
    assert audit.verify().ok

    html = client.get(case_url(report)).content.decode()
    _section, entries = history_of(html)
    assert any(
        "Recorded a contact attempt AGAINST the person's wishes (a channel the person did not "
        "choose, a number or address the person said never to use), with a reason: phone call"
        in entry.replace("&#x27;", "'")
        for entry in entries
    ), entries
    table = re.search(r'<section class="referral-contact-attempts".*?</table>', html, re.S)[0]
    assert "Against them:" in table and "Reason: " + REASON in table.replace("&#x27;", "'")

    coordinator = signed_in(make_staff("Coordinator"))
    home = coordinator.get(reverse("wagtailadmin_home")).content.decode()
    panel = home[home.index("against-wishes-heading") :]
    assert report.reference in panel and case_url(report) in panel
    assert "a number or address the person said never to use" in panel
    assert REASON not in home  # the reason is read in the case, which records the view
    # Triage staff do not get the coordinator's list.
    triage_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "against-wishes-heading" not in triage_home


def test_an_attempt_that_follows_the_wishes_needs_no_reason(report):
    client = signed_in(make_staff("Triage"))
    response = client.post(case_url(report), attempt(note="Spoke briefly, safe to text again"))
    assert response.status_code == 302
    row = ContactAttempt.objects.get()
    assert row.against_wishes == [] and row.channel == "sms" and row.outcome == "reached"
    assert recorded()[-1].detail["against_wishes"] == []
    html = client.get(case_url(report)).content.decode()
    assert "Recorded a contact attempt: text message, reached the person, spoke safely" in html
    home = signed_in(make_staff("Coordinator")).get(reverse("wagtailadmin_home")).content
    assert report.reference.encode() not in home


def test_a_reporter_who_stayed_anonymous_wants_no_contact(client):
    referral = stored(client, REPORT_URL, report_data(wants_contact="no"))
    staff = signed_in(make_staff("Triage"))
    html = staff.get(case_url(referral)).content.decode()
    assert "The reporter asked not to be contacted." in html
    response = staff.post(case_url(referral), attempt(address="", within_times=None))
    assert b"the person asked not to be contacted" in response.content
    assert ContactAttempt.objects.count() == 0


def test_calling_the_referring_professional_is_not_against_the_persons_wishes(client):
    data = professional_data(person_contact=PHONE, safe_channels=["email"], never_use=NEVER)
    referral = stored(client, PROFESSIONAL_URL, data)
    staff = signed_in(make_staff("Triage"))
    call = attempt(recipient="referrer", channel="call", address="+381 36 000 000")
    assert staff.post(case_url(referral), call).status_code == 302
    assert ContactAttempt.objects.get().against_wishes == []
    # Calling the person by phone when they chose e-mail only is against them.
    response = staff.post(case_url(referral), attempt(channel="call", within_times=None))
    assert b"a channel the person did not choose" in response.content
    assert ContactAttempt.objects.count() == 1


def test_an_anonymous_notification_has_no_one_to_contact(client):
    data = professional_data(consent="adult-no", age="", age_band="18-25", municipality="")
    referral = stored(client, PROFESSIONAL_URL, data)
    staff = signed_in(make_staff("Triage"))
    response = staff.post(case_url(referral), attempt(address="", within_times=None))
    assert b"the person asked not to be contacted" in response.content
    assert ContactAttempt.objects.count() == 0


def test_retention_destroys_the_sealed_part_and_keeps_the_coarse_facts(report):
    client = signed_in(make_staff("Triage"))
    client.post(case_url(report), attempt(channel="call", reason=REASON))
    closed = timezone.now() - timedelta(days=400)
    Referral.objects.filter(pk=report.pk).update(status="closed", closed_at=closed)
    assert retention.destroy(report, actor="test", now=timezone.now(), days=365) == 1
    row = ContactAttempt.objects.get()
    assert row.sealed is None and row.against_wishes == ["channel"] and row.channel == "call"
    assert b"R7X2" not in dump_database()


def test_every_form_of_the_case_page_has_its_own_ids(client):
    """The case page holds the note, reply, outcome and contact forms: a repeated id would
    tie a label to another form's field (a note typed into the reply box, as it once was)."""
    data = professional_data(person_contact=PHONE, safe_channels=["email"], never_use=NEVER)
    referral = stored(client, PROFESSIONAL_URL, data)
    html = signed_in(make_staff("Triage")).get(case_url(referral)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert "id_text" in ids and "reply_text" in ids
    repeated = sorted({value for value in ids if ids.count(value) > 1})
    assert repeated == []
