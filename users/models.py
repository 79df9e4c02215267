from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The project's own user model, in place from the first migration so that staff accounts
    can gain fields (on-duty group, second factor policy) without a painful swap later."""

    class Meta(AbstractUser.Meta):
        # Granted to the Coordinator group (migration 0002): whoever holds it can make another
        # account's next sign-in enrol a new phone, so it is a right of its own, not "change".
        permissions = [
            ("reset_second_factor", _("Can reset another staff member's second factor")),
        ]
