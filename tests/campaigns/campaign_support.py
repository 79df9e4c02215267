"""What the campaign tests share: a moment in the site's time zone, a campaign page by its slug,
and `make_campaigns`, which builds with the factories the campaigns a test asks for: 30 July and
18 October of 2026 (held), and of 2027 (scheduled to go live some weeks before their day), each
in Cyrillic, Latin and English."""

import datetime
from zoneinfo import ZoneInfo

from campaigns.models import CampaignPage
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    DocumentFactory,
    StandardPageFactory,
    publish,
    stream,
    translate,
)

BELGRADE = ZoneInfo("Europe/Belgrade")


def at(*args):
    """A moment in Belgrade (the site's time zone)."""
    return datetime.datetime(*args, tzinfo=BELGRADE)


def campaign(slug, language="sr"):
    return CampaignPage.objects.get(slug=slug, locale__language_code=language)


WORLD_DAY_2026 = "Светски дан борбе против трговине људима 2026."
EU_DAY_2026 = "Европски дан борбе против трговине људима 2026."
TITLES = {
    "world-day": (
        "Светски дан борбе против трговине људима {}.",
        "World Day against Trafficking in Persons {}",
    ),
    "eu-day": ("Европски дан борбе против трговине људима {}.", "EU Anti-Trafficking Day {}"),
}
# slug: (observance, year, go-live moment of a scheduled campaign, events as (date, time,
# online, title, place)).
CAMPAIGNS = {
    "world-day-2026": (
        "world-day",
        2026,
        None,
        [
            ("2026-07-28", "11:00:00", True, "Онлајн предавање за стручњаке", ""),
            ("2026-07-30", "10:00:00", False, "Информативни штанд", "Нови Сад, градски трг"),
            ("2026-07-30", "18:00:00", False, "Трибина о трговини људима", "Београд, Центар"),
        ],
    ),
    "eu-day-2026": (
        "eu-day",
        2026,
        None,
        [
            ("2026-10-15", "11:00:00", True, "Онлајн предавање о идентификацији", ""),
            ("2026-10-16", "10:00:00", False, "Јавни час у средњој школи", "Крагујевац, школа"),
        ],
    ),
    "world-day-2027": (
        "world-day",
        2027,
        at(2027, 6, 18, 9),
        [
            ("2027-07-30", "10:00:00", False, "Информативни штанд", "Суботица, градски трг"),
        ],
    ),
    "eu-day-2027": (
        "eu-day",
        2027,
        at(2027, 9, 6, 9),
        [
            ("2027-10-18", "10:00:00", False, "Јавни час у средњој школи", "Ниш, школа"),
        ],
    ),
}
# The English of the texts the campaigns share; the rest is transliterated.
ENGLISH = {
    "Кампање": "Campaigns",
    "Коме се обратити?": "Whom to contact?",
    "Потражи помоћ": "Get help",
    "Коме се обратити": "Whom to contact",
    "Летак: препознај трговину људима": "Leaflet: recognise human trafficking",
}


def event(date, time, online, title, place):
    value = {"title": title, "date": date, "time": time, "place": place, "online": online}
    return ("event", {**value, "link": ""})


def campaign_blocks(site_pages, leaflet):
    """The calls to action (the help section and its page on whom to contact) and materials
    (the leaflet) every campaign has."""
    help_page = site_pages.page("help")
    contact = help_page.get_children().get(slug="whom-to-contact")
    actions = stream(
        ("action", {"page": help_page.pk, "label": "Потражи помоћ"}),
        ("action", {"page": contact.pk, "label": "Коме се обратити"}),
    )
    material = {
        "title": "Летак: препознај трговину људима",
        "document": leaflet.pk,
        "description": "",
    }
    return {"actions": actions, "materials": stream(("material", material))}


def make_campaign(index, slug, blocks):
    observance, year, go_live_at, events = CAMPAIGNS[slug]
    title, english = (text.format(year) for text in TITLES[observance])
    page = CampaignPageFactory(
        parent=index,
        slug=slug,
        title=title,
        observance=observance,
        year=year,
        events=stream(*(event(*item) for item in events)),
        go_live_at=go_live_at,
        **blocks,
    )
    translated = translate(page, texts={title: english, **ENGLISH})
    if go_live_at:
        # The English version goes live with the source: publish_scheduled publishes both.
        translated.go_live_at = go_live_at
        publish(translated)
    return page


def make_campaigns(site_pages, slugs=tuple(CAMPAIGNS)):
    """The campaign index and the campaigns of `slugs` (CAMPAIGNS), in three languages, with
    the help section's page on whom to contact and the leaflet they link to: {slug: page}."""
    contact = StandardPageFactory(
        parent=site_pages.page("help"), title="Коме се обратити?", slug="whom-to-contact"
    )
    translate(contact, texts=ENGLISH)
    index = CampaignIndexPageFactory(parent=site_pages.home)
    translate(index, texts=ENGLISH)
    leaflet = DocumentFactory(title="Летак: Трговина људима — препознај и потражи помоћ")
    blocks = campaign_blocks(site_pages, leaflet)
    return {slug: make_campaign(index, slug, blocks) for slug in slugs}
