from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's own user model, in place from the first migration so that staff accounts
    can gain fields (on-duty group, second factor policy) without a painful swap later."""
