from django import template

register = template.Library()


@register.simple_tag
def lookup(mapping, key):
    """`mapping[key]`, or "" when it is missing (templates cannot index by a variable)."""
    return (mapping or {}).get(key, "")
