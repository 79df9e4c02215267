"""Staff sessions in the admin: a confirmed second factor before anything else, an idle timeout
and an absolute limit counted from the sign-in. Only the admin's URLs are concerned: the public
pages never touch the OTP tables."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import Resolver404, resolve, reverse

from . import factors

ADMIN_PREFIX = "/admin/"
LAST_SEEN = "staff_last_seen"
# When the password was accepted (seconds since the epoch): the session ends SESSION_COOKIE_AGE
# after it, whatever the activity since.
SIGNED_IN_AT = "staff_signed_in_at"
# The last-seen time is written at most this often (seconds): not a session write per request.
TOUCH_EVERY = 60
# What a signed-in person may open before the second factor: signing in and out, the two
# second-factor screens, the passkey endpoints they call (namespace otp_webauthn), and the
# admin's own static helpers.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
}
OPEN_NAMESPACES = {"otp_webauthn"}


def is_admin_user(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class AdminSecondFactorMiddleware:
    """After django_otp's OTPMiddleware (which gives request.user.is_verified()): an admin
    account that has not confirmed a second factor in this session is sent to confirm one, or
    to set one up first; under STAFF_SECOND_FACTOR=passkey, a member who must use a passkey and
    confirmed another way is sent to confirm with one or register one (users/factors.py).
    Every account that can reach the admin needs it, so every account that can see referrals
    does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            user = request.user
            if user.is_authenticated and self._needs_code(request) and is_admin_user(user):
                name = factors.next_step(request)
                if name is not None:
                    return redirect_to_login(request.get_full_path(), reverse(name))
        return self.get_response(request)

    @staticmethod
    def _needs_code(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        if OPEN_NAMESPACES.intersection(match.namespaces):
            return False
        return match.url_name not in OPEN_URL_NAMES


@receiver(user_logged_in)
def stamp_sign_in(sender, request, user, **kwargs):
    # login() has just cycled the session key, so this stamp belongs to the new session only.
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class IdleTimeoutMiddleware:
    """Signs a member of staff out after STAFF_IDLE_TIMEOUT_MINUTES without a request to the
    admin, so an unattended screen does not stay open on the referral queue, and in any case
    SESSION_COOKIE_AGE (12 hours) after the sign-in. The session's own expiry cannot give that
    limit: every save (the last-seen time, each minute) pushes it on by SESSION_COOKIE_AGE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            last_seen = session.get(LAST_SEEN)
            # A session from before the stamp existed counts from its last request (or now).
            signed_in_at = session.setdefault(SIGNED_IN_AT, last_seen or now)
            idle = last_seen is not None and (
                now - last_seen > settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
            )
            if idle or now - signed_in_at >= settings.SESSION_COOKIE_AGE:
                # logout() deletes the stored session and gives the browser a fresh, empty one.
                logout(request)
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            if last_seen is None or now - last_seen >= TOUCH_EVERY:
                session[LAST_SEEN] = now
        return self.get_response(request)
