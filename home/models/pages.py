"""The public site's page types: the home page and the general content page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..page_forms import SitePageForm
from ..search import search_terms
from ..translit import fold


class SitePage(Page):
    """Behaviour every page of the site shares: ASCII slugs whatever the title's script, and a
    script-insensitive search text."""

    # Besides the fields themselves, every page is indexed in folded form (home/search.py)
    # so that a Latin query finds Cyrillic text and the reverse (the query is folded too).
    search_fields = Page.search_fields + [index.SearchField("folded_search_text")]
    searchable_text_fields = ("title", "search_description", "lead", "intro", "summary")

    # Names the page, often an abandoned draft, that holds a taken slug (home/page_forms.py).
    base_form_class = SitePageForm

    class Meta:
        abstract = True

    def folded_search_text(self):
        parts = [getattr(self, name, "") or "" for name in self.searchable_text_fields]
        body = getattr(self, "body", None)
        if body is not None:
            parts.extend(body.stream_block.get_searchable_content(body))
        return search_terms(" ".join(str(part) for part in parts))

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


class HomePage(SitePage):
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences under the title.")
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("help page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page of the help section; its sub-pages are listed on the home page."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("help_page"),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    # One home page per language, at the root of the tree.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the campaign and news modules import the page models.
        from ..campaigns import featured_campaign
        from ..news import latest_news
        from .news import NewsIndexPage
        from .site_settings import CampaignSettings

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        options = SimpleLazyObject(lambda: CampaignSettings.for_request(request))
        # Lazy: when the template's cached fragment is fresh, none of these queries runs.
        context["campaign"] = SimpleLazyObject(
            lambda: featured_campaign(
                today, self.locale_id, options.days_before, options.days_after
            )
        )
        context["latest_news"] = SimpleLazyObject(
            lambda: latest_news(self.locale_id, options.home_news_count)
        )
        context["news_index"] = SimpleLazyObject(
            lambda: NewsIndexPage.objects.live().child_of(self).first()
        )
        context["today"] = today.isoformat()
        # A preview must show the draft, never the cached live content.
        context["content_cache_timeout"] = 0 if getattr(request, "is_preview", False) else 600
        return context


class StandardPage(SitePage):
    """A content page: the Centre's remit, the help section, the safety page. Its live sub-pages
    are listed under the body, so a section page needs no hand-made list of links."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context
