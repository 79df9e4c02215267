"""The conversation under the deployment's database roles (operations/database_roles.py): the
public tier reads the reporter's copy of a message, marks it read and erases it, and can neither
read the triage copy nor insert or delete a message; staff write as the internal role."""

import pytest
from django.test import Client
from django.urls import reverse

from referrals.models import ReporterMessage
from tests.operations.test_database_roles import INTERNAL, PUBLIC, refused, role, roles  # noqa: F401
from tests.referrals.intake_support import submit
from tests.referrals.support import FOLLOW_UP_URL, REPORT_URL, receipt_codes, report_data
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

REPLY = "Is the child still there? (canary 5KX9)"

PUBLIC_ATTACKS = [
    "SELECT sealed_for_triage FROM referrals_reportermessage",
    "SELECT author_id FROM referrals_reportermessage",
    "SELECT * FROM referrals_reportermessage",
    "INSERT INTO referrals_reportermessage (id, referral_id, created_at, sealed_for_triage) "
    "SELECT gen_random_uuid(), id, now(), 'x' FROM referrals_referral",
    "DELETE FROM referrals_reportermessage",
    "UPDATE referrals_reportermessage SET sealed_for_triage = 'x'",
    "UPDATE referrals_reportermessage SET created_at = now()",
]


def test_the_conversation_works_as_the_two_roles_and_no_further(roles):  # noqa: F811
    client = Client()
    staff = make_staff("Triage")
    with role(PUBLIC):
        reference, secret = receipt_codes(submit(client, REPORT_URL, report_data()))
    with role(INTERNAL):
        browser = signed_in(staff)
        from referrals.models import Referral

        referral = Referral.objects.get(reference=reference)
        case_url = reverse("referral:case", args=[referral.pk])
        response = browser.post(case_url, {"action": "reply", "text": REPLY}, follow=True)
        assert response.status_code == 200
    message = ReporterMessage.objects.get()
    with role(PUBLIC):
        for statement in PUBLIC_ATTACKS:
            assert refused(statement), statement
        response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
        assert REPLY in response.content.decode()
        response = client.post(
            FOLLOW_UP_URL,
            {"reference": reference, "secret": secret, "action": "delete", "message": message.pk},
        )
        assert response.status_code == 200 and REPLY not in response.content.decode()
    message.refresh_from_db()
    assert message.read_at and message.deleted_at and message.sealed_for_reporter is None
    with role(INTERNAL):
        html = browser.get(case_url).content.decode()
    assert REPLY in html and "The reporter deleted it" in html
