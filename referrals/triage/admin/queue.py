"""The triage queue: every referral, urgent first, then oldest, from plaintext columns only.

It must stay fast at a million referrals (benchmarks/triage_queue.py). Pages are read by
keyset ("the 50 after this one" on (priority, received_at, id)), which with the indexes in
referrals/models/referral.py is an index range scan at any depth, where OFFSET would walk every
skipped row. The count is exact up to COUNT_CAP and shown as "more than" beyond it, so no page
counts a million rows. It counts the matches among the first SCAN_LIMIT referrals in queue
order only (bounded_count.py), so whatever the filters the database reads at most SCAN_LIMIT
index entries for it, and a filtered queue longer than that is shown as "at least". The rows,
that count and the urgent notice's figures come in one query.
"""

import base64
import datetime
import uuid

import django_filters
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import BooleanField, F, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from ...choices import Channel, Priority, Status
from ...models import Referral
from ...models.referral import REFERENCE_ALPHABET, normalise_reference
from ..staff import assignable_choices, display_name
from . import case, markers, urgent
from .bounded_count import bounded_count, bounded_count_of
from .counting import KEYSET
from .permissions import ReadOnlyViewSetMixin, guarded

COUNT_CAP = 10_000
# The count reads no more referrals than this, in queue order, whatever the filters: as many
# as the unfiltered queue's count reads to say "more than COUNT_CAP".
SCAN_LIMIT = COUNT_CAP + 1
PER_PAGE = 50


# The reference without its dashes: what a part typed across a dash ("B2-PT", "b2pt") is found
# in. Migration 0006 indexes exactly this expression.
COMPACT_REFERENCE = Replace(F("reference"), Value("-"), Value(""))


