"""Template helpers for the frame every public page shares."""

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from .. import frame_cache
from ..models.pages import SitePage
from ..models.site_settings import ContactSettings
from ..page_queries import localized, restricted
from ..translit import has_cyrillic, to_latin
from ..validators import allowed_link

register = template.Library()

# Each language as it is named in the switcher (in the reader's current language).
SWITCHER_LABELS = {
    "sr": _("Serbian (Cyrillic)"),
    "sr-latn": _("Serbian (Latin)"),
    "en": _("English"),
}
# BCP 47 tags for the lang attribute: "sr" alone does not say which script.
HTML_LANG = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}


@register.filter
def script(value):
    """Text typed once in Cyrillic (a setting, an address) shown in the reader's script."""
    if value and get_language() == settings.LATIN_LANGUAGE_CODE:
        return to_latin(str(value))
    return value


@register.filter
def serbian_lang(value):
    """lang="sr-Cyrl" for Cyrillic text shown on a page in another language (a document's
    title on the English site), so that screen readers read it as Serbian; else nothing."""
    if value and get_language() == "en" and has_cyrillic(str(value)):
        return format_html(' lang="{}"', HTML_LANG["sr"])
    return ""


@register.filter
def safe_link(url, schemes=None):
    """The link if a browser would not run it: its scheme is https, http, mailto or tel (or
    those given, comma-separated: "https"), or it is a path; else "" (render nothing)."""
    if schemes:
        return allowed_link(url, schemes=tuple(schemes.split(",")))
    return allowed_link(url)


# What the 500 page's frame (quick exit, emergency bar) reads of the contacts.
ERROR_PAGE_CONTACTS = ("police", "ambulance", "emergency", "child_helpline", "centre_phone")


@register.simple_tag
def error_page_settings():
    """What the 500 page's frame reads as `settings.core.ContactSettings`: that page is rendered
    without a request (so without Wagtail's settings in its context) and perhaps with the
    database down. The default site's contacts if they can be read, else the model's defaults
    (the national numbers, the default quick exit); as a dict, so that the page follows no
    relation (the safety page) and needs no page URL, that is, neither database nor cache."""
    try:
        contacts = ContactSettings.objects.filter(site__is_default_site=True).first()
    except Exception:  # whatever broke the request may break this query too
        contacts = None
    contacts = contacts or ContactSettings()
    values = {name: getattr(contacts, name) for name in ERROR_PAGE_CONTACTS}
    return {"core": {"ContactSettings": {**values, "exit_url": contacts.exit_url}}}


# What a view that is no page (search, a 404) says of itself to search engines.
SITE_DESCRIPTION = _(
    "The Centre for the Protection of Victims of Human Trafficking in Serbia: help for victims "
    "of human trafficking, how to report it, and support for professionals."
)


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description (core/models/pages.py), else the site's; in the reader's
    script. A simple tag's output is escaped."""
    page = context.get("page")
    text = page.meta_description() if hasattr(page, "meta_description") else ""
    return script(text or str(SITE_DESCRIPTION))


@register.simple_tag
def frame_version():
    return frame_cache.version()


@register.simple_tag
def frame_timeout():
    return frame_cache.FRAME_TIMEOUT


@register.simple_tag
def html_lang():
    return HTML_LANG.get(get_language(), get_language())


def site_home(request):
    """The home page in the current language (the site's root page is the Cyrillic one)."""
    if not hasattr(request, "_site_home"):
        site = Site.find_for_request(request)
        request._site_home = _routed_home(request, site) or (
            localized(site.root_page, request).specific if site else None
        )
    return request._site_home


def _routed_home(request, site):
    """The page being served, when it is the home page in the current language (a translation
    of the site's root): the routing has read it already."""
    route = getattr(request, "_wagtail_route_for_request", None)
    page = route[0] if route else None
    if site is None or page is None or page.depth != site.root_page.depth:
        return None
    return page if page.translation_key == site.root_page.translation_key else None


@register.simple_tag(takes_context=True)
def home_page(context):
    return site_home(context["request"])


def frame_pages(request, page):
    """The live pages the header shows, in one query per request and page: the home page's
    children in the menu, the translations of `page` and of the home page (the language
    switcher), and the pages of the types `shown_in_frame` in the reader's language (the
    intake links). Each is marked `restricted` (core/page_queries.py): the menu and the intake
    links leave those out, as `.public()` did; the switcher links translations as before."""
    key = page.pk if isinstance(page, Page) else None
    cached = request.__dict__.setdefault("_frame_pages", {}) if request is not None else {}
    if key not in cached:
        home = site_home(request) if request is not None else None
        types = [m for m in apps.get_models() if issubclass(m, SitePage) and m.shown_in_frame]
        wanted = Q(
            content_type__in=ContentType.objects.get_for_models(*types).values(),
            locale__language_code=get_language(),
        )
        if home is not None:
            wanted |= Q(path__startswith=home.path, depth=home.depth + 1, show_in_menus=True)
            wanted |= Q(translation_key=home.translation_key)
        if key is not None:
            wanted |= Q(translation_key=page.translation_key)
        cached[key] = list(
            Page.objects.live()
            .filter(wanted)
            .annotate(restricted=restricted())
            .select_related("locale")
            .order_by("path")
        )
    return cached[key]


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context["request"]
    home = site_home(request)
    if home is None:
        return []
    return [
        page
        for page in frame_pages(request, context.get("page"))
        if page.depth == home.depth + 1
        and page.path.startswith(home.path)
        and page.show_in_menus
        and not page.restricted
    ]


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """`page.localized`, with the active Locale read once per request (core/page_queries.py)."""
    return localized(page, context.get("request"))


def translated_path(path, code):
    """`path` (the path only: a query must not end up in a cache key or another link) in
    language `code`, if it is a view of this site; else that language's home page.

    translate_url returns a path it cannot resolve unchanged, and on a 404 that path is the
    visitor's: "//evil.example/" or "/\\evil.example/" would be a link to another site."""
    try:
        resolve(path)
    except Resolver404:
        return language_home(code)
    url = translate_url(path, code)
    # Whatever resolves here is reversed from its own patterns; checked all the same.
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return language_home(code)


def language_home(code):
    """The root path of language `code` ("/", "/sr-latn/", "/en/"), with no query."""
    with override(code):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link a language: to this page's translation where there is one, else to that
    language's home page; views that are not pages keep their path."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    targets = {}
    if isinstance(page, Page) and page.pk:
        pages = frame_pages(request, page)
        targets = {
            p.locale.language_code: p for p in pages if p.translation_key == page.translation_key
        }
        home = site_home(request)
        if home is not None and len(targets) < len(settings.LANGUAGES):
            for other in pages:
                if other.translation_key == home.translation_key:
                    targets.setdefault(other.locale.language_code, other)
    links = []
    for code, _name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = targets[code].get_url(request) if code in targets else None
        else:
            url = translated_path(request.path, code)
        if url:
            links.append(
                {
                    "code": code,
                    "label": SWITCHER_LABELS[code],
                    "url": url,
                    "lang": HTML_LANG[code],
                    "active": code == current,
                }
            )
    return links
