from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: database roles, the migrate guard, health checks."""

    name = "operations"
    default_auto_field = "django.db.models.BigAutoField"
