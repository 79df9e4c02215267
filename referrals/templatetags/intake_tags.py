"""Template helpers of the intake: the links in every page's header, and accessible fields."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.html import format_html_join
from django.utils.translation import get_language

from core.templatetags.site_tags import frame_pages

from ..models import ProfessionalReferralPage, ReportPage

register = template.Library()

GROUP_WIDGETS = {"radioselect", "checkboxselectmultiple"}


CACHE_KEY = "intake-links:{language}"
CACHE_SECONDS = 300


class Link:
    def __init__(self, pk, url):
        self.pk, self.url = pk, url


@register.simple_tag(takes_context=True)
def intake_pages(context):
    """The two form pages in the reader's language, {"report": Link, "professional": Link},
    from the cache: every page shows them, so they must cost no query. Publishing,
    unpublishing, moving or deleting a page clears the cache (referrals/apps.py)."""
    request = context.get("request")
    language = get_language()
    key = CACHE_KEY.format(language=language)
    links = cache.get(key)
    if links is None:
        links = {}
        models = {"report": ReportPage, "professional": ProfessionalReferralPage}
        # Read with the menu, in the same query (core/templatetags/site_tags.py); the first of
        # each kind by pk, as `.public().first()` picked it.
        pages = sorted(frame_pages(request, context.get("page")), key=lambda page: page.pk)
        for page in pages:
            for name, model in models.items():
                if (
                    name not in links
                    and page.specific_class is model
                    and page.locale.language_code == language
                    and not page.restricted
                ):
                    links[name] = (page.pk, page.get_url(request))
        cache.set(key, links, CACHE_SECONDS)
    return {name: Link(*value) for name, value in links.items()}


def forget_links(sender=None, instance=None, **kwargs):
    from wagtail.models import Page

    if instance is not None and not isinstance(instance, Page):
        return
    cache.delete_many([CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


@register.filter
def is_group(bound_field):
    return bound_field.widget_type in GROUP_WIDGETS


def described_by(bound_field):
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def describedby(bound_field):
    return described_by(bound_field)


@register.simple_tag
def field_input(bound_field):
    """The input with aria-describedby pointing at its hint and error, and aria-invalid."""
    attrs = {}
    ids = described_by(bound_field)
    if ids:
        attrs["aria-describedby"] = ids
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def error_list(messages):
    return format_html_join(" ", "{}", ((m,) for m in messages))
