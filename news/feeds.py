"""The Atom feed of the news, one per news index (so one per language), at <index>/feed/."""

from django.utils.translation import gettext as _

from core.feeds import IndexFeed, plain_text_description, start_of_day


class NewsFeed(IndexFeed):
    def default_subtitle(self):
        return _("News from the Centre")

    def items(self, index):
        return index.listed().prefetch_related("tagged_items__tag")[: self.length]

    def item_description(self, item):
        return plain_text_description(item.summary)

    def item_pubdate(self, item):
        return start_of_day(item.date)

    def item_categories(self, item):
        return [tagged.tag.label for tagged in item.tagged_items.all()]
