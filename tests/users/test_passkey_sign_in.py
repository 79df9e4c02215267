"""Passkeys as the staff second factor (users/passkeys.py, users/factors.py), through the real
django-otp-webauthn endpoints with a software authenticator: registering one, confirming a
sign-in with it, a passkey made for another site refused, the STAFF_SECOND_FACTOR=passkey
policy, and every step on the audit log without a credential id or key."""

import json
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp_webauthn.models import WebAuthnCredential

from referrals.models import AuditEvent
from tests.staff import current_code, make_staff, signed_in
from tests.users.soft_authenticator import SoftAuthenticator, b64url
from users.two_factor import key_text

pytestmark = pytest.mark.django_db

ORIGIN, RP_ID = "http://localhost:8000", "localhost"
QUEUE = "/admin/referrals/queue/"


def post_json(client, name, data=None):
    return client.post(
        reverse(f"otp_webauthn:{name}"), json.dumps(data or {}), content_type="application/json"
    )


def register(client, authenticator):
    options = post_json(client, "credential-registration-begin").json()
    return post_json(client, "credential-registration-complete", authenticator.register(options))


def confirm(client, authenticator):
    options = post_json(client, "credential-authentication-begin").json()
    return post_json(client, "credential-authentication-complete", authenticator.sign_in(options))


def actions(user):
    events = AuditEvent.objects.filter(actor=user.username).order_by("seq")
    return list(events.values_list("action", flat=True))


@pytest.fixture
def member():
    return make_staff("Triage")


@pytest.fixture
def passkey(member):
    authenticator = SoftAuthenticator(ORIGIN, RP_ID)
    response = register(signed_in(member), authenticator)
    assert response.status_code == 200, response.content
    return authenticator


def test_a_registered_passkey_confirms_the_next_sign_in(member, passkey):
    assert WebAuthnCredential.objects.filter(user=member).count() == 1
    client = signed_in(member, second_factor=False)
    assert client.get(QUEUE).status_code == 302
    response = confirm(client, passkey)
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"].startswith("/admin/")
    assert client.get(QUEUE).status_code == 200
    assert WebAuthnCredential.objects.get(user=member).last_used_at is not None
    assert actions(member)[-2:] == ["staff.second_factor_added", "staff.second_factor_used"]


def test_registering_needs_a_confirmed_session_when_a_factor_exists(member):
    client = signed_in(member, second_factor=False)
    response = post_json(client, "credential-registration-begin")
    assert response.status_code in (302, 403)
    assert not WebAuthnCredential.objects.filter(user=member).exists()


@pytest.mark.parametrize(
    "origin, rp_id", [("https://centar.example.net", "centar.example.net"), (ORIGIN, "evil.test")]
)
def test_a_passkey_of_another_site_is_refused(member, passkey, origin, rp_id):
    # The phishing page's passkey: another origin or another RP id, with the right key.
    phished = SoftAuthenticator(origin, rp_id)
    phished.key, phished.credential_id = passkey.key, passkey.credential_id
    client = signed_in(member, second_factor=False)
    response = confirm(client, phished)
    assert response.status_code == 422
    assert client.get(QUEUE).status_code == 302
    assert actions(member)[-1] == "staff.second_factor_failed"


@pytest.mark.parametrize(
    "origin, rp_id", [("https://centar.example.net", "centar.example.net"), (ORIGIN, "evil.test")]
)
def test_a_passkey_made_for_another_site_cannot_be_registered(member, origin, rp_id):
    response = register(signed_in(member), SoftAuthenticator(origin, rp_id))
    assert response.status_code == 422
    assert not WebAuthnCredential.objects.filter(user=member).exists()
    assert actions(member)[-1] == "staff.second_factor_failed"


def test_no_credential_id_or_key_in_the_audit_log_or_the_logs(member, passkey, caplog):
    caplog.set_level("DEBUG")
    client = signed_in(member, second_factor=False)
    confirm(client, passkey)
    wrong = SoftAuthenticator(ORIGIN, "evil.test")
    wrong.key, wrong.credential_id = passkey.key, passkey.credential_id
    assert confirm(signed_in(member, second_factor=False), wrong).status_code == 422
    text = json.dumps(list(AuditEvent.objects.values_list("detail", flat=True))) + caplog.text
    assert b64url(passkey.credential_id) not in text
    assert passkey.credential_id.hex() not in text


@override_settings(STAFF_SECOND_FACTOR="passkey")
def test_with_the_passkey_policy_an_app_code_alone_is_refused(member, passkey):
    client = signed_in(member, second_factor=False)
    response = client.post(reverse("two_factor_verify"), {"code": f"{current_code(member):06d}"})
    assert response.status_code == 200
    assert client.get(QUEUE).status_code == 302
    assert confirm(client, passkey).status_code == 200
    assert client.get(QUEUE).status_code == 200


@override_settings(STAFF_SECOND_FACTOR="passkey")
def test_with_the_passkey_policy_an_app_only_member_is_led_to_register_one(member):
    client = signed_in(member)  # the app code confirms the session ...
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert reverse("two_factor_setup") in response["Location"]  # ... only to add a passkey
    assert register(client, SoftAuthenticator(ORIGIN, RP_ID)).status_code == 200
    assert client.get(QUEUE).status_code == 200


