"""A failure while a referral is being stored, a follow-up added or a staff note written sends
Django's error mail to ADMINS: that mail must hold no answer, name, secret, file name or note."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from referrals.intake import submit
from referrals.models import Referral
from referrals.triage import workflow
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PNG,
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

NARRATIVE = "Canary narrative 4QX7: she is kept in a flat above the bakery."
NAME = "Jelena Canarić"
FILE_NAME = "canary-passport-scan.png"
NOTE = "Canary note 9ZR2: the cousin Dragan drives the van."


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Operations", "ops@centar.example")]
    mail.outbox.clear()


class Boom(RuntimeError):
    pass


def fail(*args, **kwargs):
    raise Boom("forced failure while storing")


def error_mail():
    reports = [m for m in mail.outbox if "ops@centar.example" in m.to]
    assert reports, "the failure was reported to ADMINS"
    text = "\n".join(
        [reports[0].subject, reports[0].body]
        + [content for content, _type in getattr(reports[0], "alternatives", [])]
    )
    assert "forced failure" in text  # the mail is a real error report
    return text


def file_upload(name=FILE_NAME):
    upload = io.BytesIO(PNG)
    upload.name = name
    return upload


def test_a_failed_professional_referral_mails_no_answer(admins, monkeypatch):
    client = Client(raise_request_exception=False)
    token = form_token(client.get(PROFESSIONAL_URL))
    data = professional_data(narrative=NARRATIVE, referrer_name=NAME)
    data["attachments"] = file_upload()
    monkeypatch.setattr(submit.Attachment.objects, "bulk_create", fail)
    response = client.post(PROFESSIONAL_URL, {"token": token, **data})
    assert response.status_code == 500
    assert Referral.objects.count() == 0
    text = error_mail()
    for secret in (NARRATIVE, "4QX7", NAME, "Canari", FILE_NAME, "csr.example", "+381 36"):
        assert secret not in text, secret


def test_a_failed_follow_up_mails_no_answer_and_no_secret(admins, monkeypatch):
    client = Client(raise_request_exception=False)
    token = form_token(client.get(REPORT_URL))
    reference, secret = receipt_codes(client.post(REPORT_URL, {"token": token, **report_data()}))
    monkeypatch.setattr(submit.Attachment.objects, "bulk_create", fail)
    response = client.post(
        FOLLOW_UP_URL,
        {
            "action": "add",
            "reference": reference,
            "secret": secret,
            "information": NARRATIVE,
            "attachments": file_upload(),
        },
    )
    assert response.status_code == 500
    text = error_mail()
    for value in (NARRATIVE, "4QX7", FILE_NAME, secret, secret.replace("-", "")):
        assert value not in text, value


def test_a_failed_staff_note_mails_no_note_and_no_answer(admins, monkeypatch):
    client = Client()
    token = form_token(client.get(REPORT_URL))
    client.post(REPORT_URL, {"token": token, **report_data(what_happened=NARRATIVE)})
    referral = Referral.objects.get()
    staff = signed_in(make_staff("Triage"))
    staff.raise_request_exception = False
    url = reverse("referral:case", args=[referral.pk])
    # Open the case first: its decrypted answers must not reach the mail of a later failure.
    assert NARRATIVE in staff.get(url).content.decode()
    monkeypatch.setattr(workflow.audit, "append", fail)
    response = staff.post(url, {"action": "note", "text": NOTE})
    assert response.status_code == 500
    text = error_mail()
    for value in (NOTE, "9ZR2", NARRATIVE, "4QX7"):
        assert value not in text, value
    assert not re.search(r"Dragan", text)
