"""{% responsive_image image "place" sizes=... alt=... %}: an <img> with the srcset of the
renditions listed for that place in core/renditions.py, the ones publishing makes."""

from django import template
from wagtail.images.models import ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found

from ..renditions import PLACES

register = template.Library()


@register.simple_tag
def responsive_image(image, place, **attrs):
    """What {% srcset_image image <the place's specs> **attrs %} shows. An unknown place is a
    programming error and fails loudly (tests/core/test_renditions.py checks the templates)."""
    if not image:
        return ""
    return ResponsiveImage(get_renditions_or_not_found(image, PLACES[place]), attrs)
