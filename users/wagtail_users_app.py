"""Wagtail's users app with the Centre's user forms (users/roles.py): INSTALLED_APPS names this
configuration instead of "wagtail.users", which is how Wagtail lets a project customise its user
forms. A module of its own: the settings load it before any model exists."""

from wagtail.users.apps import WagtailUsersAppConfig


class CentreWagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "users.roles.UserViewSet"
