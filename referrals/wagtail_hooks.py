"""The staff side of the intake in the Wagtail admin (internal role only: the public role
mounts no admin). One "Referrals" menu with the queue, the statistics and the audit log; each
item, the home-page panel and every URL check the referral permissions, so an editor sees
nothing of them and gets 403 on any referral URL."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from .models import AuditEvent
from .triage import statistics
from .triage.audit_log import AuditLogPolicy, AuditLogViewSet
from .triage.dashboard import TriagePanel, may_see_referrals
from .triage.permissions import guarded
from .triage.queue import ReferralViewSet

register_permission_policy(AuditEvent, AuditLogPolicy(AuditEvent))
queue_viewset = ReferralViewSet("referral")
audit_viewset = AuditLogViewSet("referral_audit")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [queue_viewset, audit_viewset]


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return guarded(statistics.admin_urls())


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_referrals_menu():
    menu = Menu(register_hook_name="register_referrals_menu_item", construct_hook_name=None)
    return SubmenuMenuItem(_("Referrals"), menu, icon_name="warning", name="referrals", order=150)


@hooks.register("register_referrals_menu_item")
def queue_menu_item():
    return PermissionMenuItem(
        _("Queue"),
        reverse("referral:index"),
        icon_name="warning",
        order=100,
        permission="referrals.view_referral",
    )


@hooks.register("register_referrals_menu_item")
def statistics_menu_item():
    return PermissionMenuItem(
        _("Statistics"),
        reverse("referrals_statistics"),
        icon_name="table",
        order=200,
        permission="referrals.report_referral",
    )


@hooks.register("register_referrals_menu_item")
def audit_menu_item():
    return PermissionMenuItem(
        _("Audit log"),
        reverse("referral_audit:index"),
        icon_name="list-ul",
        order=300,
        permission="referrals.report_referral",
    )


@hooks.register("construct_homepage_panels")
def add_triage_panel(request, panels):
    if may_see_referrals(request.user):
        panels.append(TriagePanel(request.user))


@hooks.register("insert_global_admin_css")
def triage_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/triage-admin.css"))
