from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Users"

    def ready(self):
        # Connects the sign-in stamp (the absolute session limit) before any request is served.
        from . import middleware  # noqa: F401
