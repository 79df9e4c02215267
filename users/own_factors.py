"""A member of staff's own second factors, from their account: the passkeys and apps (name,
when set up, when last used), renaming and removing one, registering another passkey or adding
an authenticator app (the first setup's own part, users/two_factor.py), and the recovery codes.
Under /admin/, so only a confirmed session reaches it (users/middleware.py).

Removing is refused where it would leave the account without a sign-in factor, or without a
passkey when it must use one: the next sign-in would then start from the password alone."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from django_otp.models import Device
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import factors
from .models import RecoveryCodes
from .two_factor import app_setup, safe_next_url


class ChangeForm(forms.Form):
    device = forms.CharField(max_length=200)
    action = forms.ChoiceField(choices=[("rename", "rename"), ("remove", "remove")])
    name = forms.CharField(max_length=64, required=False, strip=True)


def _own_device(user, persistent_id):
    device = Device.from_persistent_id(persistent_id)
    if device is None or device.user_id != user.pk or factors.kind(device) == factors.RECOVERY:
        return None
    return device


def _may_remove(user, device):
    others = [other for other in factors.sign_in_devices(user) if other != device]
    if not others:
        return False
    if factors.kind(device) == factors.PASSKEY and factors.must_use_passkey(user):
        return any(factors.kind(other) == factors.PASSKEY for other in others)
    return True


@method_decorator(never_cache, name="dispatch")
class OwnFactorsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "users/own_second_factor.html"
    page_title = _("Your second factor")
    header_icon = "key"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        recovery = RecoveryCodes.objects.filter(user=user).first()
        context.update(
            devices=factors.sign_in_devices(user),
            recovery_left=recovery.remaining if recovery else 0,
            recovery_url=reverse("two_factor_recovery"),
            next=safe_next_url(self.request),
            passkey_only=factors.must_use_passkey(user),
            add_app_url=reverse("two_factor_add_app"),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ChangeForm(request.POST)
        device = _own_device(request.user, form.data.get("device", ""))
        if not form.is_valid() or device is None:
            messages.error(request, gettext("This second factor was not found."))
        elif form.cleaned_data["action"] == "rename" and form.cleaned_data["name"]:
            device.name = form.cleaned_data["name"]
            device.save(update_fields=["name"])
            # Which factor, not its new name (a name may say where the key is kept).
            factors.record(
                "second_factor_renamed", request.user, kind=factors.kind(device), device=device.pk
            )
            messages.success(request, gettext("The name was changed."))
        elif form.cleaned_data["action"] == "remove":
            self._remove(request, device)
        return redirect("two_factor_devices")

    @staticmethod
    def _remove(request, device):
        if not _may_remove(request.user, device):
            messages.error(
                request,
                gettext(
                    "This is the last second factor your account may sign in with: register "
                    "another one before you remove it."
                ),
            )
            return
        kind, pk = factors.kind(device), device.pk
        device.delete()
        factors.record("second_factor_removed", request.user, kind=kind, device=pk)
        messages.success(request, gettext("The second factor was removed."))


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("code"), name="dispatch")
class AddAppView(WagtailAdminTemplateMixin, TemplateView):
    """An authenticator app added later, e.g. by someone who enrolled with a passkey: the same
    QR code, key and first code as at the first sign-in, and the same audit event."""

    template_name = "users/own_add_app.html"
    page_title = _("Add an authenticator app")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        # Its codes would be refused at every sign-in (users/factors.py).
        if factors.must_use_passkey(request.user):
            messages.error(request, gettext("Your account signs in with a passkey only."))
            return redirect("two_factor_devices")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(after=reverse("two_factor_devices"))
        done = app_setup(request, context, sign_in=False)
        if done is not None:
            messages.success(request, gettext("The authenticator app was added."))
            return done
        return self.render_to_response(context)

    post = get


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the codes, made and shown once if the account has none. POST: new codes instead of
    the old ones, shown once."""

    template_name = "users/recovery_codes.html"
    page_title = _("Recovery codes")
    header_icon = "key"

    def get(self, request, *args, **kwargs):
        codes = []
        if not RecoveryCodes.objects.filter(user=request.user).exists():
            codes = self._issue(request.user)
        return self.render_to_response(self.get_context_data(codes=codes))

    def post(self, request, *args, **kwargs):
        codes = self._issue(request.user)
        return self.render_to_response(self.get_context_data(codes=codes))

    @staticmethod
    def _issue(user):
        codes = RecoveryCodes.issue(user)
        factors.record("recovery_codes_issued", user, count=len(codes))
        return codes

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recovery = RecoveryCodes.objects.filter(user=self.request.user).first()
        context.update(
            remaining=recovery.remaining if recovery else 0, next=safe_next_url(self.request)
        )
        return context


def admin_urls():
    return [
        path("account/second-factor/", OwnFactorsView.as_view(), name="two_factor_devices"),
        path("account/second-factor/app/", AddAppView.as_view(), name="two_factor_add_app"),
        path(
            "account/second-factor/recovery-codes/",
            RecoveryCodesView.as_view(),
            name="two_factor_recovery",
        ),
    ]
