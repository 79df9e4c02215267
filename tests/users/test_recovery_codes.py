"""Recovery codes (users/models.py RecoveryCodes): ten single-use codes shown once, kept as
digests; one confirms a sign-in once, is audited, and sends the person to add a new factor."""

import pytest
from django.urls import reverse

from referrals.models import AuditEvent
from tests.staff import make_staff, signed_in
from users import recovery_codes
from users.models import RecoveryCodes

pytestmark = pytest.mark.django_db
QUEUE = "/admin/referrals/queue/"


def test_ten_codes_are_shown_once_and_only_their_digests_are_kept():
    member = make_staff("Triage")
    client = signed_in(member)
    response = client.get(reverse("two_factor_recovery"))
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    device = RecoveryCodes.objects.get(user=member)
    assert device.digests == [recovery_codes.digest(code) for code in codes]
    stored = str(device.digests)
    assert all(code not in stored for code in codes)
    # A second visit does not show them again.
    assert client.get(reverse("two_factor_recovery")).context["codes"] == []


def test_a_used_code_fails_the_second_time_and_the_audit_log_shows_it():
    member = make_staff("Triage")
    codes = RecoveryCodes.issue(member)
    client = signed_in(member, second_factor=False)
    response = client.post(reverse("two_factor_verify"), {"code": codes[0].replace("-", " ")})
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200
    assert RecoveryCodes.objects.get(user=member).remaining == 9
    again = signed_in(member, second_factor=False)
    response = again.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert response.status_code == 200
    assert again.get(QUEUE).status_code == 302
    events = AuditEvent.objects.filter(actor=member.username).order_by("seq")
    used, failed = events.filter(action="staff.recovery_code_used"), events.filter(
        action="staff.second_factor_failed"
    )
    assert used.count() == 1 and used.get().detail == {"remaining": 9}
    assert failed.count() == 1 and codes[0] not in str(failed.get().detail)


def test_the_coordinators_audit_log_says_it_in_words():
    member = make_staff("Triage")
    codes = RecoveryCodes.issue(member)
    signed_in(member, second_factor=False).post(reverse("two_factor_verify"), {"code": codes[1]})
    signed_in(member, second_factor=False).post(reverse("two_factor_verify"), {"code": codes[1]})
    page = signed_in(make_staff("Coordinator")).get("/admin/referrals/audit-log/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Confirmed a sign-in with a recovery code" in text
    assert "A second factor was refused" in text
