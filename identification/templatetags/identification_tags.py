from django import template
from wagtail.models import Locale

from ..models import IdentificationPage

register = template.Library()


@register.simple_tag
def lookup(mapping, key):
    """`mapping[key]`, or "" when it is missing (templates cannot index by a variable)."""
    return (mapping or {}).get(key, "")


def check_page():
    locale = Locale.get_active()
    return IdentificationPage.objects.live().public().filter(locale=locale).first()


@register.inclusion_tag("identification/includes/check_link.html")
def identification_link():
    """A box that points a professional who is unsure to the guided check."""
    return {"check_page": check_page()}


@register.inclusion_tag("identification/includes/check_link.html")
def identification_link_on_help_page(page):
    """The same box, on the help section's page only (the page the home page names)."""
    parent = page.get_parent() if page.depth == 3 else None
    is_help = parent is not None and getattr(parent.specific, "help_page_id", None) == page.pk
    return {"check_page": check_page() if is_help else None}
