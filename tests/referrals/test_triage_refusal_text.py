"""A refusal says what the page needs: a member of the Triage group, who works referrals every
day, is not told that their account "may not see referrals" when the page (statistics, audit
log) is for the Coordinator group; content staff are still told that referrals are not theirs."""

import pytest
from django.urls import reverse

from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["referrals_statistics", "referrals_statistics_csv", "referral_audit:index"]
)
def test_triage_is_told_the_page_is_for_coordinators(url_name):
    client = signed_in(make_staff("Triage"))
    response = client.get(reverse(url_name))
    assert response.status_code == 403
    body = response.content.decode()
    assert "may not see referrals" not in body
    assert "Coordinator group" in body


def test_content_staff_are_told_referrals_are_not_for_their_account():
    client = signed_in(make_staff("Editor"))
    response = client.get(reverse("referrals_statistics"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your account may not see referrals" in body
    assert "Coordinator group" not in body
