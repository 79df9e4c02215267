"""Admin registrations of the home app."""

from django.contrib import messages
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import (
    admin_language,  # noqa: F401 (its hooks keep the admin in one language and script)
    editor_hooks,  # noqa: F401 (Serbian slugs, no prominent alias conversion)
)
from .models import CampaignPage, NewsTag
from .translation_drafts import GuardedUpdateTranslationsView


class NewsTagViewSet(SnippetViewSet):
    """News tags are typed in Cyrillic on the news pages; here editors give each its English
    name (the Latin one is derived)."""

    model = NewsTag
    icon = "tag"
    menu_label = _("News tags")
    add_to_admin_menu = False
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    panels = [FieldPanel("name"), FieldPanel("name_en")]


register_snippet(NewsTagViewSet)


# Before wagtail-localize's own URLs (order), so this path is served by the guarded view.
@hooks.register("register_admin_urls", order=-1)
def guard_updating_translations():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
        )
    ]


# Campaigns are prepared by copying last year's page (docs/campaigns.md), so a copy carries last
# year's events and images. Wagtail has no warnings on save, only errors that block it: these
# are messages on the next admin page, so the editor can save a draft and fix it later.


@hooks.register("after_copy_page")
def remind_to_update_a_copied_campaign(request, page, new_page):
    if isinstance(new_page.specific, CampaignPage):
        messages.warning(
            request,
            gettext(
                "The copy still has the year, the events and the images of the page it was "
                "copied from: set the new year, change or remove the events and replace the hero "
                "and share images before publishing it."
            ),
        )


def past_events(page):
    """The events of a campaign still to come that are dated before today or before the
    campaign's year. (A campaign that is over has only past events: nothing to say.)"""
    today = timezone.localdate()
    day = page.observance_date()
    if day is None or day < today:
        return []
    return [
        event
        for event in page.sorted_events()
        if event["date"] < today or (page.year and event["date"].year < page.year)
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_past_events(request, page):
    page = page.specific
    if not isinstance(page, CampaignPage):
        return
    events = past_events(page)
    if events:
        messages.warning(
            request,
            gettext(
                "Saved, but these events are in the past or before the campaign's year: "
                "%(events)s. Check their dates."
            )
            % {
                "events": "; ".join(
                    f"{event['title']} ({formats.date_format(event['date'], 'SHORT_DATE_FORMAT')})"
                    for event in events
                )
            },
        )
