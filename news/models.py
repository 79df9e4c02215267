"""News: what the Centre has to say, newest first, with a feed."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import IndexPage, SitePage
from core.page_queries import public
from core.share import share_metadata
from core.translit import to_latin
from core.validators import validate_page_text, validate_plain_text

from .feeds import NewsFeed


class NewsTag(TagBase):
    """A topic of news items. Tags are shared by all translations of an item (wagtail-localize
    keeps them in step), so a tag is typed once in Cyrillic, shown transliterated on the Latin
    site, and carries its English name for the English site."""

    name_en = models.CharField(
        _("name in English"), max_length=100, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag, i=None):
        # Slugs appear in URLs, which stay ASCII in every language.
        slug = slugify(to_latin(tag)) or "tag"
        return slug if i is None else f"{slug}-{i}"

    @property
    def label(self):
        language = get_language()
        if language == "en":
            return self.name_en or to_latin(self.name)
        if language == "sr-latn":
            return to_latin(self.name)
        return self.name


class NewsPageTag(ItemBase):
    tag = models.ForeignKey(NewsTag, related_name="tagged_news", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(IndexPage):
    """The news, newest first, ten a page, optionally of one tag (?tag=slug); the feed is at
    feed/."""

    feed_class = NewsFeed

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return NewsPage.objects.live().public().child_of(self).newest_first()

    def listed(self):
        return self.news()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = self.news()
        tag_slug = request.GET.get("tag")
        if tag_slug:
            tag = NewsTag.objects.filter(slug=tag_slug).first()
            if tag is None:
                raise Http404(_("There is no such tag."))
            news = news.filter(tagged_items__tag=tag)
            context["tag"] = tag
        news = news.select_related("image").prefetch_related("image__renditions")
        context["news_page"] = self.paginate(request, news)
        context["feed_url"] = self.feed_url(request)
        return context


class NewsPageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def latest_in(self, locale, count):
        """The `count` newest live news items in `locale` (a Locale or its pk), newest first:
        what the home page shows."""
        if count <= 0:
            return []
        return list(public(self.live()).filter(locale=locale).newest_first()[:count])


def today():
    return timezone.localdate()


class NewsPage(SitePage):
    date = models.DateField(_("date"), default=today)
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences, shown in the news list, the feed and when shared."),
        validators=[validate_plain_text],
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows. Leave empty only if it is decoration."),
        validators=[validate_plain_text],
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, verbose_name=_("tags"), related_name="news_pages"
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = SitePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [models.Index(fields=["date"], name="news_date_idx")]

    def clean(self):
        super().clean()
        validate_page_text(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        parent = self.get_parent()
        context["index_url"] = parent.get_url(request) if parent else None
        context["share"] = share_metadata(
            request,
            self,
            description=self.search_description or self.summary,
            image=self.image,
            image_alt=self.image_alt,
        )
        return context
