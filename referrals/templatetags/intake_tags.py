"""Template helpers of the intake: the links in every page's header, and accessible fields."""

from django import template
from django.utils.html import format_html_join
from wagtail.models import Locale

from ..models import ProfessionalReferralPage, ReportPage

register = template.Library()

GROUP_WIDGETS = {"radioselect", "checkboxselectmultiple"}


@register.simple_tag(takes_context=True)
def intake_pages(context):
    """The two form pages in the reader's language: {"report": page, "professional": page}."""
    request = context.get("request")
    if request is not None and hasattr(request, "_intake_pages"):
        return request._intake_pages
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    pages = {}
    for key, model in (("report", ReportPage), ("professional", ProfessionalReferralPage)):
        queryset = model.objects.live().public()
        if locale is not None:
            queryset = queryset.filter(locale=locale)
        pages[key] = queryset.only("id", "url_path", "title", "locale").first()
    if request is not None:
        request._intake_pages = pages
    return pages


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
