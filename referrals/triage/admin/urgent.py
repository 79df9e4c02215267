"""Urgent referrals not yet answered, announced while the queue or the admin's home page is open.

Both pages show the count and the newest references when they load (no script needed; the queue
reads them with its own rows, expressions(), so they are never older than the page); a small
static script (static/js/triage-urgent.js) then asks UrgentView for the same figures every
POLL_SECONDS and announces a new reference without a reload. The endpoint gives counts and
references only (no personal data: references are random, DESIGN.md), never cached, to staff
who may see the queue. Its query reads the referrals not yet answered, which the partial index
on due_at (responded_at IS NULL) keeps to a few hundred rows at most.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.http import JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from users.middleware import LAST_SEEN

from ...choices import Priority
from ...models import Referral
from .counting import capped_count_of

# As on the home page: exact up to this, "999+" beyond.
CAP = 999
# How many of the newest references are shown and sent.
SHOWN = 5
POLL_SECONDS = 30


def awaiting_urgent():
    return Referral.objects.filter(responded_at__isnull=True, priority=Priority.URGENT)


def newest_awaiting_urgent():
    return awaiting_urgent().order_by("-received_at", "-id")


def _summary(total, references):
    return {"count": min(total, CAP), "more": total > CAP, "references": list(references)}


def summary():
    """{"count", "more", "references"}: one query, the count riding along with the rows."""
    queryset = awaiting_urgent()
    rows = list(
        newest_awaiting_urgent()
        .annotate(capped_total=capped_count_of(queryset, CAP))
        .values_list("reference", "capped_total")[:SHOWN]
    )
    return _summary(rows[0][1] if rows else 0, [reference for reference, _ in rows])


def expressions(using="default"):
    """The summary as two scalar subqueries for the queue page to carry on its own query
    (read back with summary_of()); none on a database without arrays (SQLite in development),
    where the page asks summary() instead."""
    if connections[using].vendor != "postgresql":
        return {}
    return {
        "urgent_total": capped_count_of(awaiting_urgent(), CAP),
        "urgent_references": ArraySubquery(newest_awaiting_urgent().values("reference")[:SHOWN]),
    }


def summary_of(row):
    """summary() from a row annotated with expressions()."""
    return _summary(row.urgent_total, row.urgent_references)


def page_context(figures=None):
    """What urgent_notice.html needs, the figures as they are when the page is made (`figures`:
    a summary() already read, as the queue page does with its rows)."""
    return {
        **(figures or summary()),
        "cap": CAP,
        "url": reverse("referral:urgent"),
        "queue_url": reverse("referral:index"),
        "poll_seconds": POLL_SECONDS,
    }


def _not_activity(request):
    """A poll is not a person at the screen. The idle timeout (users/middleware.py) has just
    moved the session's last-seen time on, as it does for every admin request: put back the
    stored one, so an unattended queue still signs out after STAFF_IDLE_TIMEOUT_MINUTES."""
    session = request.session
    if session.session_key is None:
        return
    stored = type(session)(session_key=session.session_key).load().get(LAST_SEEN)
    if stored is not None and session.get(LAST_SEEN) != stored:
        session[LAST_SEEN] = stored


@method_decorator(never_cache, name="dispatch")
class UrgentView(PermissionCheckedMixin, View):
    model = Referral
    permission_required = "view"

    def get(self, request):
        _not_activity(request)
        return JsonResponse(summary())
