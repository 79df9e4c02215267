"""Feed discovery: <link rel="alternate"> to the news and campaign feeds of the reader's
language."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import Page

from ..models import CampaignIndexPage, NewsIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_links(context):
    """[{"title", "url"}] of the feeds in the current language; one query per request."""
    request = context["request"]
    if not hasattr(request, "_feed_links"):
        types = ContentType.objects.get_for_models(NewsIndexPage, CampaignIndexPage).values()
        indexes = (
            Page.objects.live()
            .filter(locale__language_code=get_language(), content_type__in=types)
            .order_by("path")
        )
        request._feed_links = [
            {
                "title": page.title,
                # The feed is a route of the index page; its specific class knows the path.
                "url": page.get_url(request) + page.specific_deferred.reverse_subpage("feed"),
            }
            for page in indexes
        ]
    return request._feed_links
