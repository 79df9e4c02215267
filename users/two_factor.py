"""The two second-factor screens of the admin: confirm a sign-in, or set up a second factor the
first time. Confirming: the passkey button (django-otp-webauthn's script and endpoints,
users/passkeys.py) or a code, from an authenticator app (a TOTP device of django-otp) or a
recovery code (users.models.RecoveryCodes); members held to STAFF_SECOND_FACTOR=passkey may use
a recovery code but no app code (users/factors.py). Setting up: a passkey, or an authenticator
app shown as a QR code and as its key in text; then the recovery codes (users/own_factors.py)."""

import base64
import datetime
import math

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import factors, recovery_codes
from .models import RecoveryCodes

# The session's key of the app device whose key it was shown (adding an app from the account).
PENDING_APP = "two_factor_pending_app"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=24,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def safe_next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def recovery_url(next_url):
    """The recovery codes page, then `next_url`: where a new second factor leads."""
    return f"{reverse('two_factor_recovery')}?{urlencode({'next': next_url})}"


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


def _code_devices(user, passkey_only, code):
    """The devices a typed code is checked against: the recovery codes for something shaped
    like one (an app is not told of it, so its wrong-code pause does not grow), else the apps,
    none for a member who must use a passkey."""
    devices = devices_for_user(user, confirmed=True)
    if recovery_codes.looks_like_a_code(code):
        return [device for device in devices if isinstance(device, RecoveryCodes)]
    if passkey_only:
        return []
    return [device for device in devices if factors.kind(device) == factors.APP]


def _confirmed(request, device):
    otp_login(request, device)
    next_url = safe_next_url(request)
    if factors.kind(device) != factors.RECOVERY:
        factors.record("second_factor_used", request.user, kind=factors.kind(device))
        return redirect(next_url)
    factors.record("recovery_code_used", request.user, remaining=device.remaining)
    messages.warning(
        request,
        ngettext(
            "You used a recovery code; %(count)s is left. Register a new passkey or "
            "authenticator app now, and make new recovery codes.",
            "You used a recovery code; %(count)s are left. Register a new passkey or "
            "authenticator app now, and make new recovery codes.",
            device.remaining,
        )
        % {"count": device.remaining},
    )
    return redirect(f"{reverse('two_factor_devices')}?{urlencode({'next': next_url})}")


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Confirm a sign-in with a second factor set up before."""
    user = request.user
    if not factors.has_sign_in_factor(user):
        return redirect_to_login(safe_next_url(request), reverse("two_factor_setup"))
    # A member held to passkeys who has none yet may use an app code: it only lets them
    # register one (users/factors.py, next_step).
    has_passkey = factors.has_passkey(user)
    passkey_only = has_passkey and factors.must_use_passkey(user)
    form = CodeForm(request.POST or None)
    if passkey_only:
        form.fields["code"].label = _("Recovery code")
    if request.method == "POST" and form.is_valid():
        devices = _code_devices(user, passkey_only, form.cleaned_data["code"])
        locked_until = _locked_until(devices)
        if locked_until is not None:
            _paused(form, locked_until)
        else:
            for device in devices:
                if device.verify_token(form.cleaned_data["code"]):
                    return _confirmed(request, device)
            _wrong_code(form)
            factors.record("second_factor_failed", user, kind="code", step="sign_in")
    context = {
        "form": form,
        "next": safe_next_url(request),
        "has_passkey": has_passkey,
        "passkey_only": passkey_only,
    }
    return render(request, "users/two_factor_verify.html", context)


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """First sign-in: register a passkey or add an authenticator app. Only for an account that
    has neither yet, or a session that must move to a new passkey (users/factors.py): adding
    a factor otherwise needs a confirmed session and the account's page (a stolen password
    alone must not do it)."""
    user = request.user
    first = not factors.has_sign_in_factor(user)
    if not first and not factors.may_register_now(request):
        return redirect_to_login(safe_next_url(request), reverse("two_factor_verify"))
    context = {
        "next": safe_next_url(request),
        "after": recovery_url(safe_next_url(request)),
        "show_app": first and not factors.must_use_passkey(user),
    }
    if context["show_app"]:
        done = app_setup(request, context)
        if done is not None:
            return done
    return render(request, "users/two_factor_setup.html", context)


def _pending_app(request, session_bound):
    """The app device being set up, not confirmed yet. `session_bound` (adding one from the
    account's page): only the one this session showed, else a new key, so a key shown on another
    screen earlier is never the one confirmed now."""
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False)
    device = (
        pending.filter(pk=request.session.get(PENDING_APP)).first()
        if session_bound
        else pending.first()
    )
    if device is None:
        if session_bound:
            pending.delete()
        device = TOTPDevice.objects.create(
            user=request.user, name=gettext("Authenticator app"), confirmed=False
        )
        request.session[PENDING_APP] = device.pk
    return device


def app_setup(request, context, *, sign_in=True):
    """The authenticator-app part of a page (the first sign-in's setup, or adding an app from
    the account's page): fills `context`, or returns the redirect to context["after"] once the
    app's first code is right. `sign_in`: that code also confirms this sign-in; otherwise the
    session keeps the factor it was confirmed with (a passkey stays the session's factor)."""
    device = _pending_app(request, session_bound=not sign_in)
    form = CodeForm(request.POST or None)
    form.fields["code"].label = _("Code from your authenticator app")
    if request.method == "POST" and form.is_valid():
        locked_until = _locked_until([device])
        if locked_until is not None:
            _paused(form, locked_until)
        elif device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(PENDING_APP, None)
            if sign_in:
                otp_login(request, device)
            factors.record("second_factor_added", request.user, kind=factors.APP, device=device.pk)
            return redirect(context["after"])
        else:
            _wrong_code(form)
            factors.record("second_factor_failed", request.user, kind=factors.APP, step="setup")
    context.update(form=form, qr_svg=qr_svg(device.config_url), key_text=key_text(device))
    return None


def key_text(device):
    """The device key in base 32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(data):
    """An inline SVG QR code: drawn on the server, no image service, no script."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")
