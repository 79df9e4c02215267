"""The home page (one per language), the general content page, and the home page's settings."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from campaigns.models import CampaignPage
from core.blocks import BodyBlock
from core.models import SitePage, SiteSetting
from core.page_queries import localized, public
from news.models import NewsIndexPage, NewsPage


class HomePageQuerySet(PageQuerySet):
    """What the manager reads with a home page is dropped where it cannot go along: a row
    locked (publishing) is locked alone, as before (PostgreSQL refuses FOR UPDATE on the
    nullable side of an outer join), and a query of some fields reads only those (Django
    refuses to defer a relation it follows)."""

    def select_for_update(self, *args, **kwargs):
        return super().select_for_update(*args, **kwargs).select_related(None)

    def only(self, *fields):
        return super().only(*fields).select_related(None)

    def defer(self, *fields):
        return super().defer(*fields).select_related(None)


class HomePageManager(PageManager.from_queryset(HomePageQuerySet)):
    """Wagtail reads the home page it serves through this manager (`specific`): with its
    locale (the active one, core/page_queries.py) and its help page, which it shows."""

    def get_queryset(self):
        return super().get_queryset().select_related("locale", "help_page")


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

    objects = HomePageManager()

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        options = SimpleLazyObject(lambda: CampaignSettings.for_request(request))
        # Lazy: when the template's cached fragment is fresh, none of these queries runs.
        context["campaign"] = SimpleLazyObject(
            lambda: CampaignPage.objects.featured(
                today, self.locale_id, options.days_before, options.days_after
            )
        )
        context["latest_news"] = SimpleLazyObject(
            lambda: NewsPage.objects.latest_in(self.locale_id, options.home_news_count)
        )
        help_page = SimpleLazyObject(lambda: localized(self.help_page, request))
        context["help_page"] = help_page
        context["help_links"] = SimpleLazyObject(
            lambda: list(public(help_page.get_children().live())) if help_page else []
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
        context["subpages"] = public(self.get_children().live()).specific()
        return context


@register_setting(icon="date")
class CampaignSettings(SiteSetting):
    """How long the home page features a campaign around its day, and how much news it shows."""

    days_before = models.PositiveSmallIntegerField(
        _("days before"),
        default=21,
        validators=[MaxValueValidator(180)],
        help_text=_("The home page features a campaign from this many days before its day…"),
    )
    days_after = models.PositiveSmallIntegerField(
        _("days after"),
        default=7,
        validators=[MaxValueValidator(180)],
        help_text=_("…until this many days after it. Outside that, it shows the next campaign."),
    )
    home_news_count = models.PositiveSmallIntegerField(
        _("news items on the home page"),
        default=3,
        validators=[MaxValueValidator(12)],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("days_before"), FieldPanel("days_after")],
            heading=_("Featured campaign on the home page"),
        ),
        FieldPanel("home_news_count"),
    ]

    class Meta:
        verbose_name = _("campaigns and news")
