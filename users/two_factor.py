"""The two second-factor screens of the admin: confirm a code, or set up an authenticator app
the first time (a TOTP device of django-otp, shown as a QR code and as its key in text)."""

import base64
import datetime
import math

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _wrong_code(form):
    # A form-wide error: the templates show those in the alert area above the form (the
    # admin's sign-in styles hide a field's own error text).
    form.add_error(None, _("This code is not right or has expired. Try the current one."))


def _locked_until(devices):
    """When the first of `devices` takes codes again after wrong ones (django-otp throttling),
    or None if one of them takes codes now."""
    until = []
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if allowed:
            return None
        until.append((data or {}).get("locked_until") or timezone.now())
    return min(until, default=None)


def _paused(form, locked_until):
    """Say that codes are not checked for now, and until when: a person who is not told would
    think their phone shows wrong codes."""
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    if seconds < 60:
        form.add_error(
            None,
            ngettext(
                "Too many wrong codes: codes are not checked for now. Try again in %(seconds)s "
                "second.",
                "Too many wrong codes: codes are not checked for now. Try again in %(seconds)s "
                "seconds.",
                seconds,
            )
            % {"seconds": seconds},
        )
        return
    minutes = math.ceil(seconds / 60)
    # Rounded up to the minute: a person who tries at the minute said must not be refused.
    at = locked_until.replace(second=0, microsecond=0)
    if at < locked_until:
        at += datetime.timedelta(minutes=1)
    form.add_error(
        None,
        ngettext(
            "Too many wrong codes: codes are not checked for now. Try again in %(minutes)s "
            "minute, at %(time)s.",
            "Too many wrong codes: codes are not checked for now. Try again in %(minutes)s "
            "minutes, at %(time)s.",
            minutes,
        )
        % {"minutes": minutes, "time": formats.time_format(timezone.localtime(at), "H:i")},
    )


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Confirm a code from an authenticator set up before."""
    if not user_has_device(request.user, confirmed=True):
        return redirect_to_login(_next_url(request), reverse("two_factor_setup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(devices_for_user(request.user, confirmed=True))
        locked_until = _locked_until(devices)
        if locked_until is not None:
            _paused(form, locked_until)
        else:
            for device in devices:
                if device.verify_token(form.cleaned_data["code"]):
                    otp_login(request, device)
                    return redirect(_next_url(request))
            _wrong_code(form)
    return render(
        request, "users/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """First sign-in: add an authenticator app. Only for an account that has none yet; adding
    another device later needs a verified session (a stolen password alone must not do it)."""
    if user_has_device(request.user, confirmed=True):
        return redirect_to_login(_next_url(request), reverse("two_factor_verify"))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=str(_("Authenticator app")), confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        locked_until = _locked_until([device])
        if locked_until is not None:
            _paused(form, locked_until)
        elif device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            _wrong_code(form)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": qr_svg(device.config_url),
        "key_text": key_text(device),
    }
    return render(request, "users/two_factor_setup.html", context)


def key_text(device):
    """The device key in base 32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(data):
    """An inline SVG QR code: drawn on the server, no image service, no script."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")
