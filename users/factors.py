"""Which second factors an account has, which it must use (settings.STAFF_SECOND_FACTOR), and
the audit events of all of them.

Three kinds of django-otp device: a passkey or security key (WebAuthnCredential of
django-otp-webauthn), an authenticator app (TOTPDevice) and the recovery codes (RecoveryCodes).
The first two are "sign-in factors": an account with neither sets one up at its next sign-in.
With STAFF_SECOND_FACTOR=passkey, members of STAFF_PASSKEY_GROUPS must confirm each session with
a passkey; a session confirmed another way (an app code, a recovery code) may only register one.

Audit events name the kind of device and its row id, never a credential id or public key."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from referrals.triage import audit

from .models import RecoveryCodes

PASSKEY, APP, RECOVERY = "passkey", "totp", "recovery_code"
SIGN_IN_DEVICES = (WebAuthnCredential, TOTPDevice)


def kind(device):
    if isinstance(device, WebAuthnCredential):
        return PASSKEY
    if isinstance(device, RecoveryCodes):
        return RECOVERY
    return APP


def must_use_passkey(user):
    return (
        settings.STAFF_SECOND_FACTOR == "passkey"
        and user.groups.filter(name__in=settings.STAFF_PASSKEY_GROUPS).exists()
    )


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def has_sign_in_factor(user):
    return any(
        model.objects.filter(user=user, confirmed=True).exists() for model in SIGN_IN_DEVICES
    )


def session_kind(request):
    device = getattr(request.user, "otp_device", None)
    return kind(device) if device is not None else None


def may_register_now(request):
    """A verified session that must be moved onto a new passkey: confirmed with a recovery
    code, or with an app code where a passkey is required."""
    user = request.user
    if not user.is_verified():
        return False
    current = session_kind(request)
    return current == RECOVERY or (current != PASSKEY and must_use_passkey(user))


def next_step(request):
    """The URL name a signed-in admin account must go to before anything else, or None."""
    user = request.user
    if not user.is_verified():
        return "two_factor_verify" if has_sign_in_factor(user) else "two_factor_setup"
    if must_use_passkey(user) and session_kind(request) != PASSKEY:
        if session_kind(request) != RECOVERY and has_passkey(user):
            return "two_factor_verify"
        return "two_factor_setup"
    return None


def sign_in_devices(user):
    """The account's passkeys and apps, oldest first."""
    devices = [
        device
        for model in SIGN_IN_DEVICES
        for device in model.objects.filter(user=user, confirmed=True)
    ]
    return sorted(devices, key=lambda device: device.created_at or timezone.now())


def sign_in_devices_by_user():
    """{user id: [devices]} for every account, for the coordinators' list."""
    found = {}
    for model in SIGN_IN_DEVICES:
        for device in model.objects.filter(confirmed=True).order_by("created_at"):
            found.setdefault(device.user_id, []).append(device)
    return found


def remove_all(user):
    """Remove every second factor of `user` (passkeys, apps, recovery codes); how many."""
    removed = 0
    with transaction.atomic():
        for model in (*SIGN_IN_DEVICES, RecoveryCodes):
            _, counts = model.objects.filter(user=user).delete()
            removed += counts.get(model._meta.label, 0)
    return removed


def record(action, user, **detail):
    """One audit event of a member of staff's own second factor (staff.<action>)."""
    audit.append(f"staff.{action}", actor=user.get_username(), detail=detail)
