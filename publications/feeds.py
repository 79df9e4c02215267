"""An Atom feed of new publications, one per archive page (so one per language)."""

from django.contrib.syndication.views import Feed

from home.feeds import Atom1Feed, plain_text_description


class PublicationFeed(Feed):
    feed_type = Atom1Feed
    limit = 30

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

    def subtitle(self):
        return self.index_page.intro

    def items(self):
        return self.index_page.publications().order_by("-first_published_at")[: self.limit]

    def item_title(self, item):
        return f"{item.title} ({item.period})"

    def item_description(self, item):
        return plain_text_description(item.summary)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]
