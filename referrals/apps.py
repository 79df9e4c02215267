from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        from . import keys, startup  # noqa: F401  (keys: resets its cache on setting changes)

        startup.announce()
        self.connect_link_cache()
        self.connect_staff_cache()

    def connect_staff_cache(self):
        """Who may be assigned referrals changes with groups and accounts (triage/staff.py)."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .triage.staff import forget_assignable

        User = get_user_model()
        for sender in (User, Group):
            post_save.connect(forget_assignable, sender=sender, dispatch_uid=f"staff.{sender}")
            post_delete.connect(forget_assignable, sender=sender, dispatch_uid=f"staff-d.{sender}")
        for through in (
            User.groups.through,
            User.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(forget_assignable, sender=through, dispatch_uid=f"staff.{through}")

    def connect_link_cache(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .templatetags.intake_tags import forget_links

        for signal in (page_published, page_unpublished, post_page_move, post_delete):
            signal.connect(forget_links, dispatch_uid=f"referrals.links.{id(signal)}")
