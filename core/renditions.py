"""The renditions (resized copies) of every image the public pages show, listed in one place
and made when a page is published.

Making a rendition decodes the original, which for a large photo takes seconds and hundreds of
megabytes. Publishing happens in the admin, on the internal tier, so the renditions are made
there and an anonymous request on the public tier only reads the ones that exist. Templates show
images with {% responsive_image image "place" %} (core/templatetags/image_tags.py), which reads
the same list, so a template cannot ask for a rendition that publishing did not make.
"""

import logging

from django.apps import apps
from django.conf import settings

from .share import SHARE_IMAGE_FILTER

logger = logging.getLogger(__name__)

# The filter specs of each place an image is shown in, the narrowest first (the first is the
# <img src> of browsers that ignore srcset).
PLACES = {
    # The news page's own image, up to the width of the text column.
    "news_page": ("width-480", "width-800", "width-1200"),
    # Beside each item of the news list.
    "news_list": ("width-320", "width-640"),
    # The campaign page's hero, up to the width of the text column.
    "campaign_page": ("width-480", "width-800", "width-1200"),
    # A campaign's card in the campaign list (two columns from 48em).
    "campaign_card": ("width-360", "width-720"),
    # The featured campaign's card on the home page (the full column).
    "campaign_card_featured": ("width-360", "width-720", "width-1200"),
    # What a shared link shows (core/share.py).
    "share": (SHARE_IMAGE_FILTER,),
}

# Where each image field of a page model is shown.
FIELDS = {
    "news.NewsPage": {"image": ("news_page", "news_list", "share")},
    "campaigns.CampaignPage": {
        # Shared too when the campaign has no share image of its own.
        "hero_image": ("campaign_page", "campaign_card", "campaign_card_featured", "share"),
        "share_image": ("share",),
    },
}


def specs_of(places):
    """The filter specs of `places`, each once, in order."""
    return list(dict.fromkeys(spec for place in places for spec in PLACES[place]))


def images_of(page):
    """{image: filter specs} of the images `page` (a specific page) shows."""
    images = {}
    for field, places in FIELDS.get(page._meta.label, {}).items():
        image = getattr(page, field)
        if image is not None:
            images.setdefault(image, []).extend(specs_of(places))
    return {image: list(dict.fromkeys(specs)) for image, specs in images.items()}


def prepare(images):
    """Make the missing renditions of `images` ({image: filter specs}); those that exist are
    only looked up. An image that cannot be rendered (its file lost or damaged) is logged and
    skipped: the page is published anyway and shows Wagtail's "not found" image there."""
    for image, specs in images.items():
        try:
            image.get_renditions(*specs)
        except Exception:
            logger.exception("The renditions of image %s could not be made", image.pk)


def live_pages():
    """The live pages of every model with images, with their images loaded."""
    for label, fields in FIELDS.items():
        yield from apps.get_model(label).objects.live().select_related(*fields)


def on_publish(sender, instance, **kwargs):
    # The public tier publishes nothing itself, and its database role need not write images.
    if settings.SITE_ROLE == "public":
        return
    prepare(images_of(instance))
