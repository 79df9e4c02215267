"""The second factor of staff accounts, in the admin: who has set one up (which device, since
when, last used), and the reset for a lost phone, after a confirmation and by POST only.

Only holders of users.reset_second_factor (the Coordinator group) and superusers may see or do
this; a superuser's second factor is reset by another superuser only, and nobody resets their
own here (a session taken over must not swap its owner's phone). Refusals answer 403: Wagtail's
admin would turn them into a redirect home, which hides them from tests and monitoring.

A reset removes every second factor of the account (passkeys, apps, recovery codes): its open
sessions lose their second factor at the next request (django-otp finds the session's device
gone) and its next sign-in sets up a new one. It is written to the audit log
(referrals/triage/audit.py, the tamper-evident record coordinators read) and to Wagtail's log of the
account (its History in the admin).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from referrals.triage import audit

from . import factors

PERMISSION = "users.reset_second_factor"
LOG_ACTION = "users.reset_second_factor"
AUDIT_ACTION = "staff.second_factor_reset"


def may_manage(user):
    """May see the second factors of staff and reset them."""
    return user.is_active and user.has_perm(PERMISSION)


def may_reset(user, target):
    if not may_manage(user) or target.pk == user.pk:
        return False
    return user.is_superuser or not target.is_superuser


def refused(request, reason):
    return TemplateResponse(
        request, "users/second_factor_forbidden.html", {"reason": reason}, status=403
    )


def reset_second_factor(target, *, by):
    """Remove `target`'s devices and record who did it. Returns how many were removed."""
    with transaction.atomic():
        removed = factors.remove_all(target)
        audit.append(AUDIT_ACTION, actor=by.get_username(), detail={"account": target.pk})
        log(instance=target, action=LOG_ACTION, user=by, data={"devices": removed})
    return removed


class StaffAccountsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "users/second_factor_index.html"
    page_title = _("Second factor of staff")
    header_icon = "key"

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user):
            return refused(request, NOT_ALLOWED)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        devices = factors.sign_in_devices_by_user()
        accounts = (
            get_user_model()
            .objects.filter(is_active=True)
            .prefetch_related("groups")
            .order_by("username")
        )
        context["rows"] = [
            {
                "user": account,
                "groups": ", ".join(sorted(group.name for group in account.groups.all())),
                "devices": devices.get(account.pk, []),
                "reset_url": reverse("second_factor_reset", args=[account.pk])
                if may_reset(self.request.user, account)
                else "",
            }
            for account in accounts
        ]
        return context


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the confirmation. POST: the reset."""

    template_name = "users/second_factor_reset.html"
    page_title = _("Reset the second factor")
    header_icon = "key"
    http_method_names = ["get", "head", "post"]

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        if not may_manage(request.user):
            return refused(request, NOT_ALLOWED)
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        if self.target.pk == request.user.pk:
            return refused(request, OWN)
        if not may_reset(request.user, self.target):
            return refused(request, ADMINISTRATOR)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.target.get_username()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("second_factor_staff"), "label": StaffAccountsView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            target=self.target,
            devices=factors.sign_in_devices(self.target),
            cancel_url=reverse("second_factor_staff"),
        )
        return context

    def post(self, request, *args, **kwargs):
        reset_second_factor(self.target, by=request.user)
        messages.success(
            request,
            # Eager: the message is rendered on the next request, in that request's language.
            gettext(
                "The second factor of %(account)s was reset. Their next sign-in sets up a new "
                "authenticator app; if the phone may be in someone else's hands, change the "
                "account's password too."
            )
            % {"account": self.target.get_username()},
        )
        return redirect("second_factor_staff")


# What a refused person is told (lazy: rendered in the admin's language of the request).
NOT_ALLOWED = _(
    "Only a coordinator or an administrator can see and reset the second factor of staff accounts."
)
OWN = _(
    "You cannot reset your own second factor. If you lost your phone, ask another coordinator "
    "or an administrator."
)
ADMINISTRATOR = _("Only another administrator can reset an administrator's second factor.")


def admin_urls():
    return [
        path("second-factor/", StaffAccountsView.as_view(), name="second_factor_staff"),
        path(
            "second-factor/<int:user_id>/reset/",
            ResetView.as_view(),
            name="second_factor_reset",
        ),
    ]
