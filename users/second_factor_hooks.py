"""The admin hooks of the second-factor page (users/second_factor_admin.py): its URLs, its
item in the Settings menu, a reset button on Wagtail's Users listing, and the log action that
shows a reset in the account's history. Imported by users/wagtail_hooks.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from . import second_factor_admin


@hooks.register("register_admin_urls")
def second_factor_admin_urls():
    return second_factor_admin.admin_urls()


class SecondFactorMenuItem(MenuItem):
    def is_shown(self, request):
        return second_factor_admin.may_manage(request.user)


@hooks.register("register_settings_menu_item")
def second_factor_menu_item():
    return SecondFactorMenuItem(
        _("Second factor of staff"),
        reverse("second_factor_staff"),
        icon_name="key",
        name="second-factor",
        order=610,  # next to Wagtail's Users (600)
    )


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user, request_user):
    # Wagtail's Users listing is for administrators; coordinators use the page above.
    if second_factor_admin.may_reset(request_user, user):
        yield ListingButton(
            _("Reset second factor"),
            reverse("second_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=50,
        )


@hooks.register("register_log_actions")
def second_factor_log_actions(actions):
    actions.register_action(
        second_factor_admin.LOG_ACTION, _("Reset second factor"), _("Second factor reset")
    )
