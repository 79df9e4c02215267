"""Hardening of the public tier's links: none runs a script whoever typed it (editors, translators,
the site settings), and stored ones that would are not rendered."""

import datetime
import json
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.test import Client
from wagtail.models import Site
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)

from campaigns.models import CampaignPage
from core.models import ContactSettings, SocialSettings
from tests.campaigns.campaign_support import make_campaigns
from tests.conftest import built_for_module, fresh, parse_page
from tests.core.hardening_support import anchors, quick_exit_href

BELGRADE = ZoneInfo("Europe/Belgrade")


# ---------------------------------------------------------------- 7. links translators store

EVENT_LINK = "https://centar.example/prijava"


def at(*args):
    return datetime.datetime(*args, tzinfo=BELGRADE)


# The campaign of 30 July 2026 in three languages (tests/campaigns/campaign_support.py), built
# once for the module.
built_world_day = built_for_module(lambda site: make_campaigns(site, ["world-day-2026"]))


@pytest.fixture
def world_day(built_world_day, db):
    return fresh(built_world_day)["world-day-2026"]


@pytest.fixture
def english_event(world_day, time_machine):
    """world-day-2026 with a registration link on its first event, its English translation,
    and the wagtail-localize segment a translator overrides for the English link."""
    time_machine.move_to(at(2026, 6, 1, 10, 0), tick=False)
    page = CampaignPage.objects.get(slug="world-day-2026", locale__language_code="sr")
    raw = [dict(block) for block in page.events.raw_data]
    raw[0]["value"]["link"] = EVENT_LINK
    page.events = json.dumps(raw)
    page.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    segment = OverridableSegment.objects.get(source=source, data_json=json.dumps(EVENT_LINK))
    return {"page": page, "translation": translation, "segment": segment}


def put_override(client, english_event, value):
    translation, segment = english_event["translation"], english_event["segment"]
    return client.put(
        f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/",
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def english_campaign_links(client, english_event):
    english_event["translation"].save_target(publish=True)
    response = client.get("/en/campaigns/world-day-2026/")
    assert response.status_code == 200
    return [a["href"] for a in anchors(response)]


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(document.domain)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://centar.example/",
    ],
)
def test_a_translator_cannot_store_a_link_that_runs_script(admin_client, english_event, value):
    response = put_override(admin_client, english_event, value)
    assert response.status_code == 400, response.content
    assert not SegmentOverride.objects.filter(context=english_event["segment"].context).exists()
    links = english_campaign_links(Client(), english_event)
    assert EVENT_LINK in links
    assert not [href for href in links if "script:" in href.lower()]


@pytest.mark.parametrize(
    "value", ["https://centar.example/en/register", "mailto:info@centar.example", "tel:+381111"]
)
def test_a_translator_can_still_override_a_link(admin_client, english_event, value):
    response = put_override(admin_client, english_event, value)
    assert response.status_code == 201, response.content
    assert value in english_campaign_links(Client(), english_event)


def test_a_stored_script_link_is_not_rendered(client, english_event):
    # As if stored before this check existed: bulk_create sends no signal.
    translation, segment = english_event["translation"], english_event["segment"]
    SegmentOverride.objects.bulk_create(
        [
            SegmentOverride(
                locale=translation.target_locale,
                context=segment.context,
                data_json=json.dumps("javascript:alert(document.domain)"),
            )
        ]
    )
    links = english_campaign_links(client, english_event)
    assert not [href for href in links if "script:" in href.lower()]
    # The event itself is still shown, without the link.
    html = client.get("/en/campaigns/world-day-2026/").content.decode()
    assert "Details and registration" not in html


@pytest.mark.usefixtures("world_day")
def test_a_stored_script_link_in_rich_text_is_not_rendered(client):
    # As a translator's override of a link's address in rich text would store it, before this
    # check existed.
    paragraph = (
        '<p><a href="javascript:alert(document.domain)">Guide</a>, '
        "<a href='JAVASCRIPT:alert(1)'>again</a>, "
        '<a href="https://centar.example/guide">the real guide</a></p>'
    )
    body = [{"type": "paragraph", "value": paragraph, "id": "0b2f9a52-5c0b-4a43-9a0e-6b1f0e8c6d11"}]
    CampaignPage.objects.filter(slug="world-day-2026", locale__language_code="en").update(
        body=json.dumps(body)
    )
    response = client.get("/en/campaigns/world-day-2026/")
    links = [a.get("href") for a in anchors(response)]
    assert "https://centar.example/guide" in links
    assert not [href for href in links if href and "script:" in href.lower()]
    # The words stay.
    assert {"Guide", "again"} <= set(parse_page(response.content.decode()).texts)


def site_settings_form(instance, names, **changes):
    data = {}
    for name in names:
        value = getattr(instance, name)
        data[name] = "" if value is None else value
    data.update(changes)
    return data


CONTACT_FIELDS = [
    "police",
    "ambulance",
    "emergency",
    "child_helpline",
    "centre_phone",
    "centre_phone_hours",
    "centre_email",
    "centre_address",
    "quick_exit_url",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (ContactSettings, "quick_exit_url", "http://weather.example/"),
        (ContactSettings, "quick_exit_url", "ftp://weather.example/"),
        (SocialSettings, "facebook", "http://facebook.example/centar"),
    ],
)
def test_quick_exit_and_social_links_must_be_https(admin_client, model, field, value):
    site = Site.objects.get(is_default_site=True)
    instance = model.for_site(site)
    before = getattr(instance, field)
    names = CONTACT_FIELDS if model is ContactSettings else [field]
    data = site_settings_form(instance, names, **{field: value})
    if model is ContactSettings:
        data["safety_page"] = instance.safety_page_id or ""
    response = admin_client.post(f"/admin/settings/core/{model._meta.model_name}/{site.pk}/", data)
    assert response.status_code == 200
    instance.refresh_from_db()
    assert getattr(instance, field) == before


@pytest.mark.django_db
def test_stored_quick_exit_and_social_links_that_run_script_are_not_rendered(client):
    site = Site.objects.get(is_default_site=True)
    contacts = ContactSettings.for_site(site)
    contacts.quick_exit_url = "javascript:alert(document.domain)"
    contacts.save()
    social = SocialSettings.for_site(site)
    social.facebook = "javascript:alert(1)"
    social.instagram = "https://instagram.example/centar"
    social.save()
    response = client.get("/")
    assert quick_exit_href(response) == django_settings.QUICK_EXIT_DEFAULT_URL
    links = [a["href"] for a in anchors(response)]
    assert "https://instagram.example/centar" in links
    assert not [href for href in links if "script:" in href.lower()]
