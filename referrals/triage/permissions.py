"""Referral URLs answer 403 to anyone without the right: Wagtail's admin would turn a refusal
into a redirect to its home page with a message, which hides from tests, logs and monitoring
that someone reached for referrals they may not see."""

import functools

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path


def forbid_with_403(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "referrals/triage/forbidden.html", status=403)

    return wrapped


def guarded(patterns):
    """The same URL patterns, each view answering 403 instead of redirecting."""
    return [
        path(str(p.pattern), forbid_with_403(p.callback), p.default_args, name=p.name)
        for p in patterns
    ]
