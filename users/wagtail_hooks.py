"""The second-factor screens live under /admin/ (users/two_factor.py), and so do the Centre's
guides for staff, first in the Help menu (users/guides.py). On the public role, pages and
documents made private are not found: that role signs nobody in and keeps no session, so it can
neither send a visitor to a login nor remember a page password (docs/triage.md)."""

from django.conf import settings
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import (
    guides,
    own_factors,
    passkeys,
    second_factor_hooks,  # noqa: F401 (its hooks: staff second factors seen and reset)
    two_factor,
)


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
        path("two-factor/setup/", two_factor.setup, name="two_factor_setup"),
        *passkeys.admin_urls(),
        *own_factors.admin_urls(),
    ]


@hooks.register("register_account_menu_item")
def own_second_factor_item(request):
    return {
        "url": reverse("two_factor_devices"),
        "label": _("Second factor"),
        "help_text": _("Your passkeys, authenticator apps and recovery codes."),
    }


@hooks.register("register_admin_urls")
def guide_urls():
    return guides.admin_urls()


for menu_item in guides.help_menu_items():
    hooks.register("register_help_menu_item", menu_item)


@hooks.register("before_serve_page", order=-100)
def no_private_pages_on_the_public_role(page, request, serve_args, serve_kwargs):
    # Before Wagtail's own check, which would redirect to a login or show a password form.
    if settings.SITE_ROLE == "public" and page.get_view_restrictions().exists():
        raise Http404


@hooks.register("before_serve_document", order=-100)
def no_private_documents_on_the_public_role(document, request):
    if settings.SITE_ROLE == "public" and document.collection.get_view_restrictions().exists():
        raise Http404