def test_an_editor_is_not_held_to_the_passkey_policy():
    editor = make_staff("Editor")
    with override_settings(STAFF_SECOND_FACTOR="passkey"):
        assert signed_in(editor).get("/admin/").status_code == 200


def test_reset_second_factor_removes_passkeys_too(member, passkey):
    call_command("reset_second_factor", member.username, actor="coordinator")
    assert not WebAuthnCredential.objects.filter(user=member).exists()


def test_own_page_names_lists_and_removes_a_passkey_but_never_the_last_factor(member, passkey):
    client = signed_in(member, second_factor=False)
    assert confirm(client, passkey).status_code == 200
    device = WebAuthnCredential.objects.get(user=member)
    page = client.get(reverse("two_factor_devices"))
    assert page.status_code == 200 and device.name in page.content.decode()
    url = reverse("two_factor_devices")
    pid = device.persistent_id
    client.post(url, {"device": pid, "action": "rename", "name": "Office key"})
    assert WebAuthnCredential.objects.get(pk=device.pk).name == "Office key"
    # Audited like every change to a factor; the name itself is not recorded.
    assert actions(member)[-1] == "staff.second_factor_renamed"
    assert "Office key" not in str(AuditEvent.objects.latest("id").detail)
    app = member.totpdevice_set.get()
    client.post(url, {"device": app.persistent_id, "action": "remove"})
    assert not member.totpdevice_set.exists()
    assert actions(member)[-1] == "staff.second_factor_removed"
    # The passkey is now the last sign-in factor: it stays.
    response = client.post(url, {"device": pid, "action": "remove"}, follow=True)
    assert response.status_code == 200 and "last second factor" in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()
    # Someone else's device, or nonsense, is not found.
    assert client.post(url, {"device": "nonsense", "action": "remove"}).status_code == 302


def app_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_passkey_member_adds_an_authenticator_app_later_from_the_account_page(member, passkey):
    member.totpdevice_set.all().delete()
    client = signed_in(member, second_factor=False)
    assert confirm(client, passkey).status_code == 200
    page = client.get(reverse("two_factor_devices")).content.decode()
    add = reverse("two_factor_add_app")
    assert f'href="{add}"' in page
    page = client.get(add)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = member.totpdevice_set.get(confirmed=False)
    # The key is in the page as text, for typing into the app by hand.
    assert key_text(device) in page.content.decode()
    # A wrong code: the app is not added, the attempt is audited, the page says why.
    wrong = client.post(add, {"code": "000000" if app_code(device) != "000000" else "111111"})
    assert "This code is not right" in wrong.content.decode()
    assert not member.totpdevice_set.filter(confirmed=True).exists()
    assert actions(member)[-1] == "staff.second_factor_failed"
    time.sleep(1.1)  # django-otp takes no code for a second after a wrong one
    code = app_code(device)
    response = client.post(add, {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("two_factor_devices")
    assert "The authenticator app was added." in response.content.decode()
    assert member.totpdevice_set.get().confirmed
    added = AuditEvent.objects.latest("seq")
    assert added.action == "staff.second_factor_added"
    assert added.detail == {"kind": "totp", "device": device.pk}
    # The session stays confirmed with the passkey; the code typed to add the app cannot be
    # replayed to confirm another sign-in.
    assert client.get(QUEUE).status_code == 200
    other = signed_in(member, second_factor=False)
    replayed = other.post(reverse("two_factor_verify"), {"code": code})
    assert replayed.status_code == 200 and other.get(QUEUE).status_code == 302


def test_the_account_page_shows_each_session_a_key_of_its_own(member, passkey):
    """A key shown on another screen before (an abandoned first setup) is never the one the
    account page asks to confirm."""
    client = signed_in(member, second_factor=False)
    assert confirm(client, passkey).status_code == 200
    client.get(reverse("two_factor_add_app"))
    shown = member.totpdevice_set.get(confirmed=False)
    client.get(reverse("two_factor_add_app"))
    assert member.totpdevice_set.get(confirmed=False) == shown
    # Another session (a TOTP code is taken once: this one confirms with the passkey too).
    other = signed_in(member, second_factor=False)
    assert confirm(other, passkey).status_code == 200
    other.get(reverse("two_factor_add_app"))
    assert member.totpdevice_set.get(confirmed=False) != shown


def test_no_app_is_added_for_a_member_held_to_passkeys(member, passkey):
    client = signed_in(member, second_factor=False)
    with override_settings(STAFF_SECOND_FACTOR="passkey"):
        assert confirm(client, passkey).status_code == 200
        page = client.get(reverse("two_factor_devices")).content.decode()
        assert reverse("two_factor_add_app") not in page
        response = client.get(reverse("two_factor_add_app"), follow=True)
        assert "signs in with a passkey only" in response.content.decode()
    assert not member.totpdevice_set.filter(confirmed=False).exists()
