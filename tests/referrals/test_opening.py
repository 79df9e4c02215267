"""How much of a referral each staff request opens: the case page once, however it is rendered,
and a document without any other blob of the referral (its name and type are sealed with it).
Every open goes through keys.open_blob, which is watched here (the real function still runs)."""

import pytest
from django.test import Client
from django.urls import reverse

from referrals import keys
from referrals.models import AuditEvent, Referral
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PDF,
    PNG,
    PROFESSIONAL_URL,
    professional_data,
    receipt_codes,
)
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(monkeypatch):
    """The purpose of every blob opened, in order ("answers", "followup:…", "note:…", …)."""
    purposes = []
    real = keys.open_blob

    def watched(blob, *, record_id, purpose):
        purposes.append(purpose.split(":")[0])
        return real(blob, record_id=record_id, purpose=purpose)

    monkeypatch.setattr(keys, "open_blob", watched)
    return purposes


def upload(name, data, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def referral_with_followups():
    """A professional referral with one file, then two follow-ups, the second with a file."""
    client = Client()
    data = {**professional_data(), "attachments": upload("first.pdf", PDF, "application/pdf")}
    reference, secret = receipt_codes(client.post(PROFESSIONAL_URL, data))
    for text, files in (("More words.", None), ("A photo.", upload("photo.png", PNG, "image/png"))):
        post = {"action": "add", "reference": reference, "secret": secret, "information": text}
        if files:
            post["attachments"] = files
        assert b"your information was added" in client.post(FOLLOW_UP_URL, post).content
    return Referral.objects.get(reference=reference)


def case_url(referral):
    return reverse("referral:case", args=[referral.pk])


def viewed():
    return AuditEvent.objects.filter(action="referral.viewed").count()


def test_an_invalid_note_re_renders_the_case_with_one_decrypt_and_one_event(
    referral_with_followups, opened
):
    client = signed_in(make_staff("Triage"))
    response = client.post(case_url(referral_with_followups), {"action": "note", "text": ""})
    assert response.status_code == 200
    assert "The note was not saved" in response.content.decode()
    assert opened.count("answers") == 1
    assert opened.count("followup") == 2
    assert viewed() == 1


def test_the_case_page_opens_each_blob_once(referral_with_followups, opened):
    signed_in(make_staff("Triage")).get(case_url(referral_with_followups))
    assert sorted(opened) == ["answers", "followup", "followup"]
    assert viewed() == 1


def test_a_followup_document_opens_without_the_answers(referral_with_followups, opened):
    attachment = referral_with_followups.attachments.get(followup__isnull=False)
    url = reverse("referral:attachment", args=[referral_with_followups.pk, attachment.pk])
    response = signed_in(make_staff("Triage")).get(url)
    assert response.status_code == 200
    assert response.content == PNG
    assert "photo.png" in response["Content-Disposition"]
    # The file alone, its name sealed with it: not the answers, not any follow-up.
    assert opened == ["attachment"]
    event = AuditEvent.objects.get(action="attachment.downloaded")
    # Numbered as the case view lists documents: the referral's file, then this one.
    assert event.detail == {"attachment": str(attachment.pk), "number": 2}
    assert viewed() == 0


def test_a_document_of_the_referral_opens_nothing_else(referral_with_followups, opened):
    attachment = referral_with_followups.attachments.get(followup__isnull=True)
    url = reverse("referral:attachment", args=[referral_with_followups.pk, attachment.pk])
    response = signed_in(make_staff("Triage")).get(url)
    assert response.content == PDF
    assert "first.pdf" in response["Content-Disposition"]
    assert opened == ["attachment"]
    event = AuditEvent.objects.get(action="attachment.downloaded")
    assert event.detail["number"] == 1
