"""Feed discovery: <link rel="alternate"> to the feeds of the reader's language that every page
announces (the index pages whose announce_feed is set: news and campaigns)."""

from django import template
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import Page

from ..models.index import IndexPage

register = template.Library()


def announced_index_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, IndexPage) and model.announce_feed
    ]


@register.simple_tag(takes_context=True)
def feed_links(context):
    """[{"title", "url"}] of the feeds in the current language; one query per request."""
    request = context["request"]
    if not hasattr(request, "_feed_links"):
        types = ContentType.objects.get_for_models(*announced_index_models()).values()
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
