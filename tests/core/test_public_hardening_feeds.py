"""Hardening of the public tier's feeds: they carry editors' text as text (and survive a control
character), and the admin refuses control characters in plain-text fields."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import CampaignIndexPage, CampaignPage
from news.models import NewsIndexPage, NewsPage
from publications.models import PublicationIndexPage, PublicationPage
from tests.conftest import built_for_module, fresh, parse_page
from tests.core.hardening_support import publish
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    NewsPageFactory,
    PublicationPageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


# ---------------------------------------------------------------- 4. feeds


TRACKER = 'Q&A <img src="https://tracker.example/p.gif">'


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Our own server's feed.
    return ET.fromstring(response.content)  # noqa: S314


def make_feed_items(site):
    """A news item, a campaign and a publication: one entry in each feed."""
    return {
        "news": NewsPageFactory(parent=site.page("news")),
        "campaign": CampaignPageFactory(parent=CampaignIndexPageFactory(parent=site.home)),
        "publication": PublicationPageFactory(parent=site.page("plans-and-reports")),
    }


# Built once for the module; each test changes them only inside its own transaction.
built_feed_items = built_for_module(make_feed_items)


@pytest.fixture
def feed_items(built_feed_items, db):
    return fresh(built_feed_items)


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


@pytest.mark.usefixtures("feed_items")
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


@pytest.mark.usefixtures("feed_items")
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


@pytest.mark.usefixtures("feed_items")
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
