"""The page types of preliminary identification: the guided check at /identification/ and,
under it, one indicator set per sector (which is also that sector's printable list).

Pages rather than snippets: the Latin site, the English translation workflow, the page tree's
URLs in three languages and the editors' permissions already work for pages (core/latin.py), so
a set edited in Cyrillic reaches the Latin site on publish with nothing new to keep in step."""

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import SitePage

from . import views
from .blocks import GroupsBlock
from .pdf import FontMissing, indicator_set_pdf


class IdentificationPage(SitePage):
    """The guided check: the professional chooses a sector and answers one group at a time."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["identification.IndicatorSetPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("preliminary identification page")

    def indicator_sets(self):
        return IndicatorSetPage.objects.child_of(self).live().public().order_by("path")

    def serve(self, request, *args, **kwargs):
        return views.serve_check(self, request)


class IndicatorSetPage(RoutablePageMixin, SitePage):
    """One sector's indicators, in groups; its page is the printable list of them all, and
    pdf/ the same list as a PDF for training (identification/pdf.py)."""

    intro = models.TextField(_("introduction"), blank=True)
    groups = StreamField(GroupsBlock(), verbose_name=_("groups of indicators"))
    demo = models.BooleanField(
        _("demo list"),
        default=False,
        help_text=_(
            "Demo, to be replaced by the Centre's official list. Clear this box when the "
            "indicators are the Centre's own."
        ),
    )

    content_panels = SitePage.content_panels + [
        FieldPanel("demo"),
        FieldPanel("intro"),
        FieldPanel("groups"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["identification.IdentificationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("indicator set")

    @path("pdf/", name="pdf")
    def pdf(self, request):
        try:
            content = indicator_set_pdf(self)
        except FontMissing:
            message = gettext("The PDF cannot be made on this server: print this page instead.")
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.pdf"'
        return response

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if self.demo:
            # Staff see in every listing that the list is not the Centre's official one yet.
            return f"{title} ({gettext('demo, to be replaced by the official list')})"
        return title
