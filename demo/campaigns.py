"""Demo step: the campaigns section with the 2026 campaigns of 30 July and 18 October (held)
and the 2027 ones, scheduled to go live some weeks before their day (content/campaigns.toml
has the texts). Idempotent: what exists is left alone."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignPage
from core.translit import to_latin

from .loader import english_version, publish, read, section_index, source_home, stream
from .media import date_picture, stored_document, stored_image

CONTENT = read("campaigns")
OBSERVANCES = CONTENT["observances"]
LEAFLET = CONTENT["leaflet"]


def leaflet():
    text = "\n\n".join([LEAFLET["sr"], to_latin(LEAFLET["sr"]), LEAFLET["en"]])
    return stored_document(LEAFLET["title"], LEAFLET["filename"], text)


def pictures(entry, day, colour):
    slug, year = entry["slug"], str(entry["year"])
    big = day.strftime("%d.%m.")
    titles = CONTENT["images"]
    hero = stored_image(
        titles["hero"].format(slug=slug),
        f"{slug}-hero.png",
        lambda: date_picture((1600, 800), colour, big, year),
    )
    share = stored_image(
        titles["share"].format(slug=slug),
        f"{slug}-share.png",
        lambda: date_picture((1200, 630), colour, big, year),
    )
    return hero, share


def event(entry, language):
    return {
        "event": {
            "title": entry[language]["title"],
            "date": entry["date"].isoformat(),
            "time": entry["time"].isoformat(),
            "place": entry[language]["place"],
            "online": entry["online"],
            "link": "",
        }
    }


def content(entry, language, day, targets, document):
    """The campaign's texts and blocks in `language`, with the same structure in both
    languages (english_version matches them block by block)."""
    texts = OBSERVANCES[entry["observance"]][language]
    date = day.strftime("%d.%m.%Y.") if language == "sr" else day.strftime("%d.%m.%Y")
    actions = [
        {"action": {"page": targets[action["page"]].pk, "label": action[language]}}
        for action in CONTENT["actions"]
    ]
    material = {**LEAFLET["block"][language], "document": document.pk}
    return {
        "title": texts["title"].format(year=entry["year"]),
        "key_message": texts["key_message"],
        "hero_alt": texts["hero_alt"].format(date=date),
        "share_description": texts["share_description"],
        "body": texts["body"],
        "events": [event(item, language) for item in entry["events"]],
        "actions": actions,
        "materials": [{"material": material}],
    }


def new_campaign(index, entry, targets, document):
    """The Cyrillic campaign page of `entry`, made and published (or, with a go_live_at in
    the future, scheduled)."""
    page = CampaignPage(slug=entry["slug"], observance=entry["observance"], year=entry["year"])
    day = page.observance_date()
    colour = tuple(OBSERVANCES[entry["observance"]]["colour"])
    hero, share = pictures(entry, day, colour)
    sr = content(entry, "sr", day, targets, document)
    page.title = sr["title"]
    page.key_message = sr["key_message"]
    page.hero_image, page.hero_alt = hero, sr["hero_alt"]
    page.share_image, page.share_description = share, sr["share_description"]
    for name in ("body", "events", "actions", "materials"):
        setattr(page, name, stream(sr[name]))
    if "go_live_at" in entry:
        page.go_live_at = timezone.make_aware(entry["go_live_at"])
    index.add_child(instance=page)
    return publish(page)


def campaign(index, entry, targets, document):
    """The campaign page of `entry`, made if it is missing, with its English version. Returns
    the page and whether it was made now."""
    page = index.get_children().filter(slug=entry["slug"]).first()
    made = page is None
    page = new_campaign(index, entry, targets, document) if made else page.specific

    english_locale = Locale.objects.get(language_code="en")
    new_english = not page.has_translation(english_locale)
    day = page.observance_date()
    english = english_version(page, content(entry, "en", day, targets, document))
    if new_english and page.go_live_at and not page.live:
        # The English version goes live with the source: publish_scheduled publishes both.
        english.go_live_at = page.go_live_at
        publish(english)
    return page, made


@transaction.atomic
def load():
    home = source_home()
    index = section_index(home, CampaignIndexPage, CONTENT["index"])
    help_page = home.get_children().get(slug="help")
    targets = {"help": help_page, **{p.slug: p for p in help_page.get_children()}}
    document = leaflet()
    pages = [campaign(index, entry, targets, document) for entry in CONTENT["campaigns"]]
    scheduled = sum(1 for page, _made in pages if not page.live)
    made = sum(1 for _page, made in pages if made)
    return f"{len(pages)} campaigns ({scheduled} scheduled), {made} new"
