"""Tags of the staff guides (users/guides.py): the admin's own labels, and screenshots that are
shown once their files exist."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from core.translit import has_cyrillic

from ..guides import screenshot_url

register = template.Library()


@register.simple_tag
def ui(message, **values):
    """A button or menu label as the admin shows it in the reader's language: the admin's own
    message id (Wagtail's, wagtail-localize's or ours), so the guide names exactly what is on
    the screen, and follows when a translation changes. Values fill its placeholders and are
    labels too ("%(label)s and Publish" with label="Approve"); a name that is no message id
    (the workflow's, typed in Cyrillic) comes back as it is, marked as Serbian on an English
    page for screen readers. Capitalised as Wagtail does menu labels."""
    filled = {}
    for key, value in values.items():
        value = gettext(str(value))
        if get_language() == "en" and has_cyrillic(value):
            filled[key] = format_html('<span lang="sr-Cyrl">{}</span>', value)
        else:
            filled[key] = conditional_escape(value)
    text = conditional_escape(capfirst(gettext(message)))
    if filled:
        text = mark_safe(text % filled)  # noqa: S308 (every part escaped above)
    return format_html('<b class="guide-ui">{}</b>', text)


@register.simple_tag
def screenshot(name, alt):
    """<figure> with static/guides/<language>/<name>.png and its text alternative, or nothing
    while the file does not exist."""
    url = screenshot_url(name)
    if url is None:
        return ""
    return format_html(
        '<figure class="guide-screenshot"><img src="{}" alt="{}" loading="lazy"></figure>', url, alt
    )
