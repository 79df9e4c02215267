"""The panel on the Wagtail home page for those who may see referrals: new, urgent, overdue
and "mine", each a link into the filtered queue. Others get no panel and no count at all.

Coordinators also see the latest contact attempts that went against a person's safe-contact
wishes (referrals/triage/contact.py), read from plaintext columns only."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ...choices import FINISHED_STATUSES, Priority, Status
from ...models import Referral
from .. import contact
from ..staff import display_name
from . import urgent
from .counting import count_up_to

# Counts are exact up to this and "more than" beyond, so the home page never counts a table.
COUNT_CAP = 999
# The coordinator's list of contact attempts against the wishes: how far back, how many.
AGAINST_WISHES_DAYS = 30
AGAINST_WISHES_SHOWN = 10


def capped(queryset):
    return count_up_to(queryset, COUNT_CAP)


def may_see_referrals(user):
    return user.has_perm("referrals.view_referral")


class TriagePanel(Component):
    name = "triage"
    template_name = "referrals/triage/dashboard_panel.html"
    order = 50

    class Media:
        # Announces new urgent referrals without a reload (referrals/triage/admin/urgent.py).
        js = ["js/triage-urgent.js"]

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        now = timezone.now()
        awaiting = Referral.objects.filter(responded_at__isnull=True)
        queue = reverse("referral:index")
        # The urgent count comes with the newest urgent references, in one query.
        urgent_now = urgent.page_context()
        counts = [
            ("new", capped(Referral.objects.filter(status=Status.NEW)), f"{queue}?status=new"),
            (
                "urgent",
                COUNT_CAP + 1 if urgent_now["more"] else urgent_now["count"],
                f"{queue}?priority={Priority.URGENT.value}&status=new",
            ),
            ("overdue", capped(awaiting.filter(due_at__lt=now)), f"{queue}?overdue=true"),
            (
                "mine",
                capped(
                    Referral.objects.filter(assignee=self.user).exclude(
                        status__in=FINISHED_STATUSES
                    )
                ),
                f"{queue}?assignee=me",
            ),
        ]
        return {
            "counts": counts,
            "cap": COUNT_CAP,
            "queue_url": queue,
            "urgent": urgent_now,
            "against_wishes": self.against_wishes(now),
        }

    def against_wishes(self, now):
        """For a coordinator only: [{reference, url, recorded_at, author, wishes}]."""
        if not self.user.has_perm("referrals.assign_referral"):
            return None
        since = now - timedelta(days=AGAINST_WISHES_DAYS)
        return [
            {
                "reference": attempt.referral.reference,
                "url": reverse("referral:case", args=[attempt.referral.pk]),
                "recorded_at": attempt.recorded_at,
                "author": display_name(attempt.author) if attempt.author else "—",
                "wishes": contact.in_words(attempt.against_wishes),
            }
            for attempt in contact.against_wishes_recently(since, AGAINST_WISHES_SHOWN)
        ]
