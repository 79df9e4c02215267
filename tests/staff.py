"""Staff accounts for the triage tests: a user in one of the four groups, signed in through the
real admin login and second-factor screens with a code computed from their TOTP device."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def make_staff(group=None, username=None, *, superuser=False, device=True):
    """A member of staff in `group` ("Triage", "Coordinator", "Editor", "Moderator")."""
    username = username or f"{(group or 'staff').lower()}{next(_numbers)}"
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_superuser=superuser, is_staff=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    # The tests read the admin in English (the Centre's staff use it in Serbian).
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    if device:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def current_code(user):
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return totp(device.bin_key, device.step, device.t0, device.digits, device.drift)


def signed_in(user, *, second_factor=True):
    """A Client signed in with the password and, unless told otherwise, the current code."""
    client = Client()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password sign-in works"
    if second_factor:
        response = client.post("/admin/two-factor/verify/", {"code": f"{current_code(user):06d}"})
        assert response.status_code == 302, "the second factor is accepted"
    return client
