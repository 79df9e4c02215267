"""The staff side of the intake in the Wagtail admin (internal role only: the public role
mounts no admin). One "Referrals" menu with the queue, the statistics and the audit log
(referrals/triage/admin/viewsets.py); each item, the home-page panel and every URL check the
referral permissions, so an editor sees nothing of them and gets 403 on any referral URL."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import AuditEvent
from .triage.admin import statistics_page
from .triage.admin.audit_log import AuditLogPolicy
from .triage.admin.dashboard import TriagePanel, may_see_referrals
from .triage.admin.permissions import guarded
from .triage.admin.viewsets import ReferralsViewSetGroup

register_permission_policy(AuditEvent, AuditLogPolicy(AuditEvent))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ReferralsViewSetGroup()


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return guarded(statistics_page.admin_urls())


@hooks.register("construct_homepage_panels")
def add_triage_panel(request, panels):
    if may_see_referrals(request.user):
        panels.append(TriagePanel(request.user))


@hooks.register("insert_global_admin_css")
def triage_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/triage-admin.css"))
