"""The second factor of an account, for its page in Wagtail's Users admin."""

from django import template
from django.urls import reverse

from ..factors import sign_in_devices
from ..second_factor_admin import may_manage, may_reset

register = template.Library()


@register.inclusion_tag("users/second_factor_account.html", takes_context=True)
def second_factor_of(context, account):
    viewer = context["request"].user
    if not may_manage(viewer):
        return {"shown": False}
    return {
        "shown": True,
        "devices": sign_in_devices(account),
        "reset_url": reverse("second_factor_reset", args=[account.pk])
        if may_reset(viewer, account)
        else "",
    }
