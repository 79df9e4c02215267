from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        from . import keys, startup  # noqa: F401  (keys: resets its cache on setting changes)

        startup.announce()
        self.connect_link_cache()

    def connect_link_cache(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .templatetags.intake_tags import forget_links

        for signal in (page_published, page_unpublished, post_page_move, post_delete):
            signal.connect(forget_links, dispatch_uid=f"referrals.links.{id(signal)}")
