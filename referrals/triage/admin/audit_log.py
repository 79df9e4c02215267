"""The audit log, read-only, for coordinators; with a check of the whole hash chain on demand
(it walks every event, so it is a button, not part of every page). The check also compares the
chain with the heads anchored in AUDIT_ANCHOR_FILE, which it reads and never writes: the web
process must not be able to change the anchors (referrals/triage/audit.py)."""

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ...models import AuditEvent
from .. import audit
from . import events
from .permissions import ReadOnlyViewSetMixin, guarded

PERMISSION = "referrals.report_referral"


class AuditLogPolicy(ModelPermissionPolicy):
    """Only reading, and only for those who may see the statistics and the log."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(PERMISSION)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        return self.model.objects.none()


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=list(events.ACTIONS.items()))
    reference = django_filters.CharFilter(label=_("Referral"), lookup_expr="exact")
    actor = django_filters.CharFilter(label=_("Actor"), lookup_expr="exact")
    at = django_filters.DateFromToRangeFilter(label=_("Time"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = []


class AuditLogIndex(IndexView):
    any_permission_required = ["view"]
    filterset_class = AuditFilterSet
    default_ordering = "-seq"
    template_name = "referrals/triage/audit_log.html"
    page_title = _("Audit log")

    @cached_property
    def columns(self):
        return [
            Column("seq", label="#"),
            DateColumn("at", label=_("Time")),
            Column("actor", label=_("Actor"), accessor="actor_name"),
            Column("action", label=_("Action"), accessor="description"),
            Column("reference", label=_("Referral")),
        ]

    def paginate_queryset(self, queryset, page_size):
        # The page's events in words, with people's names read in one query for the page.
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = events.in_words(object_list)
        page.object_list = object_list
        return paginator, page, object_list, is_paginated

    def get_valid_orderings(self):
        return ["-seq", "seq"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.GET.get("verify"):
            context["verification"] = audit.verify()
        return context


class AuditLogViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = AuditEvent
    icon = "list-ul"
    menu_label = _("Audit log")
    url_prefix = "referrals/audit-log"
    index_view_class = AuditLogIndex
    add_to_admin_menu = False
    copy_view_enabled = False
    list_per_page = 50

    def get_urlpatterns(self):
        return guarded(
            [
                path("", self.index_view, name="index"),
                path("results/", self.index_results_view, name="index_results"),
            ]
        )

    def get_permissions_to_register(self):
        return []
