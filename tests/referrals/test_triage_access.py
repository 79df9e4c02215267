"""Who may see referrals in the admin: editors and moderators nothing at all (403 on every
referral URL, no menu item, no count); staff only after a confirmed second factor; every staff
session ends when left idle."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from referrals.models import Attachment, AuditEvent, Referral
from tests.referrals.support import referral_row
from tests.staff import make_staff, signed_in
from users.two_factor import recovery_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(db):
    row = referral_row(1, reference="CZ-ACC5-0001")
    row.save()
    return row


def referral_urls(referral):
    attachment = Attachment.objects.create(referral=referral, sealed=b"x")
    return [
        reverse("referral:index"),
        reverse("referral:index_results"),
        reverse("referral:index") + "?status=new&overdue=true",
        reverse("referral:case", args=[referral.pk]),
        reverse("referral:attachment", args=[referral.pk, attachment.pk]),
        reverse("referrals_statistics"),
        reverse("referrals_statistics_csv"),
        reverse("referral_audit:index"),
        reverse("referral_audit:index_results"),
    ]


def test_the_four_groups_exist_with_the_right_referral_rights():
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="referrals")
            .values_list("codename", flat=True)
        )

    assert codenames("Triage") == {"view_referral", "change_referral", "decrypt_referral"}
    assert codenames("Coordinator") == codenames("Triage") | {
        "assign_referral",
        "report_referral",
    }
    assert codenames("Editor") == set()
    assert codenames("Moderator") == set()
    # Wagtail's page rights came along with the renamed groups.
    assert Group.objects.get(name="Editor").page_permissions.exists()
    assert Group.objects.get(name="Moderator").page_permissions.exists()


@pytest.mark.parametrize("group", ["Editor", "Moderator"])
def test_content_staff_get_403_on_every_referral_url(referral, group):
    client = signed_in(make_staff(group))
    for url in referral_urls(referral):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"CZ-ACC5-0001" not in response.content
    response = client.post(reverse("referral:case", args=[referral.pk]), {"action": "claim"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.assignee is None


@pytest.mark.parametrize("who", ["Coordinator", "superuser"])
def test_coordinators_and_superusers_open_every_referral_page(referral, who):
    """A superuser holds every model permission, add and delete included: the pages must not
    offer (and fail to build) links to views that do not exist."""
    user = make_staff(superuser=True) if who == "superuser" else make_staff(who)
    client = signed_in(user)
    # The placeholder attachment does not decrypt: its URL sends back to the case, tested
    # elsewhere with a real one.
    urls = [url for url in referral_urls(referral) if "/document/" not in url]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("group", ["Editor", "Moderator"])
def test_content_staff_see_no_menu_item_and_no_count(referral, group):
    client = signed_in(make_staff(group))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("referral:index") not in html
    assert reverse("referrals_statistics") not in html
    assert "referral-dashboard" not in html
    assert "Referrals" not in html and "Пријаве" not in html


def test_triage_staff_see_the_menu_and_the_counts(referral):
    client = signed_in(make_staff("Triage"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("referral:index") in html
    assert "referral-dashboard" in html
    # Triage does not see the coordinators' items.
    assert reverse("referrals_statistics") not in html
    assert reverse("referral_audit:index") not in html


def test_coordinators_see_statistics_and_audit_log_in_the_menu(referral):
    client = signed_in(make_staff("Coordinator"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in ("referral:index", "referrals_statistics", "referral_audit:index"):
        assert reverse(name) in html
    assert client.get(reverse("referral_audit:index")).status_code == 200


def test_triage_gets_403_on_coordinator_urls(referral):
    client = signed_in(make_staff("Triage"))
    for name in ("referrals_statistics", "referrals_statistics_csv", "referral_audit:index"):
        assert client.get(reverse(name)).status_code == 403, name


def test_without_a_confirmed_second_factor_the_queue_does_not_open(referral):
    user = make_staff("Triage")
    client = signed_in(user, second_factor=False)
    for url in [reverse("wagtailadmin_home"), *referral_urls(referral)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("two_factor_verify")), url
    # A wrong code is refused and still shows nothing.
    response = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert client.get(reverse("referral:index")).status_code == 302


def test_first_sign_in_sets_up_an_authenticator_before_anything_else(referral):
    user = make_staff("Triage", device=False)
    client = signed_in(user, second_factor=False)
    response = client.get(reverse("referral:index"))
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html  # the QR code, drawn on the server
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    import base64

    assert base64.b32decode(key + "=" * (-len(key) % 8)) == device.bin_key
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(
        reverse("two_factor_setup"), {"code": f"{code:06d}", "next": reverse("referral:index")}
    )
    # The recovery codes are shown next, once, then the page asked for.
    assert response.status_code == 302
    assert response["Location"] == recovery_url(reverse("referral:index"))
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("referral:index")).status_code == 200


def test_setup_is_refused_once_a_device_exists():
    """A stolen password alone must not add a second authenticator."""
    user = make_staff("Triage")
    client = signed_in(user, second_factor=False)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_the_public_site_does_not_ask_staff_for_a_code(client):
    user = make_staff("Triage")
    staff = signed_in(user, second_factor=False)
    assert staff.get("/en/").status_code == 200


def test_an_idle_session_ends(referral):
    user = make_staff("Triage")
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)):
        client = signed_in(user)
        assert client.get(reverse("referral:index")).status_code == 200
    # 29 minutes later: still signed in.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 29, tzinfo=datetime.UTC)):
        assert client.get(reverse("referral:index")).status_code == 200
    # 31 minutes after that last request: signed out.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 1, tzinfo=datetime.UTC)):
        response = client.get(reverse("referral:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
        assert client.get(reverse("referral:index"))["Location"].startswith(
            reverse("wagtailadmin_login")
        )
    assert Referral.objects.count() == 1


def test_a_lost_phone_is_reset_by_command_and_the_open_session_loses_its_second_factor():
    from io import StringIO

    from django.core.management import call_command

    from referrals.triage import audit

    user = make_staff("Triage")
    client = signed_in(user)
    assert client.get(reverse("referral:index")).status_code == 200
    call_command("reset_second_factor", user.username, stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()
    # The session that was verified with the old phone is not any more: set up a new one.
    response = client.get(reverse("referral:index"))
    assert response.status_code == 302 and "/admin/two-factor/setup/" in response["Location"]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "staff.second_factor_reset" and event.detail == {"account": user.pk}
    assert audit.verify().ok