def reference_part(text):
    """Part of a reference as stored, without dashes ("ptjp" → "PTJP", "qxo4" → "QX04"), or
    None when it cannot be part of any reference. The look-alikes are forgiven as for a whole
    reference: O, I and L never occur in one."""
    cleaned = "".join(ch for ch in str(text).upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if not cleaned or any(ch not in REFERENCE_ALPHABET for ch in cleaned):
        return None
    return cleaned


class QueueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    assignee = django_filters.ChoiceFilter(
        label=_("Assignee"), method="filter_assignee", empty_label=_("Anyone")
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        method="filter_overdue",
        choices=[("true", _("Overdue only"))],
        empty_label=_("All"),
    )
    # From the guided check with a strong indicator seen: a plaintext flag, with a partial
    # index in queue order (referral_strong_idx), so the one query stays an index range scan.
    strong = django_filters.ChoiceFilter(
        label=_("Indicator check"),
        method="filter_strong",
        choices=[("true", _("Strong indicators present"))],
        empty_label=_("All"),
    )
    received = django_filters.DateFromToRangeFilter(
        label=_("Received"), field_name="received_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Referral
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["assignee"].extra["choices"] = [
            ("me", _("Me")),
            ("none", _("Nobody")),
            *assignable_choices(),
        ]

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(responded_at__isnull=True, due_at__lt=timezone.now())

    def filter_strong(self, queryset, name, value):
        return queryset.filter(strong_indicators=True)


# --- keyset pagination ----------------------------------------------------------------------


def encode_cursor(referral):
    raw = f"{referral.priority}|{referral.received_at.isoformat()}|{referral.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text):
    """(priority, received_at, id) or None for anything that is not a cursor we made."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        priority, received, pk = raw.split("|")
        return int(priority), datetime.datetime.fromisoformat(received), uuid.UUID(pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        return None


def _keyset(queryset, cursor, forward):
    """Rows strictly after (or before) the cursor in queue order, as one row comparison so
    the database starts the index scan at the cursor instead of filtering from the top."""
    connection = connections[queryset.db]
    table = connection.ops.quote_name(Referral._meta.db_table)
    columns = ", ".join(f"{table}.{connection.ops.quote_name(name)}" for name in KEYSET)
    # Each value as its column stores it (a UUID is text on SQLite, a datetime is naive).
    params = [
        Referral._meta.get_field(name).get_db_prep_value(value, connection)
        for name, value in zip(KEYSET, cursor, strict=True)
    ]
    op = ">" if forward else "<"
    # Column names come from the model and the values are bound parameters.
    sql = f"({columns}) {op} (%s, %s, %s)"
    condition = RawSQL(sql, params, output_field=BooleanField())  # noqa: S611
    return queryset.filter(condition)


class KeysetPage:
    """What the listing template needs of a page, read by keyset."""

    ORDER = KEYSET

    def __init__(self, queryset, per_page, after=None, before=None, along=None):
        # The capped count of the whole (filtered) queue rides along as a scalar subquery, and
        # so do any other figures the page shows (`along`: name → expression, read from the
        # first row): one round trip for the rows, the count and those.
        count = bounded_count_of(queryset, self.ORDER, COUNT_CAP, SCAN_LIMIT)
        queryset = queryset.annotate(**count, **(along or {}))
        after, before = decode_cursor(after or ""), decode_cursor(before or "")
        if before:
            rows = list(
                _keyset(queryset, before, forward=False).order_by(*(f"-{f}" for f in self.ORDER))[
                    : per_page + 1
                ]
            )
            self.has_previous = len(rows) > per_page
            rows = rows[:per_page][::-1]
            self.has_next = True
        else:
            if after:
                queryset = _keyset(queryset, after, forward=True)
            rows = list(queryset.order_by(*self.ORDER)[: per_page + 1])
            self.has_next = len(rows) > per_page
            rows = rows[:per_page]
            self.has_previous = after is not None
        self.object_list = rows
        self.total = rows[0].capped_total if rows else None
        self.beyond_scan = rows[0].beyond_scan if rows else None
        self.next_cursor = encode_cursor(rows[-1]) if rows and self.has_next else None
        self.previous_cursor = encode_cursor(rows[0]) if rows and self.has_previous else None

    def __len__(self):
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)


class QueueView(IndexView):
    any_permission_required = ["view"]
    template_name = "referrals/triage/queue.html"
    results_template_name = "referrals/triage/queue_results.html"
    filterset_class = QueueFilterSet
    search_fields = ["reference"]
    search_backend_name = None
    page_title = _("Referral queue")

    def get_base_queryset(self):
        # Plaintext columns only: the sealed blobs are never read to list.
        return Referral.objects.select_related("assignee").only(
            "id",
            "reference",
            "channel",
            "received_at",
            "priority",
            "status",
            "assignee__username",
            "assignee__first_name",
            "assignee__last_name",
            "due_at",
            "responded_at",
            "strong_indicators",
        )

    def get_ordering(self):
        return None  # the queue order is fixed: KeysetPage applies it

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        reference = normalise_reference(self.search_query)
        if reference:
            return queryset.filter(reference=reference)
        part = reference_part(self.search_query)
        if not part:
            return queryset.none()
        # Uppercase against the stored uppercase, so a plain LIKE: on PostgreSQL the trigram
        # index on this very expression (migration 0006) finds the rows without a table scan.
        return queryset.alias(compact_reference=COMPACT_REFERENCE).filter(
            compact_reference__contains=part
        )

    def get_paginate_by(self, queryset):
        return None  # KeysetPage pages the queue, not Django's paginator

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_queryset()
        # The whole page shows the urgent notice; its figures ride along with the rows (one
        # query fewer, and read with the page: never stale). A filter's refresh of the results
        # does not show it, so does not read it.
        self.urgent_along = {} if self.results_only else urgent.expressions()
        self.page = KeysetPage(
            self.object_list,
            PER_PAGE,
            after=request.GET.get("after"),
            before=request.GET.get("before"),
            along={**self.urgent_along, **markers.expressions()},
        )
        context = self.get_context_data(object_list=self.page.object_list)
        return self.render_to_response(context)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            keyset_page=self.page,
            items_count=self.capped_count[0],
            count_capped=self.capped_count[0] > COUNT_CAP,
            count_at_least=self.capped_count[1] and self.capped_count[0] <= COUNT_CAP,
            count_cap=COUNT_CAP,
            rows=self.display_rows(),
            overdue_label=_("Overdue"),
            answered_label=_("Answered"),
            awaiting_label=_("Reporter wrote"),
            unread_label=_("Reply not read"),
            strong_label=_("Strong indicators"),
        )
        return context

    def display_rows(self):
        """The page's rows as plain values, labels translated once per page and dates
        formatted in Python: rendering 50 rows this way costs a few milliseconds."""
        now = timezone.now()
        labels = {
            "channel": {c.value: str(c.label) for c in Channel},
            "status": {s.value: str(s.label) for s in Status},
            "priority": {p.value: str(p.label) for p in Priority},
        }
        case_url = reverse("referral:case", args=["00000000-0000-0000-0000-000000000000"])
        rows = []
        for referral in self.page.object_list:
            received = timezone.localtime(referral.received_at)
            due = timezone.localtime(referral.due_at)
            rows.append(
                {
                    "reference": referral.reference,
                    "url": case_url.replace(
                        "00000000-0000-0000-0000-000000000000", str(referral.pk)
                    ),
                    "received": received,
                    "received_text": f"{received:%d.%m.%Y %H:%M}",
                    "urgent": referral.is_urgent,
                    "priority": labels["priority"][referral.priority],
                    "channel": labels["channel"].get(referral.channel, referral.channel),
                    "status": labels["status"].get(referral.status, referral.status),
                    "assignee": display_name(referral.assignee) if referral.assignee else "—",
                    "answered": referral.responded_at is not None,
                    "due": due,
                    "due_text": f"{due:%d.%m.%Y %H:%M}",
                    "overdue": referral.is_overdue(now),
                    "awaiting_answer": getattr(referral, "awaiting_answer", False),
                    "unread_reply": getattr(referral, "unread_reply", False),
                    "strong": referral.strong_indicators,
                }
            )
        return rows

    @cached_property
    def urgent_notice(self):
        """The urgent notice above the listing, from the figures that came with the page's rows;
        a page without rows (filters that match nothing) or a database that cannot carry them
        along asks on its own."""
        rows = self.page.object_list
        if rows and self.urgent_along:
            return urgent.page_context(urgent.summary_of(rows[0]))
        return urgent.page_context()

    @cached_property
    def capped_count(self):
        """(count, at least): exact up to COUNT_CAP, beyond it only "more than"; among the
        first SCAN_LIMIT referrals of the queue only, and then "at least" when the queue goes
        on. A page past the end has no row to carry the count: then it is counted on its own."""
        page = self.page
        if page.total is not None:
            total, beyond = page.total, page.beyond_scan
        elif not (self.request.GET.get("after") or self.request.GET.get("before")):
            return 0, False  # the first page is empty: so is the queue
        else:
            total, beyond = bounded_count(self.object_list, KEYSET, COUNT_CAP, SCAN_LIMIT)
        if beyond and not (page.has_next or page.has_previous):
            return len(page), False  # one page holds every match: they are all in sight
        if beyond and not page.has_previous:
            total = max(total, len(page))
        return total, beyond


class ReferralViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Referral
    icon = "warning"
    menu_label = _("Referral queue")
    # The menu item is in the "Referrals" submenu (referrals/wagtail_hooks.py).
    add_to_admin_menu = False
    url_prefix = "referrals/queue"
    index_view_class = QueueView
    copy_view_enabled = False

    def get_urlpatterns(self):
        # No add, edit, copy or delete: referrals arrive through the intake and leave through
        # retention; staff act on them from the case view only.
        return guarded(
            [
                path("", self.index_view, name="index"),
                path("results/", self.index_results_view, name="index_results"),
                path("urgent/", urgent.UrgentView.as_view(), name="urgent"),
                path("<uuid:pk>/", case.CaseView.as_view(viewset=self), name="case"),
                path(
                    "<uuid:pk>/document/<uuid:attachment_id>/",
                    case.AttachmentView.as_view(viewset=self),
                    name="attachment",
                ),
            ]
        )

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(Referral)
        return Permission.objects.filter(content_type=content_type).exclude(
            codename__in=["add_referral", "delete_referral"]
        )
