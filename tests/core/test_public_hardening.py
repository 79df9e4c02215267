"""Hardening of the public tier: language links of error pages stay on this site, feeds carry
editors' text as text (and survive a control character), links run no script whoever typed
them (translators included), the 500 page keeps the quick exit and the numbers without the
database or the cache, and documents are served only through Wagtail's view."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import path
from wagtail.documents import get_document_model
from wagtail.models import Site
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)

from campaigns.models import CampaignIndexPage, CampaignPage
from config import urls as site_urls
from core.models import ContactSettings, SocialSettings
from news.models import NewsIndexPage, NewsPage
from publications.models import PublicationIndexPage, PublicationPage
from tests.conftest import parse_page

# Not converted to the factories yet: these tests read the demo's pages (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("demo")

ATOM = "{http://www.w3.org/2005/Atom}"
BELGRADE = ZoneInfo("Europe/Belgrade")


class Anchors(HTMLParser):
    """Every <a> of a page with its attributes."""

    def __init__(self):
        super().__init__()
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def anchors(response):
    parser = Anchors()
    parser.feed(response.content.decode())
    return parser.anchors


def quick_exit_href(response):
    [link] = [a for a in anchors(response) if "data-quick-exit" in a]
    return link["href"]


# ---------------------------------------------------------------- 1. language links of a 404


HOSTILE_PATHS = [
    "//evil.example/search/",
    "//evil.example/",
    "/%5Cevil.example/x",
    "/%5C%5Cevil.example/x/",
    "/en//evil.example/search/",
    "/sr-latn/%5Cevil.example/",
    "/%09/evil.example/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE_PATHS)
def test_language_links_of_a_404_never_leave_the_site(client, hostile):
    # An absolute URL, so that the test client keeps the path's leading "//" as the path.
    response = client.get("http://testserver" + hostile)
    assert response.status_code == 404
    links = [a["href"] for a in anchors(response) if "hreflang" in a]
    assert len(links) == len(django_settings.LANGUAGES)
    for href in links:
        assert href.startswith("/") and not href.startswith("//"), (hostile, href)
        assert "\\" not in href, (hostile, href)
    # A path that is no view of this site has no translation: each language's home instead.
    assert links == ["/", "/sr-latn/", "/en/"]


@pytest.mark.django_db
def test_language_links_of_a_view_still_lead_to_its_translation(client):
    response = client.get("/en/search/?q=help")
    links = [a["href"] for a in anchors(response) if "hreflang" in a]
    assert links == ["/search/", "/sr-latn/search/", "/en/search/"]


# ---------------------------------------------------------------- 4. feeds


TRACKER = 'Q&A <img src="https://tracker.example/p.gif">'


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Our own server's feed.
    return ET.fromstring(response.content)  # noqa: S314


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def first_news():
    return NewsIndexPage.objects.get(locale__language_code="sr").news().first().specific


def first_campaign():
    return CampaignIndexPage.objects.get(locale__language_code="sr").campaigns().first()


def first_publication():
    index = PublicationIndexPage.objects.get(locale__language_code="sr")
    return index.publications().order_by("-first_published_at").first().specific


FEEDS = [
    pytest.param(first_news, "summary", "/news/feed/", id="news"),
    pytest.param(first_campaign, "key_message", "/campaigns/feed/", id="campaigns"),
    pytest.param(first_publication, "summary", "/plans-and-reports/feed/", id="publications"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("item", "field", "url"), FEEDS)
def test_a_feed_carries_plain_text_as_text_not_markup(client, item, field, url):
    page = item()
    publish(page, **{field: TRACKER})
    [entry] = [
        e
        for e in atom(client, url).iter(f"{ATOM}entry")
        if f"/{page.slug}/" in e.find(f"{ATOM}link").get("href")
    ]
    summary = entry.find(f"{ATOM}summary")
    # A feed reader reads type="html" as markup: it must load nothing and show the text as typed.
    assert summary.get("type") == "html"
    shown = parse_page(summary.text)
    assert shown.resources == []
    assert shown.texts == [TRACKER]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/sr-latn"])
def test_a_control_character_does_not_break_the_news_feed(client, prefix):
    page = first_news()
    # Stored before the admin refused them (the admin accepted them): the live rows themselves,
    # in Cyrillic and in the Latin copy.
    NewsPage.objects.filter(translation_key=page.translation_key).update(
        title="Вест\x0bо\x08 скровишту", summary="Први\x0bред\x01 и\x1f други"
    )
    [entry] = [
        e
        for e in atom(client, f"{prefix}/news/feed/").iter(f"{ATOM}entry")
        if page.slug in e.find(f"{ATOM}link").get("href")
    ]
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", ET.tostring(entry, encoding="unicode")) is None
    assert entry.findtext(f"{ATOM}title") == "Вест о скровишту"
    assert entry.findtext(f"{ATOM}summary") == "Први ред и други"


def edit_form_data(page, **changes):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = {
        "title": page.title,
        "slug": page.slug,
        "date": page.date.isoformat(),
        "summary": page.summary,
        "image": page.image_id or "",
        "image_alt": page.image_alt,
        # The body is not what is tested (its rich text would need Draftail's format).
        "body": streamfield([]),
        "tags": ", ".join(tag.name for tag in page.tags.all()),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["title", "summary"])
def test_the_admin_refuses_control_characters_in_plain_text(admin_client, field):
    page = first_news()
    before = getattr(page, field)
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form_data(page, **{field: "Први\x0bред"})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    page.refresh_from_db()
    assert getattr(page, field) == before


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (NewsPage, "summary"),
        (NewsPage, "image_alt"),
        (NewsIndexPage, "intro"),
        (CampaignPage, "key_message"),
        (CampaignPage, "hero_alt"),
        (CampaignPage, "share_description"),
        (CampaignIndexPage, "intro"),
        (PublicationPage, "summary"),
        (PublicationIndexPage, "intro"),
    ],
)
def test_every_plain_text_field_of_a_feed_refuses_control_characters(model, field):
    model_field = model._meta.get_field(field)
    text = "Line one\r\nline two\tand a tab"
    assert model_field.clean(text, None) == text
    with pytest.raises(ValidationError):
        model_field.clean("Line\x0bone", None)


# ---------------------------------------------------------------- 7. links translators store

EVENT_LINK = "https://centar.example/prijava"


def at(*args):
    return datetime.datetime(*args, tzinfo=BELGRADE)


@pytest.fixture
def english_event(db, time_machine):
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


@pytest.mark.django_db
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
    response = admin_client.post(
        f"/admin/settings/core/{model._meta.model_name}/{site.pk}/", data
    )
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


# ---------------------------------------------------------------- 9. the 500 page


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]

EMERGENCY = ["tel:192", "tel:194", "tel:112"]


def server_error(language="sr"):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/broken/")
    assert response.status_code == 500
    return response


@pytest.mark.urls(__name__)
def test_500_page_has_quick_exit_and_numbers_without_the_database():
    # No django_db mark: any query fails, as it would with the database down.
    response = server_error()
    assert quick_exit_href(response) == django_settings.QUICK_EXIT_DEFAULT_URL
    links = [a["href"] for a in anchors(response)]
    assert set(EMERGENCY) <= set(links)
    html = response.content.decode()
    assert '<script src="/static/js/quick-exit.js" defer></script>' in html


@pytest.mark.urls(__name__)
def test_500_page_without_the_cache(settings):
    # Every cache a Redis where nothing listens.
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
        for alias in settings.CACHES
    }
    response = server_error("en")
    assert quick_exit_href(response) == django_settings.QUICK_EXIT_DEFAULT_URL
    assert set(EMERGENCY) <= {a["href"] for a in anchors(response)}


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_500_page_shows_the_centres_numbers_and_exit_from_the_settings():
    contacts = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contacts.quick_exit_url = "https://weather.example/belgrade"
    contacts.police = "192"
    contacts.save()
    response = server_error()
    assert quick_exit_href(response) == "https://weather.example/belgrade"
    links = {a["href"] for a in anchors(response)}
    assert set(EMERGENCY) <= links
    assert "tel:" + contacts.centre_phone.replace(" ", "") in links


@pytest.mark.django_db
def test_404_page_has_quick_exit_and_numbers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert quick_exit_href(response).startswith("https://")
    assert set(EMERGENCY) <= {a["href"] for a in anchors(response)}


@pytest.mark.django_db
def test_readme_states_the_referrer_policy_the_site_sends(client):
    readme = (django_settings.BASE_DIR / "README.md").read_text()
    stated = re.findall(r"`Referrer-Policy: ([a-z-]+)`", readme)
    assert stated == [client.get("/")["Referrer-Policy"]]


# ---------------------------------------------------------------- documents


@pytest.mark.django_db
def test_documents_are_served_only_through_the_view(client):
    document = get_document_model().objects.create(
        title="Letak", file=ContentFile(b"leaflet text", name="letak.txt")
    )
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    # Served by the view (which applies privacy and collection rules), never sent to /media/.
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"leaflet text"
