"""One base for the pages that list their children (news, campaigns, publications): an
introduction, paging, and the Atom feed of what they list at feed/."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from ..validators import validate_page_text, validate_plain_text
from .pages import SitePage


class IndexPage(RoutablePageMixin, SitePage):
    """A subclass says what it lists (`listed()`, its live and public children in the order
    shown), how many a page (`PER_PAGE`) and which feed serves them (`feed_class`, a subclass
    of core.feeds.IndexFeed)."""

    intro = models.TextField(_("introduction"), blank=True, validators=[validate_plain_text])

    PER_PAGE = 10
    # A page number that is not one, or is out of range: a 404 (strict), or the first or last
    # page (lenient, for lists whose length changes under a reader's feet, like the news).
    strict_paging = False
    feed_class = None
    # Whether every public page links the feed in its <head> (core/templatetags/feed_tags.py).
    announce_feed = True

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        validate_page_text(self)

    def listed(self):
        raise NotImplementedError

    @property
    def per_page(self):
        return self.PER_PAGE

    def paginate(self, request, items):
        """The page of `items` the request asks for (?page=)."""
        paginator = Paginator(items, self.PER_PAGE)
        number = request.GET.get("page")
        if not self.strict_paging:
            return paginator.get_page(number)
        try:
            return paginator.page(number or 1)
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404 from error

    def feed_url(self, request):
        return self.get_url(request) + self.reverse_subpage("feed")

    @path("feed/", name="feed")
    def feed(self, request):
        return self.feed_class()(request, index=self)
