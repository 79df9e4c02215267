"""Page lookups that cost no query of their own: what a page's frame and content ask of the
tree on the first render after a publish (all caches cold).

- `public`: Wagtail's `PageQuerySet.public()` reads every view restriction in a query of its
  own, each time it is called; this excludes the same pages (a restriction applies to its
  page and every page below it, whatever its type) inside the one query that lists them.
- `active_locale`, `localized`: Wagtail's `Page.localized` looks the active Locale up on every
  call; these keep it on the request, one lookup per request and language.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, PageViewRestriction


def restricted():
    """True for a page that a view restriction covers (set on it or on an ancestor): an
    expression for a query of pages."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public(queryset):
    """`queryset` (of pages) without the pages that a view restriction covers: the same pages
    as `queryset.public()`, in the same query."""
    return queryset.exclude(restricted())


def active_locale(request):
    """The Locale of the active language (Locale.get_active), read once per request and
    language; None where there is none."""
    if request is None:
        return _active_locale()
    cached = request.__dict__.setdefault("_active_locales", {})
    language = get_language()
    if language not in cached:
        cached[language] = _served_page_locale(request, language) or _active_locale()
    return cached[language]


def _active_locale():
    try:
        return Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return None


def _served_page_locale(request, language):
    """The locale of the page Wagtail routed the request to, if it was read with the page
    (SitePage.route) and is the active language's: the Locale get_active would read."""
    route = getattr(request, "_wagtail_route_for_request", None)
    if not route:
        return None
    locale = route[0]._state.fields_cache.get("locale")
    try:
        code = get_supported_content_language_variant(language)
    except LookupError:
        return None
    return locale if locale is not None and locale.language_code == code else None


def localized(page, request):
    """`page.localized` (its live translation in the active language, else the page itself),
    with the active Locale read once per request."""
    if page is None:
        return None
    locale = active_locale(request)
    if locale is None or page.locale_id == locale.id:
        return page
    # Once per request and page: the footer and the quick-exit bar both link the safety page.
    found = request.__dict__.setdefault("_localized_pages", {}) if request is not None else {}
    key = (page.pk, locale.pk)
    if key not in found:
        translation = page.get_translation_or_none(locale)
        # As Wagtail's: a translation that is not live is not shown; the page itself is.
        found[key] = translation if translation is not None and translation.live else None
    return found[key] or page
