"""The second-factor screens live under /admin/ (users/two_factor.py)."""

from django.urls import path
from wagtail import hooks

from . import two_factor


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
        path("two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    ]
