"""Purges the HTTP cache in front of the public tier (Varnish, deploy/varnish/default.vcl) when
what the public pages show changes: installed only when FRONTEND_CACHE_PURGE_URL is set
(config/settings/production.py; docs/operations.md, "Scale-out switches").

Wagtail's frontend cache app sends the PURGE requests; this configuration of it changes when:
- on the same events that give the page frame a new version (core/frame_cache.py): any publish,
  unpublish, move or deletion of a page, a view restriction, a site setting. A publish can change
  every page (the menu, the news and campaigns on the home page), so Varnish drops the whole site
  on any PURGE, as the page cache does with its frame version;
- after the commit, never inside the publish's transaction: a request between the purge and the
  commit would put the old page back in the cache. And once more FRAME_GRACE seconds later: the
  public workers may answer from their own page cache with the previous frame version for up to a
  second (config/middleware.py), and Varnish would keep what they answered.

Each language is its own page (the Latin one is published by core/latin.py on every publish of the
Cyrillic source), so each sends its own purge: WAGTAILFRONTENDCACHE_LANGUAGES is empty.
"""

import threading

from django.db import transaction
from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig
from wagtail.contrib.frontend_cache.utils import PurgeBatch

# Longer than the page cache may be late with a new frame version (config/middleware.py).
FRAME_GRACE = 1.5


def _urls(page=None):
    from wagtail.models import Site

    batch = PurgeBatch()
    if page is not None:
        batch.add_page(page)
    # Every site's root: what a purge with no page of its own (a setting) sends.
    batch.add_urls(site.root_url + "/" for site in Site.objects.all())
    return batch.urls


def _purge(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(list(urls))


def purge_after_commit(page=None):
    urls = _urls(page)

    def purge():
        _purge(urls)
        # Not a daemon: a management command that published waits for the second purge.
        threading.Timer(FRAME_GRACE, _purge, args=(urls,)).start()

    transaction.on_commit(purge)


def on_page_change(sender, instance, **kwargs):
    purge_after_commit(instance)


def on_page_moved(sender, instance, **kwargs):
    purge_after_commit(instance)


def on_page_deleted(sender, instance, **kwargs):
    # The page is gone: its URL can no longer be computed, the site's root stands for it.
    purge_after_commit()


def on_change(sender, created=False, **kwargs):
    # As core/frame_cache.py: a settings row created with its defaults changes nothing shown.
    if not created:
        purge_after_commit()


def on_restriction(sender, **kwargs):
    purge_after_commit()


class FrontendCacheConfig(WagtailFrontendCacheAppConfig):
    """Wagtail's frontend cache app with the purges above in place of its own signal handlers
    (which purge one page's URLs, inside the transaction)."""

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .frame_cache import setting_models

        uid = "core.frontend_cache"
        page_published.connect(on_page_change, dispatch_uid=f"{uid}.publish")
        page_unpublished.connect(on_page_change, dispatch_uid=f"{uid}.unpublish")
        post_page_move.connect(on_page_moved, dispatch_uid=f"{uid}.move")
        post_delete.connect(on_page_deleted, sender=Page, dispatch_uid=f"{uid}.delete")
        for model in (PageViewRestriction, CollectionViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    on_restriction,
                    sender=model,
                    dispatch_uid=f"{uid}.{model.__name__}.{id(signal)}",
                )
        for model in setting_models():
            post_save.connect(on_change, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
