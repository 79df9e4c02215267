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


def display_name(user):
    """How staff screens name a person: the full name, the username only when no name is set
    (usernames are sign-in handles, not what colleagues call each other)."""
    return user.get_full_name() or user.get_username()


def assignable_choices():
    """(pk as text, name) of staff_who_can_open(), by name, kept a minute in the cache (a
    changed name clears it with the account's post_save)."""
    choices = cache.get(CACHE_KEY)
    if choices is None:
        users = list(staff_who_can_open())
        names = [display_name(user) for user in users]
        choices = sorted(
            (
                # Two people of the same name are told apart by their usernames.
                (str(user.pk), f"{name} ({user.get_username()})" if names.count(name) > 1 else name)
                for user, name in zip(users, names, strict=True)
            ),
            key=lambda choice: choice[1].casefold(),
        )
        cache.set(CACHE_KEY, choices, 60)
    return choices


def forget_assignable(**kwargs):
    cache.delete(CACHE_KEY)
