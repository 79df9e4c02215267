"""The admin's sidebar (main menu, search area, account menu) cached per user.

Wagtail builds the sidebar on every admin page: each menu item asks the user's permissions
(three queries for page, collection and site permissions) and the whole menu is packed for the
sidebar script, about 11 ms of a queue page's rendering (docs/benchmarks.md). What it shows
depends only on who the user is, their permissions, their profile and the language, so it is
kept per user and language and built again whenever one of those changes.

Nothing here is shared between users: the key holds the user's id (and when the account was
made, so a reused id after a reset never meets an old entry), and a token that changes when the
user, their groups, their permissions or their profile change; a second token changes when any
group's permissions, or page, collection or site permissions, change. Tokens are random, not
counters, so a token evicted from the cache can never come back with an old value. The sidebar
holds no CSRF token (the admin script reads it from its configuration) and nothing of the
request but the user; the menu's active item is chosen in the browser.

Wagtail has no hook for this, and base.html's frame would have to be copied to swap the tag,
so the tag itself is registered again in Wagtail's own tag library (on start-up, before any
template is compiled), around Wagtail's own function.
"""

import functools
import hashlib
import secrets

import wagtail
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.admin.menu import admin_menu
from wagtail.admin.search import admin_search_areas
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission
from wagtail.users.models import UserProfile

from config.cache import FRAGMENTS

# A backstop: a change no signal reports (a translation deployed, a page moved under a
# permission) shows within this time.
SECONDS = 600
EVERYONE = "admin-menu:everyone"

wagtail_sidebar_props = wagtailadmin_tags.sidebar_props


def _cache():
    return caches[FRAGMENTS]


def _user_token_key(user_id):
    return f"admin-menu:user:{user_id}"


def forget_user(user_id):
    """The user's next page builds their sidebar again."""
    _cache().set(_user_token_key(user_id), secrets.token_hex(8), None)


def forget_everyone():
    _cache().set(EVERYONE, secrets.token_hex(8), None)


def _token(key, tokens):
    token = tokens.get(key)
    if token is None:
        _cache().add(key, secrets.token_hex(8), None)
        token = _cache().get(key, "")
    return token


@functools.cache
def menu_fingerprint():
    """What the menus are made of in this release: their items' names, addresses, icons and
    order, so that a deployment that changes them is not served an old sidebar."""
    parts = [wagtail.__version__]

    def walk(menu):
        for item in menu.registered_menu_items:
            parts.append(f"{item.name}|{item.url}|{item.icon_name}|{item.order}")
            if hasattr(item, "menu"):
                walk(item.menu)

    walk(admin_menu)
    parts.extend(f"{area.name}|{area.url}" for area in admin_search_areas.registered_search_areas)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def menu_key(user):
    user_key = _user_token_key(user.pk)
    tokens = _cache().get_many([EVERYONE, user_key])
    joined = f"{user.date_joined:%Y%m%d%H%M%S%f}" if user.date_joined else ""
    return ":".join(
        [
            "admin-menu",
            str(user.pk),
            joined,
            translation.get_language() or "",
            menu_fingerprint(),
            _token(EVERYONE, tokens),
            _token(user_key, tokens),
        ]
    )


def sidebar_props(context):
    """Wagtail's sidebar_props tag, cached per user (see the module's docstring)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return wagtail_sidebar_props(context)
    key = menu_key(user)
    props = _cache().get(key)
    if props is None:
        props = str(wagtail_sidebar_props(context))
        _cache().set(key, props, SECONDS)
    # Wagtail's own json_script output, escaped when it was made.
    return mark_safe(props)  # noqa: S308


def install():
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)


# --- what changes a sidebar -----------------------------------------------------------------


def _user_changed(sender, instance, **kwargs):
    forget_user(instance.pk)


def _profile_changed(sender, instance, **kwargs):
    forget_user(instance.user_id)


def _permissions_changed(sender, **kwargs):
    forget_everyone()


def _membership_changed(sender, instance, action, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, get_user_model()):
        forget_user(instance.pk)
    else:  # group.user_set.add(...) and the like: the users are in pk_set (or all of them)
        forget_everyone()


def connect():
    user_model = get_user_model()
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=user_model, dispatch_uid="admin-menu-user")
        signal.connect(_profile_changed, sender=UserProfile, dispatch_uid="admin-menu-profile")
        for model in (
            Group,
            Permission,
            GroupPagePermission,
            GroupCollectionPermission,
            GroupSitePermission,
        ):
            signal.connect(
                _permissions_changed, sender=model, dispatch_uid=f"admin-menu-{model.__name__}"
            )
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            _membership_changed, sender=through, dispatch_uid=f"admin-menu-{through.__name__}"
        )
    m2m_changed.connect(
        _permissions_changed, sender=Group.permissions.through, dispatch_uid="admin-menu-groups"
    )
