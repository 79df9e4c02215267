"""The "Plans and reports" archive and its publications."""

import uuid

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import IndexPage, SitePage
from core.page_queries import public
from core.translit import has_cyrillic
from core.validators import validate_page_text, validate_plain_text

from .blocks import PublicationBodyBlock
from .feeds import PublicationFeed
from .report_views import figures_csv, statistics_context
from .statistics import period_end


class Kind(models.TextChoices):
    WORK_PLAN = "work_plan", _("Work plan")
    WORK_REPORT = "work_report", _("Work report")
    ACTION_PLAN = "action_plan", _("Action plan")
    STATISTICAL_REPORT = "statistical_report", _("Statistical report")
    FINANCIAL_PLAN = "financial_plan", _("Financial plan or report")
    INFORMATION_BOOKLET = "information_booklet", _("Information booklet")
    GENERAL_ACT = "general_act", _("General act")
    GUIDE = "guide", _("Guide")
    LEAFLET = "leaflet", _("Leaflet")


# Each kind has a stable, ASCII address under the archive: /plans-and-reports/kind/work-plans/
KIND_SLUGS = {
    Kind.WORK_PLAN: "work-plans",
    Kind.WORK_REPORT: "work-reports",
    Kind.ACTION_PLAN: "action-plans",
    Kind.STATISTICAL_REPORT: "statistical-reports",
    Kind.FINANCIAL_PLAN: "financial-plans",
    Kind.INFORMATION_BOOKLET: "information-booklet",
    Kind.GENERAL_ACT: "general-acts",
    Kind.GUIDE: "guides",
    Kind.LEAFLET: "leaflets",
}
KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


class PublicationIndexPage(IndexPage):
    """Every publication, newest first, filtered by kind and year with plain links."""

    PER_PAGE = 20
    strict_paging = True
    feed_class = PublicationFeed
    # Its feed is linked from the archive itself, not from every page.
    announce_feed = False

    subpage_types = ["publications.PublicationPage"]

    class Meta:
        verbose_name = _("publication archive")

    def listed(self):
        return self.publications()

    def publications(self):
        return (
            PublicationPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-year_end", "-year_start", models.F("adopted").desc(nulls_last=True), "-pk")
        )

    def filter_values(self):
        """The kinds and years that have publications, for the filter links (one query)."""
        rows = self.publications().values_list("kind", "year_start", "year_end").distinct()
        kinds, years = set(), set()
        for kind, start, end in rows:
            kinds.add(kind)
            years.update(range(start, (end or start) + 1))
        return [k for k in Kind if k in kinds], sorted(years, reverse=True)

    def listing(self, request, kind=None):
        publications = self.publications()
        year = request.GET.get("year", "")
        if year:
            if not (year.isdigit() and len(year) == 4):
                raise Http404
            publications = publications.filter(year_start__lte=int(year), year_end__gte=int(year))
        if kind:
            publications = publications.filter(kind=kind)
        current = self.paginate(request, publications)
        kinds, years = self.filter_values()
        return self.render(
            request,
            context_overrides={
                "publications": current,
                "kinds": [(k, k.label, KIND_SLUGS[k]) for k in kinds],
                "years": years,
                "selected_kind": kind,
                "selected_year": int(year) if year else None,
            },
        )

    @path("")
    def all_publications(self, request):
        return self.listing(request)

    @path("kind/<slug:kind_slug>/")
    def by_kind(self, request, kind_slug):
        if kind_slug not in KINDS_BY_SLUG:
            raise Http404
        return self.listing(request, kind=KINDS_BY_SLUG[kind_slug])


