from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        from . import keys, startup  # noqa: F401  (keys: resets its cache on setting changes)

        startup.announce()
