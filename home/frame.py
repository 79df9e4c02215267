"""The frame every public page shares (quick exit, emergency numbers, header with menu and
languages, footer) is cached in fragments; this module says when it must be rebuilt.

Any publish, unpublish, move or deletion of a page, or any change of a site setting, gives the
frame a new version, which is part of every fragment's cache key. With Redis (REDIS_URL) the
new version reaches every worker at once; with the in-process cache the fragments expire after
FRAME_TIMEOUT at the latest.
"""

import uuid

from django.core.cache import cache

KEY = "frame-version"
FRAME_TIMEOUT = 600


def version():
    current = cache.get(KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(KEY, current, None)
        current = cache.get(KEY, current)
    return current


def invalidate(*args, **kwargs):
    cache.set(KEY, uuid.uuid4().hex, None)


def invalidate_on_change(sender, created=False, **kwargs):
    # A settings row is created with its defaults by the first page that reads it (and by the
    # admin's edit form before anyone edits it): nothing shown has changed then.
    if not created:
        invalidate()


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import CampaignSettings, ContactSettings, SocialSettings

    page_published.connect(invalidate, dispatch_uid="home.frame.publish")
    page_unpublished.connect(invalidate, dispatch_uid="home.frame.unpublish")
    post_page_move.connect(invalidate, dispatch_uid="home.frame.move")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="home.frame.delete")
    for model in (CampaignSettings, ContactSettings, SocialSettings):
        post_save.connect(
            invalidate_on_change, sender=model, dispatch_uid=f"home.frame.{model.__name__}"
        )
