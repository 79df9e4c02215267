"""Template filters for the figures of statistical reports (publications/statistics.py)."""

from django import template

from .. import statistics

register = template.Library()


@register.filter
def stat_label(texts):
    return statistics.label(texts)


@register.filter
def stat_value(value):
    return statistics.shown(value)


@register.filter
def stat_hidden(value):
    return statistics.is_hidden(value)


@register.filter
def progress_for(progress, code):
    """The figure so far of an indicator's statistic, or None."""
    if not progress or not code:
        return None
    return progress.get(code)


@register.filter
def spaced_percent(target):
    """ "65%" as the Serbian and English style guides write it: "65 %"."""
    text = str(target).strip()
    if text.endswith("%") and not text.endswith(" %"):
        return text[:-1].rstrip() + " %"
    return text