class PublicationPage(RoutablePageMixin, SitePage):
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    year_start = models.PositiveSmallIntegerField(_("first year covered"))
    year_end = models.PositiveSmallIntegerField(
        _("last year covered"), help_text=_("The same as the first year for one year.")
    )
    adopted = models.DateField(_("adopted on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, validators=[validate_plain_text])
    body = StreamField(PublicationBodyBlock(), blank=True, verbose_name=_("body"))
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("The PDF and any other files of this publication."),
    )
    # A statistical report drafted from the triage queue (reporting/drafts.py): its period
    # ("2026-10", or "2026" for a year) and its figures, already protected for publication
    # (publications/statistics.py). Not in the editor's form: an editor words the report,
    # the figures come from the queue.
    statistics_period = models.CharField(max_length=7, blank=True, default="", editable=False)
    figures = models.JSONField(default=dict, blank=True, editable=False)

    content_panels = SitePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
                FieldPanel("adopted"),
            ],
            heading=_("What it is"),
        ),
        FieldPanel("summary"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]
    parent_page_types = ["publications.PublicationIndexPage"]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("year_start"),
        index.FilterField("year_end"),
    ]

    class Meta:
        verbose_name = _("publication")
        indexes = [
            models.Index(fields=["kind", "year_end"]),
            models.Index(fields=["kind", "statistics_period"]),
        ]

    def clean(self):
        super().clean()
        validate_page_text(self)
        from django.core.exceptions import ValidationError

        if self.year_end is not None and self.year_start is not None:
            if self.year_end < self.year_start:
                raise ValidationError(
                    {"year_end": _("The last year cannot come before the first.")}
                )

    @property
    def period(self):
        if self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        return str(self.year_start)

    @property
    def kind_slug(self):
        return KIND_SLUGS.get(self.kind, "")

    def last_statistical_report(self):
        """The live, public statistical report of this page's first year that runs latest, in
        this page's language if there is one, else in the Serbian source. Drafts, private pages
        and reports without figures never count (nothing unpublished reaches a plan)."""
        reports = (
            public(PublicationPage.objects.live())
            .filter(kind=Kind.STATISTICAL_REPORT, year_start=self.year_start)
            .exclude(statistics_period="")
            .select_related("locale")
        )
        candidates = [page for page in reports if page.figures.get("year_to_date")]
        if not candidates:
            return None
        latest = max(period_end(page.figures) for page in candidates)
        latest_pages = [page for page in candidates if period_end(page.figures) == latest]
        for language in (self.locale.language_code, "sr"):
            for page in latest_pages:
                if page.locale.language_code == language:
                    return page
        return latest_pages[0]

    def body_sample(self, blocks=3):
        """The text of the first blocks: enough to tell the body's script and language. Read
        from the stored JSON: iterating the StreamField would turn the whole body (every block
        of a kind at once) into Python objects on each request, which cost a third of a plan's
        render while its HTML came from the cache."""
        texts = _texts(list(self.body.raw_data)[:blocks])
        return strip_tags(" ".join(texts))[:1000]

    @path("data-csv/")
    def data_csv(self, request):
        """The table of a statistical report as open data: the same hidden counts as the page."""
        if not self.figures:
            raise Http404
        return figures_csv(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plan_report = self.last_statistical_report() if self.kind == Kind.WORK_PLAN else None
        context.update(statistics_context(self, plan_report=plan_report))
        # A preview must show the draft, never the cached body of the live page.
        context["body_cache_timeout"] = 0 if getattr(request, "is_preview", False) else 600
        sample = self.body_sample()
        script = "sr-Cyrl" if has_cyrillic(sample) else "sr-Latn"
        language = self.locale.language_code
        if language == "en":
            # The demo's (and often the Centre's) English pages carry the Serbian full text.
            source = self.get_translations().filter(locale__language_code="sr").first()
            untranslated = source is not None and source.specific.body_sample() == sample
            context["body_untranslated"] = untranslated
            context["body_lang"] = script if untranslated else ""
        elif language == "sr" and script == "sr-Latn":
            # Some documents (the 2017-2018 action plan) were published in Latin script.
            context["body_lang"] = "sr-Latn"
        return context

    def table_of_contents(self):
        """Goals and specific goals, for long documents: (anchor, number, title, children)."""
        from .blocks import anchor

        entries = []
        for block in self.body:
            if block.block_type == "general_goal":
                children = [
                    (anchor("goal", goal["number"]), goal["number"], goal["title"])
                    for goal in block.value["specific_goals"]
                ]
                entries.append(
                    (
                        anchor("goal", block.value["number"]),
                        block.value["number"],
                        block.value["title"],
                        children,
                    )
                )
            elif block.block_type == "action_goal":
                entries.append(
                    (
                        anchor("goal", block.value["number"]),
                        block.value["number"],
                        block.value["title"],
                        [],
                    )
                )
        return entries


def _texts(raw):
    """Every string in a StreamField's stored JSON, but the blocks' ids and types."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, dict):
        raw = [value for key, value in raw.items() if key not in ("id", "type")]
    if isinstance(raw, list):
        return [text for item in raw for text in _texts(item)]
    return []


class ImportJob(models.Model):
    """A file being read in the background for Publications → Import (publications/admin/jobs.py):
    it waits here, in the database where the task worker finds it, until its text is read; the
    editor's progress page then shows the preview and the row is deleted. A failed read keeps
    only its message until the editor has seen it. The plans hold no personal data."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        READING = "reading", _("Being read")
        READ = "read", _("Text read")
        FAILED = "failed", _("Could not be read")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(max_length=16)  # of the editor, for the messages of the read
    file_name = models.CharField(max_length=120)
    data = models.BinaryField()
    kind = models.CharField(max_length=32, blank=True)
    archive = models.ForeignKey(PublicationIndexPage, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    file_type = models.CharField(max_length=4, blank=True)
    text = models.TextField(blank=True)
    pages = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"
