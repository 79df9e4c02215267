from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from . import recovery_codes


class User(AbstractUser):
    """The project's own user model, in place from the first migration so that staff accounts
    can gain fields (on-duty group, second factor policy) without a painful swap later."""

    class Meta(AbstractUser.Meta):
        # Granted to the Coordinator group (migration 0002): whoever holds it can make another
        # account's next sign-in enrol a new phone, so it is a right of its own, not "change".
        permissions = [
            ("reset_second_factor", _("Can reset another staff member's second factor")),
        ]


class RecoveryCodes(TimestampMixin, ThrottlingMixin, Device):
    """An account's single-use recovery codes, as one django-otp device: the second-factor
    screen checks them with the other devices (users/two_factor.py). Only digests are kept
    (users/recovery_codes.py); a used code's digest is removed."""

    digests = models.JSONField(default=list, editable=False)

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    @classmethod
    def issue(cls, user):
        """Replace `user`'s codes with new ones and return them (the only time they are seen)."""
        codes = [recovery_codes.new_code() for _ in range(recovery_codes.COUNT)]
        with transaction.atomic():
            cls.objects.filter(user=user).delete()
            cls.objects.create(
                user=user,
                name=str(_("Recovery codes")),
                confirmed=True,
                digests=[recovery_codes.digest(code) for code in codes],
            )
        return codes

    @property
    def remaining(self):
        return len(self.digests)

    def verify_token(self, token):
        if not recovery_codes.looks_like_a_code(token):
            return False
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        wanted = recovery_codes.digest(token)
        with transaction.atomic():
            # Locked: two requests with the same code must not both use it.
            device = type(self).objects.select_for_update().get(pk=self.pk)
            found = wanted in device.digests
            if found:
                device.digests.remove(wanted)
                device.throttle_reset(commit=False)
                device.set_last_used_timestamp(commit=False)
            else:
                device.throttle_increment(commit=False)
            device.save()
        self.refresh_from_db()
        return found

    def get_throttle_factor(self):
        return 1
