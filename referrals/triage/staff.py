"""Who referrals can be assigned to: the accounts allowed to open (decrypt) one. The queue
offers them as a filter and the case view as assignees, so the short list is cached and
forgotten whenever a group or an account changes (signals in referrals/apps.py)."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q

CACHE_KEY = "referrals:assignable-staff"


def staff_who_can_open():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="decrypt_referral")
            | Q(user_permissions__codename="decrypt_referral")
        )
        .distinct()
        .order_by("username")
    )


def assignable_choices():
    """(pk as text, username) of staff_who_can_open(), kept a minute in the cache."""
    choices = cache.get(CACHE_KEY)
    if choices is None:
        choices = [(str(user.pk), user.get_username()) for user in staff_who_can_open()]
        cache.set(CACHE_KEY, choices, 60)
    return choices


def forget_assignable(**kwargs):
    cache.delete(CACHE_KEY)
