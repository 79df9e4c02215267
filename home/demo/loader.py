"""Builds the public site's demo content: the home page in every language, the help section,
the about page and the safety page, and the contact settings.

It creates what is missing and never overwrites a page that exists, so it is safe to run on every
`make run` and never undoes an editor's work. The Latin pages are not made here: publishing a
Cyrillic page makes them (home/latin.py).
"""

import json

from django.db import transaction
from wagtail.models import Locale, Page, Site

from ..models import ContactSettings, HomePage, StandardPage
from .home import HOME
from .pages import PAGES

# The seeds hold no phone number or e-mail of the Centre. These reserved placeholders make the
# layout visible in the demo; the Centre enters the real ones in Settings → Contacts.
DEMO_CENTRE_PHONE = "+381 11 000 0000"
DEMO_CENTRE_EMAIL = "info@centar.example"


def stream(blocks):
    """The demo's (type, value) pairs in the raw JSON form a StreamField stores."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


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
    """The English translation of a Cyrillic page, made once from the demo's English text."""
    locale = Locale.objects.get(language_code="en")
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale, copy_parents=False)
    translated = translated.specific
    translated.title = content["title"]
    for field in ("lead", "intro"):
        if field in content:
            setattr(translated, field, content[field])
    translated.body = stream(content["body"])
    translated.save()
    return publish(translated)


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


@transaction.atomic
def load():
    home = source_home()
    point_site_at(home)
    english_version(home, HOME["en"])

    pages = {}
    for key, entry in PAGES.items():
        parent = pages[entry["parent"]] if entry["parent"] else home
        pages[key] = content_page(parent, entry)
        english_version(pages[key], entry["en"])

    if home.help_page_id is None:
        home.help_page = pages["help"]
        publish(home)
    english_home = home.get_translation(Locale.objects.get(language_code="en")).specific
    if english_home.help_page_id is None:
        english_home.help_page = pages["help"].get_translation(english_home.locale)
        publish(english_home)

    contact_settings(Site.objects.get(is_default_site=True), pages)
    return home, pages
