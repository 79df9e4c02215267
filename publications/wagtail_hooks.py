"""Publications in the Wagtail admin (internal role only): Publications → Import, shown to
whoever may add a page under a publications archive (editors, moderators, superusers)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .admin import urls
from .admin.forms import archives_for


@hooks.register("register_admin_urls")
def register_import_urls():
    return urls.urlpatterns


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(archives_for(request.user))


@hooks.register("register_admin_menu_item")
def register_publications_menu():
    menu = Menu(register_hook_name="register_publications_menu_item", construct_hook_name=None)
    return SubmenuMenuItem(
        _("Publications"), menu, icon_name="doc-full", name="publications", order=160
    )


@hooks.register("register_publications_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import"), reverse("publications_import"), icon_name="upload", order=100
    )
