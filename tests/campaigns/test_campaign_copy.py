"""Preparing next year's campaign by copying last year's page (docs/campaigns.md): the admin
reminds the editor that the copy still has last year's events and images, refuses a second
campaign for the same day in the same language (naming the page that has it), and warns, without
refusing, about events dated in the past."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import CampaignPage
from tests.campaigns.campaign_support import make_campaigns
from tests.conftest import built_for_module, fresh
from tests.staff import make_staff, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("copied_campaigns")]

BELGRADE = ZoneInfo("Europe/Belgrade")
WORLD_DAY_2026 = "Светски дан борбе против трговине људима 2026."
WORLD_DAY_2027 = "Светски дан борбе против трговине људима 2027."


def campaign(slug, language="sr"):
    return CampaignPage.objects.get(slug=slug, locale__language_code=language)


built = built_for_module(
    lambda site: make_campaigns(site, ["world-day-2026", "eu-day-2026", "world-day-2027"])
)


@pytest.fixture
def copied_campaigns(built, db):
    """Last year's two campaigns, and this year's 30 July, prepared (scheduled) already."""
    return fresh(built)


@pytest.fixture
def editor(time_machine):
    # Early 2027: last year's campaigns are over, this year's are being prepared.
    time_machine.move_to(datetime.datetime(2027, 3, 1, 10, tzinfo=BELGRADE), tick=False)
    return signed_in(make_staff("Editor"))


def copy_page(client, source, slug, title):
    return client.post(
        f"/admin/pages/{source.pk}/copy/",
        {"new_title": title, "new_slug": slug, "new_parent_page": source.get_parent().pk},
        follow=True,
    )


def edit_data(page, **changes):
    """The edit form of `page` as the admin sends it, with `changes`, saved as a draft."""

    def blocks(field):
        return streamfield([(b.block_type, b.block.get_prep_value(b.value)) for b in field])

    data = {
        "title": page.title,
        "slug": page.slug,
        "observance": page.observance,
        "year": page.year,
        "other_date": page.other_date or "",
        "key_message": page.key_message,
        "hero_image": page.hero_image_id or "",
        "hero_alt": page.hero_alt,
        "actions": blocks(page.actions),
        "events": blocks(page.events),
        "materials": blocks(page.materials),
        # The body's rich text would need Draftail's format; it plays no part here.
        "body": streamfield([]),
        "share_image": page.share_image_id or "",
        "share_description": page.share_description,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return nested_form_data(data)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_copying_a_campaign_reminds_the_editor_of_the_dates_and_images(editor):
    response = copy_page(editor, campaign("world-day-2026"), "wd-copy", "Копија")
    assert response.status_code == 200
    copy = campaign("wd-copy")
    assert not copy.live
    reminder = [m for m in messages_of(response) if "events" in m and "images" in m]
    assert len(reminder) == 1, messages_of(response)
    assert "set the new year" in reminder[0]


def test_a_copy_for_the_same_day_and_year_is_refused_naming_the_existing_page(editor):
    copy_page(editor, campaign("world-day-2026"), "wd-copy", "Копија")
    copy = campaign("wd-copy")

    # Saved as it was copied: still 30 July 2026, which last year's page has.
    revisions = copy.revisions.count()
    response = editor.post(f"/admin/pages/{copy.pk}/edit/", edit_data(copy))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "year" in errors and WORLD_DAY_2026 in errors["year"][0]
    assert (
        CampaignPage.objects.filter(
            locale__language_code="sr", campaign_date=datetime.date(2026, 7, 30)
        ).count()
        == 2
    ), "the copy itself exists, but no revision of it was saved"
    assert copy.revisions.count() == revisions

    # 2027: 30 July 2027 is prepared (scheduled) already.
    response = editor.post(f"/admin/pages/{copy.pk}/edit/", edit_data(copy, year=2027))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "year" in errors and WORLD_DAY_2027 in errors["year"][0]

    # Last year's page stays editable while the copy waits for its new year.
    source = campaign("world-day-2026")
    response = editor.post(f"/admin/pages/{source.pk}/edit/", edit_data(source))
    assert response.status_code == 302, response.context["form"].errors


def test_a_new_year_saves_with_a_warning_about_past_events(editor):
    copy_page(editor, campaign("world-day-2026"), "wd-copy", "Копија")
    copy = campaign("wd-copy")
    old_events = [block.value for block in copy.events]
    assert old_events and all(event["date"].year == 2026 for event in old_events)

    response = editor.post(f"/admin/pages/{copy.pk}/edit/", edit_data(copy, year=2028), follow=True)
    assert response.redirect_chain, response.context["form"].errors
    copy = campaign("wd-copy").get_latest_revision_as_object()
    assert copy.year == 2028, "a past event only warns: the draft is saved"
    warnings = [m for m in messages_of(response) if "in the past" in m]
    assert len(warnings) == 1, messages_of(response)
    for event in old_events:
        assert event["title"] in warnings[0]

    # With the events moved to the campaign's year there is nothing to warn about.
    events = streamfield(
        [
            ("event", {**event.block.get_prep_value(event.value), "date": "2028-07-29"})
            for event in copy.events
        ]
    )
    response = editor.post(
        f"/admin/pages/{copy.pk}/edit/", edit_data(copy, events=events), follow=True
    )
    assert response.status_code == 200
    assert not [m for m in messages_of(response) if "in the past" in m]


def test_a_past_campaign_is_edited_without_warnings(editor):
    source = campaign("eu-day-2026")
    response = editor.post(f"/admin/pages/{source.pk}/edit/", edit_data(source), follow=True)
    assert response.status_code == 200
    assert not [m for m in messages_of(response) if "in the past" in m]


def test_the_model_refuses_a_second_campaign_for_a_day_in_the_same_language_only():
    source = campaign("eu-day-2026")
    page = CampaignPage(
        title="Други европски дан",
        slug="eu-day-2026-again",
        observance="eu-day",
        year=2026,
        key_message="Порука.",
        locale=source.locale,
    )
    # Saving a page cleans it.
    with pytest.raises(ValidationError) as refused:
        source.get_parent().add_child(instance=page)
    assert "year" in refused.value.message_dict
    assert source.title in refused.value.message_dict["year"][0]
    assert not CampaignPage.objects.filter(slug="eu-day-2026-again").exists()

    # Another year, or the other day, is free; the other day of that year is not.
    page.year = 2029
    assert page.duplicate_campaign() is None
    page.year, page.observance = 2026, "world-day"
    assert page.duplicate_campaign() == campaign("world-day-2026")
    # In another language (a campaign written in English only) only English pages count.
    page.locale = Locale.objects.get(language_code="en")
    page.year = 2029
    assert page.duplicate_campaign() is None
    page.year = 2026
    assert page.duplicate_campaign() == campaign("world-day-2026", "en")
    # A translation follows its source's day and is not checked against its siblings.
    assert campaign("eu-day-2026", "en").duplicate_campaign() is None
