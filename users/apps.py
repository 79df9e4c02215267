from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Users"

    def ready(self):
        # Connects the sign-in stamp (the absolute session limit) before any request is served.
        from . import admin_menu, middleware  # noqa: F401

        # Before any admin template is compiled: the sidebar tag is looked up at compile time.
        admin_menu.install()
        admin_menu.connect()
