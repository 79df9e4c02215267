"""Awareness campaigns: the World Day against Trafficking in Persons (30 July), the EU
Anti-Trafficking Day (18 October), and any other day the Centre marks.

Editors prepare next year's campaign by copying last year's page, changing the year and
scheduling it (go_live_at); `manage.py publish_scheduled` publishes it and the home page
features it around its day (CampaignPage.objects.featured()). See docs/campaigns.md.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import IndexPage, SitePage
from core.page_queries import public
from core.share import share_metadata
from core.validators import page_text_errors, validate_plain_text

from .blocks import ActionBlock, EventBlock, MaterialBlock
from .feeds import CampaignFeed


class Observance(models.TextChoices):
    WORLD_DAY = "world-day", _("30 July: World Day against Trafficking in Persons")
    EU_DAY = "eu-day", _("18 October: EU Anti-Trafficking Day")
    OTHER = "other", _("Another day")


# (month, day) of the observances that fall on the same day every year.
FIXED_DAYS = {Observance.WORLD_DAY: (7, 30), Observance.EU_DAY: (10, 18)}
OBSERVANCE_NAMES = {
    Observance.WORLD_DAY: _("World Day against Trafficking in Persons"),
    Observance.EU_DAY: _("EU Anti-Trafficking Day"),
}
# The fields the campaign's day is computed from.
DATE_SOURCES = {"observance", "year", "other_date"}


class CampaignIndexPage(IndexPage):
    """Lists the campaigns, current and upcoming first, and serves their feed at feed/."""

    feed_class = CampaignFeed

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def listed(self):
        return self.campaigns()

    def campaigns(self):
        return (
            CampaignPage.objects.live()
            .public()
            .child_of(self)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-campaign_date", "-path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        campaigns = list(self.campaigns())
        # Soonest first for what is coming, most recent first for what is over.
        context["upcoming"] = [c for c in reversed(campaigns) if c.campaign_date >= today]
        context["past"] = [c for c in campaigns if c.campaign_date < today]
        context["feed_url"] = self.feed_url(request)
        return context


@dataclass(frozen=True)
class Featured:
    page: "CampaignPage"
    # True while today is inside the campaign's window; False for the next campaign to come.
    current: bool


class CampaignPageQuerySet(PageQuerySet):
    def featured(self, today, locale, days_before=21, days_after=7):
        """The campaign the home page features on `today` among the live campaigns in `locale`
        (a Locale or its pk), as a Featured: the one whose window (from `days_before` days
        before its day to `days_after` days after it, both included) holds today, otherwise
        the next one to come; None if there is none. If windows overlap, the earlier campaign
        wins until its window closes.

        One query: the earliest campaign whose window has not closed yet is either open
        (current) or not open yet (the next one). (A method, not a template's logic: the rule
        is tested at its edges with time travel.)"""
        page = (
            public(self.live())
            .filter(locale=locale, campaign_date__gte=today - datetime.timedelta(days=days_after))
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("campaign_date", "path")
            .first()
        )
        if page is None:
            return None
        opens = page.campaign_date - datetime.timedelta(days=days_before)
        return Featured(page=page, current=opens <= today)


class CampaignPage(SitePage):
    observance = models.CharField(
        _("observance"), max_length=20, choices=Observance.choices, default=Observance.WORLD_DAY
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    other_date = models.DateField(
        _("date of another day"),
        null=True,
        blank=True,
        help_text=_("Only for a campaign on another day; 30 July and 18 October are fixed."),
    )
    # Derived from the three fields above on every save, so it is stored and indexed for the
    # home page's one query; never edited by hand.
    campaign_date = models.DateField(_("day of the campaign"), null=True, editable=False)
    key_message = models.TextField(
        _("key message"),
        max_length=300,
        help_text=_("The one thing every reader should take away, in a sentence or two."),
        validators=[validate_plain_text],
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("text alternative of the hero image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
        validators=[validate_plain_text],
    )
    actions = StreamField(
        [("action", ActionBlock())],
        blank=True,
        max_num=3,
        verbose_name=_("calls to action"),
        help_text=_("Buttons under the key message: get help, report."),
    )
    events = StreamField([("event", EventBlock())], blank=True, verbose_name=_("events"))
    materials = StreamField(
        [("material", MaterialBlock())],
        blank=True,
        verbose_name=_("materials"),
        help_text=_("Posters, leaflets and other documents to download."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; 1200 × 630 pixels. Empty: the hero image."),
    )
    share_description = models.TextField(
        _("share description"),
        max_length=200,
        blank=True,
        help_text=_("Shown when the page is shared. Empty: the key message."),
        validators=[validate_plain_text],
    )

    objects = PageManager.from_queryset(CampaignPageQuerySet)()

    content_panels = SitePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("observance"), FieldPanel("year")]),
                FieldPanel("other_date"),
            ],
            heading=_("When"),
        ),
        FieldPanel("key_message"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Hero image")
        ),
        FieldPanel("actions"),
        FieldPanel("events"),
        FieldPanel("materials"),
        FieldPanel("body"),
    ]
    promote_panels = SitePage.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("share_image"), FieldPanel("share_description")], heading=_("Sharing")
        )
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("key_message"),
        index.SearchField("body"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        indexes = [models.Index(fields=["campaign_date"], name="campaign_date_idx")]

    def observance_date(self):
        if self.observance in FIXED_DAYS and self.year:
            month, day = FIXED_DAYS[self.observance]
            return datetime.date(self.year, month, day)
        if self.observance == Observance.OTHER:
            return self.other_date
        return None

    @property
    def observance_name(self):
        return OBSERVANCE_NAMES.get(self.observance, "")

    def clean(self):
        super().clean()
        errors = page_text_errors(self)
        if self.observance == Observance.OTHER:
            if self.other_date is None:
                errors["other_date"] = _("Give the date of a campaign on another day.")
            elif self.year and self.other_date.year != self.year:
                errors["other_date"] = _("The date must be in the campaign's year.")
        elif self.other_date is not None:
            errors["other_date"] = _("Leave the date empty: 30 July and 18 October are fixed.")
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = _("Say what the hero image shows, for readers who cannot see it.")
        if "other_date" not in errors and "year" not in errors:
            duplicate = self.duplicate_campaign()
            if duplicate is not None:
                errors["year"] = _(
                    "“%(title)s” is already the campaign for this day in this language: one "
                    "campaign a day. Change the year (or the day), or edit that page."
                ) % {"title": duplicate.get_admin_display_title()}
        if errors:
            raise ValidationError(errors)

    def duplicate_campaign(self):
        """Another campaign page of this language on the same day, or None.

        The page that holds a day first keeps it: a copy of last year's page still has last
        year's day until its year is changed, and while it does, last year's page stays editable
        (the copy is refused, naming the original). A translation follows its source's day, so
        it is not checked here: the source was."""
        day = self.observance_date()
        if day is None:
            return None
        if (
            self.locale_id is not None
            and self.locale.language_code != settings.LANGUAGE_CODE
            and CampaignPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            return None
        others = CampaignPage.objects.filter(campaign_date=day).exclude(pk=self.pk)
        if self.locale_id is not None:
            others = others.filter(locale_id=self.locale_id)
        if self.pk is not None and self.campaign_date == day:
            others = others.filter(pk__lt=self.pk)
        return others.order_by("pk").first()

    def save(self, *args, **kwargs):
        self.campaign_date = self.observance_date()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and DATE_SOURCES & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "campaign_date"}
        super().save(*args, **kwargs)

    def sorted_events(self):
        """The events in the order they happen, whatever order they were typed in."""
        return sorted(
            (block.value for block in self.events),
            key=lambda event: (event["date"], event["time"] or datetime.time.min),
        )

    def action_links(self, request):
        """The calls to action, each to the chosen page in the reader's language."""
        links = []
        for block in self.actions:
            page = block.value["page"]
            if page is None:
                continue
            page = page.localized
            if page.live:
                links.append(
                    {"url": page.get_url(request), "label": block.value["label"] or page.title}
                )
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        context["events"] = self.sorted_events()
        context["action_links"] = self.action_links(request)
        image = self.share_image or self.hero_image
        context["share"] = share_metadata(
            request,
            self,
            description=self.share_description or self.search_description or self.key_message,
            image=image,
            image_alt=self.hero_alt if image is not None and image == self.hero_image else "",
        )
        return context
