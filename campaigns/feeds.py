"""The Atom feed of the campaigns, one per campaign index (so one per language), at
<index>/feed/: the latest day first; an entry appears when its page goes live."""

from django.utils.translation import gettext as _

from core.feeds import IndexFeed, plain_text_description


class CampaignFeed(IndexFeed):
    def default_subtitle(self):
        return _("Campaigns of the Centre")

    def item_description(self, item):
        return plain_text_description(item.key_message)

    def item_pubdate(self, item):
        return item.first_published_at
