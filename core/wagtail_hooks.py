"""Admin registrations that concern every page, not one content type."""

from django.urls import path
from wagtail import hooks

from .admin import (
    editor_hooks,  # noqa: F401 (Serbian slugs, no prominent alias conversion)
    language,  # noqa: F401 (its hooks keep the admin in one language and script)
)
from .admin.translation_drafts import GuardedUpdateTranslationsView


# Before wagtail-localize's own URLs (order), so this path is served by the guarded view.
@hooks.register("register_admin_urls", order=-1)
def guard_updating_translations():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
        )
    ]
