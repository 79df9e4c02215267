"""django-otp-webauthn's four endpoints in the admin (/admin/two-factor/passkey/), as the
library's own views with three additions: each completed registration or sign-in and each
refusal is an audit event (users/factors.py: kind and row id, never the credential id or key);
a passkey registered by a session that must move to one (users/factors.may_register_now) then
confirms that session; and the next page is the admin's, not LOGIN_REDIRECT_URL.

The library's scripts are static files and its settings a JSON element (no inline script), so
the pages that use them keep the admin's strict policy (users/admin_csp.py)."""

import json

from django.urls import include, path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.i18n import JavaScriptCatalog
from django_otp import login as otp_login
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.models import WebAuthnCredential

from . import factors


class AuditedFailures:
    step = ""

    def handle_exception(self, exc):
        user = getattr(self.request, "user", None)
        if isinstance(exc, exceptions.OTPWebAuthnApiError) and user and user.is_authenticated:
            factors.record(
                "second_factor_failed", user, kind=factors.PASSKEY, step=self.step, reason=exc.code
            )
        return super().handle_exception(exc)


class CompleteRegistration(AuditedFailures, webauthn.CompleteCredentialRegistrationView):
    step = "registration"

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        request = self.request
        device = WebAuthnCredential.objects.get(pk=self._new_id(response), user=request.user)
        device.name = gettext("Passkey of %(date)s") % {
            "date": formats.date_format(timezone.localtime(), "SHORT_DATE_FORMAT")
        }
        device.save(update_fields=["name"])
        if factors.may_register_now(request):
            otp_login(request, device)
        factors.record("second_factor_added", request.user, kind=factors.PASSKEY, device=device.pk)
        return response

    @staticmethod
    def _new_id(response):
        return json.loads(response.content)["id"]


class CompleteAuthentication(AuditedFailures, webauthn.CompleteCredentialAuthenticationView):
    step = "sign_in"

    def complete_auth(self, device):
        super().complete_auth(device)
        factors.record("second_factor_used", device.user, kind=factors.PASSKEY, device=device.pk)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")


def admin_urls():
    endpoints = [
        path(
            "registration/begin/",
            webauthn.BeginCredentialRegistrationView.as_view(),
            name="credential-registration-begin",
        ),
        path(
            "registration/complete/",
            CompleteRegistration.as_view(),
            name="credential-registration-complete",
        ),
        path(
            "authentication/begin/",
            webauthn.BeginCredentialAuthenticationView.as_view(),
            name="credential-authentication-begin",
        ),
        path(
            "authentication/complete/",
            CompleteAuthentication.as_view(),
            name="credential-authentication-complete",
        ),
        path(
            "jsi18n/",
            JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
            name="js-i18n-catalog",
        ),
    ]
    return [path("two-factor/passkey/", include((endpoints, "otp_webauthn")))]
