"""Builds the public site's demo content: the home page in every language, the help section,
the about page and the safety page, and the contact settings.

It creates what is missing and never overwrites a page that exists, so it is safe to run on every
`make run` and never undoes an editor's work. The Latin pages are not made here: publishing a
Cyrillic page makes them (home/latin.py).
"""

import json
import uuid
from collections import defaultdict

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from ..latin import publish_revision, save_translation
from ..models import ContactSettings, HomePage, SocialSettings, StandardPage
from .home import HOME
from .pages import PAGES

# The seeds hold no phone number or e-mail of the Centre. These reserved placeholders make the
# layout visible in the demo; the Centre enters the real ones in Settings → Contacts.
DEMO_CENTRE_PHONE = "+381 11 000 0000"
DEMO_CENTRE_EMAIL = "info@centar.example"


def stream(blocks, ids=None):
    """The demo's (type, value) pairs in the raw JSON form a StreamField stores."""
    ids = ids or [str(uuid.uuid4()) for _ in blocks]
    return json.dumps(
        [
            {"type": kind, "value": value, "id": id}
            for (kind, value), id in zip(blocks, ids, strict=True)
        ]
    )


def publish(page):
    publish_revision(page.save_revision().pk)
    return page.specific_class.objects.get(pk=page.pk)


def source_home():
    """The Cyrillic home page, created in place of Wagtail's welcome page on the first run."""
    locale = Locale.objects.get(language_code="sr")
    home = HomePage.objects.filter(locale=locale).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's installation leaves a welcome page with the slug we want; it holds nothing.
    for welcome in root.get_children().filter(slug="home", content_type__model="page"):
        welcome.delete()
    content = HOME["sr"]
    home = HomePage(
        title=content["title"],
        slug="home",
        locale=locale,
        lead=content["lead"],
        body=stream(content["body"]),
    )
    root.add_child(instance=home)
    return publish(home)


def point_site_at(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Центар за заштиту жртава трговине људима",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()


def english_version(page, content):
    """The English translation of a Cyrillic page, made once from the demo's English text as a
    wagtail-localize translation, so editors keep it in step with the translation editor."""
    locale = Locale.objects.get(language_code="en")
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    # An unsaved English twin with the same block ids gives the English text of every segment
    # at the same place (context path) as the Cyrillic source's.
    twin = type(page)(title=content["title"], slug=page.slug)
    for name, value in content.items():
        if name == "title":
            continue
        if isinstance(page._meta.get_field(name), StreamField):
            value = stream(value, ids=[block.id for block in getattr(page, name)])
        setattr(twin, name, value)
    english = defaultdict(list)
    for segment in extract_segments(twin):
        if isinstance(segment, StringSegmentValue):
            english[segment.path].append(segment.string.data)
    used = defaultdict(int)

    def translate(segment):
        path = segment.context.path
        used[path] += 1
        return english[path][used[path] - 1]

    return save_translation(page, locale, translate, tool_name="demo").specific


def content_page(parent, entry):
    content = entry["sr"]
    existing = parent.get_children().filter(slug=entry["slug"]).first()
    if existing is not None:
        return existing.specific
    page = StandardPage(
        title=content["title"],
        slug=entry["slug"],
        intro=content["intro"],
        body=stream(content["body"]),
        show_in_menus=entry["show_in_menus"],
    )
    parent.add_child(instance=page)
    return publish(page)


def contact_settings(site, pages):
    contacts = ContactSettings.for_site(site)
    if not contacts.centre_phone:
        contacts.centre_phone = DEMO_CENTRE_PHONE
    if not contacts.centre_email:
        contacts.centre_email = DEMO_CENTRE_EMAIL
    if contacts.safety_page_id is None:
        contacts.safety_page = pages["safety"]
    contacts.save()
    # Created now rather than by the first visitor (whose request would renew the frame cache).
    SocialSettings.for_site(site)


@transaction.atomic
def load():
    home = source_home()
    point_site_at(home)

    pages = {}
    for key, entry in PAGES.items():
        parent = pages[entry["parent"]] if entry["parent"] else home
        pages[key] = content_page(parent, entry)
    if home.help_page_id is None:
        home.help_page = pages["help"]
        home = publish(home)

    # English after the Cyrillic tree is complete, parents first.
    english_home = english_version(home, HOME["en"])
    for key, entry in PAGES.items():
        english_version(pages[key], entry["en"])
    english_help = pages["help"].get_translation(english_home.locale)
    if english_home.help_page_id != english_help.pk:
        english_home.help_page = english_help
        publish(english_home)

    contact_settings(Site.objects.get(is_default_site=True), pages)
    return f"{len(pages) + 1} pages in each language"
