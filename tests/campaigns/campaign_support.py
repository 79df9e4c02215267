"""What the campaign tests share: a moment in the site's time zone, a campaign page by its slug,
the titles of the demo's 2026 campaigns."""

import datetime
from zoneinfo import ZoneInfo

from campaigns.models import CampaignPage

BELGRADE = ZoneInfo("Europe/Belgrade")


def at(*args):
    """A moment in Belgrade (the site's time zone)."""
    return datetime.datetime(*args, tzinfo=BELGRADE)


def campaign(slug, language="sr"):
    return CampaignPage.objects.get(slug=slug, locale__language_code=language)


WORLD_DAY_2026 = "Светски дан борбе против трговине људима 2026."
EU_DAY_2026 = "Европски дан борбе против трговине људима 2026."
