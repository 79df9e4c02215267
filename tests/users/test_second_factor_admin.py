"""A lost phone is dealt with in the admin: a coordinator or an administrator sees who has set
up a second factor (and which, since when), and resets a member of staff's, after a
confirmation, by POST only. The reset is on the audit log and in the account's history; the
person's open sessions lose their second factor and the next sign-in sets up a new one. Nobody
else may reset: Editor, Moderator and Triage get 403, and so does anyone reaching for an
administrator's second factor without being one."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from referrals.models import AuditEvent
from referrals.triage import audit
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

INDEX = "/admin/second-factor/"


def reset_url(user):
    return f"/admin/second-factor/{user.pk}/reset/"


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def row_of(response, username):
    """The text of the table row that names `username`."""
    html = response.content.decode()
    for row in re.findall(r"<tr\b.*?</tr>", html, re.S):
        text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        if username in text.split():
            return text
    raise AssertionError(f"no row for {username}")


def test_a_coordinator_sees_who_has_set_up_what():
    coordinator = make_staff("Coordinator")
    enrolled = make_staff("Triage")
    TOTPDevice.objects.filter(user=enrolled).update(name="Pixel 7")
    newcomer = make_staff("Editor", device=False)
    response = signed_in(coordinator).get(INDEX)
    assert response.status_code == 200
    row = row_of(response, enrolled.username)
    assert "Set up" in row and "Pixel 7" in row
    assert re.search(r"\d{4}", row), "the date the device was set up is shown"
    assert "Not set up" in row_of(response, newcomer.username)


def test_a_coordinator_resets_a_lost_phone_after_confirming():
    coordinator = make_staff("Coordinator")
    member = make_staff("Triage")
    member_session = signed_in(member)
    assert member_session.get(reverse("referral:index")).status_code == 200
    client = signed_in(coordinator)

    # The button leads to a confirmation; looking at it changes nothing.
    assert reset_url(member) in client.get(INDEX).content.decode()
    confirm = client.get(reset_url(member))
    assert confirm.status_code == 200
    assert member.username in text_of(confirm)
    assert 'method="post"' in confirm.content.decode()
    assert TOTPDevice.objects.filter(user=member).exists()

    response = client.post(reset_url(member), follow=True)
    assert response.status_code == 200
    assert f"The second factor of {member.username} was reset" in text_of(response)
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert "Not set up" in row_of(response, member.username)

    # The member's open session must set up a new authenticator before anything else.
    response = member_session.get(reverse("referral:index"))
    assert response.status_code == 302 and "/admin/two-factor/setup/" in response["Location"]

    # On the audit log: who reset whose, and when.
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "staff.second_factor_reset"
    assert event.actor == coordinator.username
    assert event.detail == {"account": member.pk}
    assert audit.verify().ok
    # And in the account's history in the admin.
    history = signed_in(make_staff(superuser=True)).get(
        reverse("wagtailusers_users:history", args=[member.pk])
    )
    assert "Second factor reset" in text_of(history)
    assert coordinator.username in text_of(history)


def test_an_administrator_resets_from_the_users_listing_or_the_account_page():
    admin = make_staff(superuser=True)
    member = make_staff("Coordinator")
    TOTPDevice.objects.filter(user=member).update(name="Galaxy A14")
    client = signed_in(admin)
    listing = client.get("/admin/users/")
    assert reset_url(member) in listing.content.decode()
    page = client.get(reverse("wagtailusers_users:edit", args=[member.pk]))
    assert "Second factor" in text_of(page) and "Galaxy A14" in text_of(page)
    assert reset_url(member) in page.content.decode()
    client.post(reset_url(member))
    assert not TOTPDevice.objects.filter(user=member).exists()


@pytest.mark.parametrize("group", ["Editor", "Moderator", "Triage"])
def test_nobody_else_may_see_or_reset(group):
    member = make_staff("Triage")
    client = signed_in(make_staff(group))
    assert client.get(INDEX).status_code == 403
    assert client.get(reset_url(member)).status_code == 403
    assert client.post(reset_url(member)).status_code == 403
    assert TOTPDevice.objects.filter(user=member).exists()
    assert not AuditEvent.objects.filter(action="staff.second_factor_reset").exists()


def test_a_coordinator_may_not_reset_an_administrators_second_factor():
    admin = make_staff(superuser=True)
    client = signed_in(make_staff("Coordinator"))
    assert reset_url(admin) not in client.get(INDEX).content.decode()
    assert client.post(reset_url(admin)).status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_a_reset_is_post_only():
    member = make_staff("Triage")
    client = signed_in(make_staff("Coordinator"))
    assert client.put(reset_url(member)).status_code == 405
    assert TOTPDevice.objects.filter(user=member).exists()


def test_nobody_resets_their_own_second_factor_here():
    # A session taken over must not swap its owner's phone for another one.
    coordinator = make_staff("Coordinator")
    client = signed_in(coordinator)
    assert reset_url(coordinator) not in client.get(INDEX).content.decode()
    assert client.post(reset_url(coordinator)).status_code == 403
    assert TOTPDevice.objects.filter(user=coordinator).exists()
