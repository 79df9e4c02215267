"""The frame every public page shares (quick exit, emergency numbers, header with menu and
languages, footer) is cached in fragments; this module says when it must be rebuilt.

Any publish, unpublish, move or deletion of a page, any view restriction saved or removed, or
any change of a site setting, gives the frame a new version, which is part of every fragment's
cache key and of the page cache's key prefix (config/middleware.py). With Redis (REDIS_URL) the
new version reaches every worker, of both roles, at once; with the in-process cache the
fragments expire after FRAME_TIMEOUT at the latest.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches

from config.cache import PUBLIC_FRAME

KEY = "frame-version"
FRAME_TIMEOUT = 600

# The version the page cache read last in this process, and when (version(max_age=...)).
_seen = {"version": "", "at": -1e9}


def version(max_age=0):
    """The frame's version; with max_age, the one read with max_age at most max_age seconds
    ago in this process (the page cache asks on every request and may be a second late)."""
    now = time.monotonic()
    if max_age and now - _seen["at"] <= max_age:
        return _seen["version"]
    current = cache.get(KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(KEY, current, None)
        current = cache.get(KEY, current)
    if max_age:
        _seen.update(version=current, at=now)
    return current


def invalidate(*args, **kwargs):
    value = uuid.uuid4().hex
    cache.set(KEY, value, None)
    # On the internal tier with a cache of its own: the public tier's version too. Only a write:
    # this tier never reads (unpickles) what the public tier can write (config/cache.py).
    if PUBLIC_FRAME in settings.CACHES:
        caches[PUBLIC_FRAME].set(KEY, value, None)
    # This process sees the change at once; others within the page cache's max_age.
    forget()


def forget():
    """Drop the version this process remembers: the next version(max_age=...) reads the cache
    (after an invalidation, or a test that cleared the cache)."""
    _seen.update(version="", at=-1e9)


def invalidate_on_change(sender, created=False, **kwargs):
    # A settings row is created with its defaults by the first page that reads it (and by the
    # admin's edit form before anyone edits it): nothing shown has changed then.
    if not created:
        invalidate()


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="core.frame_cache.publish")
    page_unpublished.connect(invalidate, dispatch_uid="core.frame_cache.unpublish")
    post_page_move.connect(invalidate, dispatch_uid="core.frame_cache.move")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="core.frame_cache.delete")
    # A page (or a collection of documents) made private, or public again: no copy of what it
    # showed before may be served from the page cache or a fragment.
    for model in (PageViewRestriction, CollectionViewRestriction):
        for signal in (post_save, post_delete):
            uid = f"core.frame_cache.{model.__name__}.{id(signal)}"
            signal.connect(invalidate, sender=model, dispatch_uid=uid)
    for model in setting_models():
        post_save.connect(
            invalidate_on_change, sender=model, dispatch_uid=f"core.frame_cache.{model.__name__}"
        )


def setting_models():
    """Every model of site or generic settings, whichever app declares it (the header and
    footer read some; any may change what a page shows). Called once the apps are ready."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
