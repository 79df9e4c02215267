"""The "Referrals" menu of the Wagtail admin: one ViewSetGroup holding the queue (with the case
view) and the audit log, and a submenu of Queue, Statistics and Audit log. Each item is shown
only to whom its permission allows, so an editor sees no "Referrals" menu at all; the URLs
check the same permissions (permissions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from .audit_log import AuditLogViewSet
from .queue import ReferralViewSet


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ReferralsViewSetGroup(ViewSetGroup):
    menu_label = _("Referrals")
    menu_icon = "warning"
    menu_name = "referrals"
    menu_order = 150
    items = (ReferralViewSet("referral"), AuditLogViewSet("referral_audit"))

    def get_submenu_items(self):
        # Statistics is a page of its own, not a viewset; and the submenu's labels are short.
        # Named, or Wagtail names each after its label in the language of whoever first opened
        # the admin in this process (a Cyrillic label gives an empty name).
        return [
            PermissionMenuItem(
                _("Queue"),
                reverse("referral:index"),
                icon_name="warning",
                order=100,
                name="queue",
                permission="referrals.view_referral",
            ),
            PermissionMenuItem(
                _("Statistics"),
                reverse("referrals_statistics"),
                icon_name="table",
                order=200,
                name="statistics",
                permission="referrals.report_referral",
            ),
            PermissionMenuItem(
                _("Audit log"),
                reverse("referral_audit:index"),
                icon_name="list-ul",
                order=300,
                name="audit-log",
                permission="referrals.report_referral",
            ),
        ]
