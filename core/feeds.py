"""The one base of the site's Atom feeds (news, campaigns, publications), one per language: each
is served by its index page (at <index>/feed/, core/models/index.py), so it holds that
language's pages and speaks its language."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from .templatetags.site_tags import html_lang
from .validators import strip_xml_illegal

FEED_LENGTH = 20


def xml_safe(value):
    """`value` (a string, or the dicts and lists of them a feed is made of) without the
    characters XML cannot carry: one in a title or summary would make the feed fail."""
    if isinstance(value, str):
        return strip_xml_illegal(value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


class Atom1Feed(feedgenerator.Atom1Feed):
    """Django's Atom feed, with every text cleaned of what XML cannot carry just before it is
    written, wherever the text came from (an editor, a translation, a tag)."""

    def write(self, outfile, encoding):
        self.feed = xml_safe(self.feed)
        self.items = [xml_safe(item) for item in self.items]
        super().write(outfile, encoding)


def plain_text_description(text):
    """An entry's summary from text an editor typed: Atom's summary is written as
    type="html", so the text is escaped to reach the reader as typed ("Q&A", "<img ...>"
    shown, never loaded)."""
    return escape(text) if text else text


class IndexFeed(Feed):
    """A feed of what one index page lists, newest first; links are absolute, on the requested
    host. A subclass says how an item is summed up (`item_description`, `item_pubdate`)."""

    feed_type = Atom1Feed
    length = FEED_LENGTH

    def __call__(self, request, *args, **kwargs):
        # One instance serves one request (the index page's route makes it), so keeping the
        # request here is safe; item links need it.
        self.request = request
        self.language = html_lang()
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index):
        return index

    def title(self, index):
        return f"{index.title} · {self.author_name()}"

    def subtitle(self, index):
        return index.intro or self.default_subtitle()

    def default_subtitle(self):
        return ""

    def items(self, index):
        return index.listed()[: self.length]

    def item_title(self, item):
        return item.title

    def link(self, index):
        return index.get_url(self.request)

    def feed_url(self, index):
        return self.request.build_absolute_uri(self.request.path)

    def author_name(self):
        return _("Centre for the Protection of Victims of Human Trafficking")

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_updateddate(self, item):
        return item.last_published_at


def start_of_day(day):
    """A date as the start of that day in the site's time zone (feeds need a moment)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
