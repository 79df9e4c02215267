"""Demo step: the home page in every language, the help section, the about page and the safety
page (content/site.toml), the default site and the contact settings."""

from django.db import transaction
from wagtail.models import Site

from core.models import ContactSettings, SocialSettings
from home.models import StandardPage

from .loader import english_version, publish, read, source_home, stream

CONTENT = read("site")


def point_site_at(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        described = CONTENT["site"]
        Site.objects.create(
            hostname=described["hostname"],
            port=described["port"],
            root_page=home,
            is_default_site=True,
            site_name=described["name"],
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()


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
        contacts.centre_phone = CONTENT["contacts"]["phone"]
    if not contacts.centre_email:
        contacts.centre_email = CONTENT["contacts"]["email"]
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
    for entry in CONTENT["pages"]:
        parent = pages[entry["parent"]] if "parent" in entry else home
        pages[entry["slug"]] = content_page(parent, entry)
    if home.help_page_id is None:
        home.help_page = pages["help"]
        home = publish(home)

    # English after the Cyrillic tree is complete, parents first.
    english_home = english_version(home, CONTENT["home"]["en"])
    for entry in CONTENT["pages"]:
        english_version(pages[entry["slug"]], entry["en"])
    english_help = pages["help"].get_translation(english_home.locale)
    if english_home.help_page_id != english_help.pk:
        english_home.help_page = english_help
        publish(english_home)

    contact_settings(Site.objects.get(is_default_site=True), pages)
    return f"{len(pages) + 1} pages in each language"
