"""Admin hooks of the campaigns: reminders when a campaign page is copied or saved."""

from django.contrib import messages
from django.utils import formats, timezone
from django.utils.translation import gettext
from wagtail import hooks

from .models import CampaignPage

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
