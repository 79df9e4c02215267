"""The base of every page of the site."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

from ..admin.page_forms import SitePageForm
from ..search import search_terms
from ..translit import fold


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

    class Meta:
        abstract = True

    def folded_search_text(self):
        parts = [getattr(self, name, "") or "" for name in self.searchable_text_fields]
        body = getattr(self, "body", None)
        if body is not None:
            parts.extend(body.stream_block.get_searchable_content(body))
        return search_terms(" ".join(str(part) for part in parts))

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
