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
            # Whoever may open referrals was refused a Coordinator's page (statistics, audit
            # log, assigning): say so, rather than that referrals are closed to them.
            context = {"needs_coordinator": request.user.has_perm("referrals.view_referral")}
            return TemplateResponse(
                request, "referrals/triage/forbidden.html", context, status=403
            )

    return wrapped


def guarded(patterns):
    """The same URL patterns, each view answering 403 instead of redirecting."""
    return [
        path(str(p.pattern), forbid_with_403(p.callback), p.default_args, name=p.name)
        for p in patterns
    ]


class ReadOnlyViewSetMixin:
    """For a ModelViewSet that mounts only its own views: Wagtail would offer add, edit,
    delete, history and usage links to anyone holding the model's permissions (a superuser
    holds them all), and those URLs do not exist here."""

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("history", "usage", "add", "edit", "delete", "copy", "inspect"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs
