"""The two form pages. Editors own the title, the intro and the body (what happens next, how
the Centre keeps a report safe); the questions are plain Django forms (referrals/intake/),
never Wagtail's form builder, which would store the answers in plaintext."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import SitePage

from ..choices import Channel
from ..intake import channels, views


class IntakePage(RoutablePageMixin, SitePage):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Plain words above the form.")
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Shown under the introduction: what happens next, safety, whom to call."),
    )

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    channel = None

    class Meta:
        abstract = True

    @property
    def form_class(self):
        return channels.form_class(self.channel)

    @path("")
    def form_view(self, request):
        return views.intake_form(self, request)

    @path("follow-up/")
    def follow_up_view(self, request):
        return views.follow_up(self, request)


class ReportPage(IntakePage):
    """Report / get help: the public's form, anonymous allowed."""

    shown_in_frame = True

    channel = Channel.PUBLIC
    template = "referrals/report_page.html"

    class Meta:
        verbose_name = _("report form page")


class ProfessionalReferralPage(IntakePage):
    """The professionals' referral of a presumed victim."""

    shown_in_frame = True

    channel = Channel.PROFESSIONAL
    template = "referrals/professional_referral_page.html"

    class Meta:
        verbose_name = _("professional referral page")
