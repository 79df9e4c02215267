from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """The bridge from the triage queue's statistics to the statistical report pages: the one
    app that may import both referrals and publications (docs/architecture.md)."""

    name = "reporting"
    default_auto_field = "django.db.models.BigAutoField"
