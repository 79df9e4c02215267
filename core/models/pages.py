"""The base of every page of the site."""

import hashlib
import json

from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder as JSONEncoder
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..admin.page_forms import SitePageForm
from ..search import search_terms
from ..translit import fold

# The search texts built last, in this process, by a digest of what they are built from (Django's
# least-recently-used memory cache). Publishing saves a page several times (the page, its
# revision, its Latin copy), each time as a new object, and the index reads the text once for
# each of its columns: five to ten builds of the same text for one Cyrillic page. A text depends
# on nothing but its fields' values and the active language (chooser blocks add no text), so one
# built from the same values in the same language is the same.
_search_texts = LocMemCache("search-texts", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 256}})


class SitePage(Page):
    """Behaviour every page of the site shares: ASCII slugs whatever the title's script, and a
    script-insensitive search text."""

    # Besides the fields themselves, every page is indexed in folded form (core/search.py)
    # so that a Latin query finds Cyrillic text and the reverse (the query is folded too).
    search_fields = Page.search_fields + [index.SearchField("folded_search_text")]
    searchable_text_fields = ("title", "search_description", "lead", "intro", "summary")

    # Without the editor's search description, a search result's snippet is the page's own
    # introduction, from the first of these fields the page has and filled in; cut at the
    # length search engines show.
    description_fields = ("lead", "intro", "summary", "key_message")
    description_length = 160

    # Names the page, often an abandoned draft, that holds a taken slug (core/admin/page_forms.py).
    base_form_class = SitePageForm

    # Whether every page's header links the live page of this type in the reader's language
    # (the intake forms): it is read with the menu (core/templatetags/site_tags.py).
    shown_in_frame = False

    class Meta:
        abstract = True

    def folded_search_text(self):
        parts = [str(getattr(self, name, "") or "") for name in self.searchable_text_fields]
        body = getattr(self, "body", None)
        stored = body.get_prep_value() if body is not None else None
        # The language too: a choice block's searchable text is its label in the active one.
        made_of = json.dumps(
            [get_language(), type(self).__name__, parts, stored], cls=JSONEncoder, sort_keys=True
        )
        key = hashlib.sha256(made_of.encode()).hexdigest()
        if (text := _search_texts.get(key)) is None:
            if body is not None:
                parts.extend(body.stream_block.get_searchable_content(body))
            text = search_terms(" ".join(parts))
            _search_texts.set(key, text)
        return text

    def meta_description(self):
        """The page's <meta name="description">: "" when it has nothing to say."""
        texts = [self.search_description] + [
            getattr(self, name, "") for name in self.description_fields
        ]
        text = next((t for t in texts if t and str(t).strip()), "")
        return Truncator(" ".join(strip_tags(str(text)).split())).chars(self.description_length)

    def full_clean(self, *args, **kwargs):
        # A Cyrillic title would otherwise give an empty or non-ASCII slug; URLs stay ASCII and
        # read like the Latin title without diacritics (ђ → dj, ч → c), as the admin fills them.
        if self.title and not self.slug:
            self.slug = slugify(fold(self.title))
        elif self.slug and not self.slug.isascii():
            self.slug = slugify(fold(self.slug))
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.slug and not self.slug.isascii():
            raise ValidationError({"slug": _("The slug must use Latin letters only.")})

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the way read in one query (by url_path) where
        Wagtail reads each level's child and then its specific object: two queries a level.
        A page that routes otherwise (its own `route`, or a sub-route of a routable page that
        matches) gets the rest of the path as in Wagtail."""
        if not path_components:
            return super().route(request, path_components)
        on_the_way = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=[
                    self.url_path + "/".join(path_components[: count + 1]) + "/"
                    for count in range(len(path_components))
                ],
                path__startswith=self.path,
            )
        }
        page = self
        for position, slug in enumerate(path_components):
            child = on_the_way.get(page.url_path + slug + "/")
            if child is None or child.depth != page.depth + 1:
                raise Http404
            child._cached_parent_obj = page
            page, rest = child, path_components[position + 1 :]
            if not routes_as_site_page(page, rest):
                return with_locale(page).route(request, rest)
        if not page.live:
            raise Http404
        return RouteResult(with_locale(page))

    def get_view_restrictions(self):
        """Wagtail's (which this page's serving checks), in one query where Wagtail reads the
        ancestors first to replace an alias by its source: the routing read them (SitePage.route
        keeps each page's parent on it), and when none is an alias the restrictions on this
        page and its ancestors are those of their paths."""
        chain = [self]
        while "_cached_parent_obj" in chain[-1].__dict__:
            chain.append(chain[-1].__dict__["_cached_parent_obj"])
        if chain[-1].depth != 2 or any(page.alias_of_id for page in chain):
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)


def with_locale(page):
    """`page.specific`, read with its locale (which the page and its frame read: the active
    locale, core/page_queries.py)."""
    if page.specific_class is None:  # its model is gone: Wagtail serves the page as it is
        return page
    specific = page.specific_class._default_manager.select_related("locale").get(pk=page.pk)
    specific._cached_parent_obj = page._cached_parent_obj
    return specific


def routes_as_site_page(page, path_components):
    """Whether `page` would route `path_components` with SitePage.route: its class does not
    route otherwise, and, if it is a routable page, none of its sub-routes matches."""
    model = page.specific_class
    if model is None:
        return False
    owners = [klass for klass in model.__mro__ if "route" in vars(klass)]
    if owners[:1] == [SitePage]:
        return True
    if owners[:2] != [RoutablePageMixin, SitePage]:
        return False
    if not page.live:  # a routable page that is not live has no sub-routes (Wagtail's rule)
        return True
    try:
        page.specific_deferred.resolve_subpage("/" + "".join(f"{c}/" for c in path_components))
    except Http404:
        return True
    return False
