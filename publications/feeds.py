"""An Atom feed of new publications, one per archive page (so one per language)."""

from core.feeds import IndexFeed, plain_text_description


class PublicationFeed(IndexFeed):
    length = 30

    def items(self, index):
        return index.listed().order_by("-first_published_at")[: self.length]

    def item_title(self, item):
        return f"{item.title} ({item.period})"

    def item_description(self, item):
        return plain_text_description(item.summary)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]
