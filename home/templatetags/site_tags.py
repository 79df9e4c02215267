"""Template helpers for the frame every public page shares."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from .. import frame
from ..translit import to_latin

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


@register.simple_tag
def frame_version():
    return frame.version()


@register.simple_tag
def frame_timeout():
    return frame.FRAME_TIMEOUT


@register.simple_tag
def html_lang():
    return HTML_LANG.get(get_language(), get_language())


def site_home(request):
    """The home page in the current language (the site's root page is the Cyrillic one)."""
    if not hasattr(request, "_site_home"):
        site = Site.find_for_request(request)
        request._site_home = site.root_page.localized.specific if site else None
    return request._site_home


@register.simple_tag(takes_context=True)
def home_page(context):
    return site_home(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = site_home(context["request"])
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu())


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link a language: to this page's translation where there is one, else to that
    language's home page; views that are not pages keep their path."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    targets = {}
    if isinstance(page, Page) and page.pk:
        targets = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        home = site_home(request)
        if home is not None and len(targets) < len(settings.LANGUAGES):
            for other in home.get_translations(inclusive=True).live().select_related("locale"):
                targets.setdefault(other.locale.language_code, other)
    links = []
    for code, _name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = targets[code].get_url(request) if code in targets else None
        else:
            # The path only: a search query must not end up in a cache key or another link.
            url = translate_url(request.path, code)
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
