"""Which campaign the home page features (why a function: the rule is tested at its edges with
time travel, and the template only shows what it is given)."""

import datetime
from dataclasses import dataclass

from .models import CampaignPage


@dataclass(frozen=True)
class Featured:
    page: CampaignPage
    # True while today is inside the campaign's window; False for the next campaign to come.
    current: bool


def featured_campaign(today, locale, days_before=21, days_after=7):
    """The campaign to feature on `today` among the live campaigns in `locale` (a Locale or its
    pk): the one whose window (from `days_before` days before its day to `days_after` days
    after it, both included) holds today, otherwise the next one to come; None if there is
    none. If windows overlap, the earlier campaign wins until its window closes.

    One query: the earliest campaign whose window has not closed yet is either open (current)
    or not open yet (the next one)."""
    page = (
        CampaignPage.objects.live()
        .public()
        .filter(locale=locale, campaign_date__gte=today - datetime.timedelta(days=days_after))
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("campaign_date", "path")
        .first()
    )
    if page is None:
        return None
    opens = page.campaign_date - datetime.timedelta(days=days_before)
    return Featured(page=page, current=opens <= today)
