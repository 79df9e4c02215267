"""Staff sessions in the admin: a confirmed second factor before anything else, and an idle
timeout. Only the admin's URLs are concerned: the public pages never touch the OTP tables."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

ADMIN_PREFIX = "/admin/"
LAST_SEEN = "staff_last_seen"
# The last-seen time is written at most this often (seconds): not a session write per request.
TOUCH_EVERY = 60
# What a signed-in person may open before the second factor: signing in and out, the two
# second-factor screens, and the admin's own static helpers.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
}


def is_admin_user(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class AdminSecondFactorMiddleware:
    """After django_otp's OTPMiddleware (which gives request.user.is_verified()): an admin
    account that has not confirmed a code in this session is sent to confirm one, or to set up
    its authenticator first. Every account that can reach the admin needs it, so every account
    that can see referrals does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            user = request.user
            if (
                user.is_authenticated
                and not user.is_verified()
                and self._needs_code(request)
                and is_admin_user(user)
            ):
                name = "two_factor_verify"
                if not user_has_device(user, confirmed=True):
                    name = "two_factor_setup"
                return redirect_to_login(request.get_full_path(), reverse(name))
        return self.get_response(request)

    @staticmethod
    def _needs_code(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.url_name not in OPEN_URL_NAMES


class IdleTimeoutMiddleware:
    """Signs a member of staff out after STAFF_IDLE_TIMEOUT_MINUTES without a request to the
    admin, so an unattended screen does not stay open on the referral queue."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            if last_seen is None or now - last_seen >= TOUCH_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
