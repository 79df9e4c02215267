"""Campaign pages: what a shared campaign page tells social networks, its events, materials and
dates, the campaign index, and campaigns in the admin."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image as Picture
from wagtail.documents import get_document_model
from wagtail.models import Revision, Site

from core.translit import has_cyrillic
from news.models import NewsIndexPage
from tests.campaigns.campaign_support import EU_DAY_2026, WORLD_DAY_2026, at, campaign
from tests.conftest import parse_page
from tests.factories import NewsPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("campaigns_2026")]


# ---------------------------------------------------------------- the campaign page


def meta_tags(html):
    """{property or name: content} of the page's <meta> tags, and every URL in <meta> and
    <link> tags."""
    from html.parser import HTMLParser

    class Meta(HTMLParser):
        def __init__(self):
            super().__init__()
            self.meta, self.urls = {}, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta":
                key = attrs.get("property") or attrs.get("name")
                if key:
                    self.meta[key] = attrs.get("content", "")
                content = attrs.get("content") or ""
                if "//" in content or content.startswith("/"):
                    self.urls.append(content)
            if tag == "link" and attrs.get("href"):
                self.urls.append(attrs["href"])

    parser = Meta()
    parser.feed(html)
    return parser.meta, parser.urls


@pytest.mark.parametrize("language", ["sr", "sr-latn", "en"])
def test_share_metadata_of_a_campaign_page_is_complete(client, language):
    page = campaign("eu-day-2026", language)
    response = client.get(page.url)
    meta, urls = meta_tags(response.content.decode())
    page_url = f"http://testserver{page.url}"

    assert meta["og:title"] == page.title
    assert meta["og:description"] == page.share_description and len(meta["og:description"]) > 20
    assert meta["og:url"] == page_url
    assert meta["og:type"] == "article"
    assert meta["twitter:card"] == "summary_large_image"
    image = urlsplit(meta["og:image"])
    assert image.scheme == "http" and image.netloc == "testserver"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    # The image is a real rendition of the share image, of the size the tags say.
    name = image.path.removeprefix("/media/")
    assert default_storage.exists(name)
    with default_storage.open(name) as file, Picture.open(file) as picture:
        assert picture.size == (1200, 630)
    # No meta or link tag names another host than the page's own.
    for url in urls:
        host = urlsplit(url).netloc
        assert host in ("", "testserver"), url
    if language == "sr-latn":
        assert not has_cyrillic(" ".join(meta.values()))


def test_share_image_falls_back_to_the_hero_image(client):
    page = campaign("world-day-2026")
    page.share_image = None
    page.share_description = ""
    page.save_revision().publish()
    meta, _urls = meta_tags(client.get(page.url).content.decode())
    assert "world-day-2026-hero" in meta["og:image"]
    assert meta["og:image:alt"] == page.hero_alt
    assert meta["og:description"] == page.key_message


def test_campaign_page_shows_events_in_order_materials_and_actions(client, time_machine):
    time_machine.move_to(at(2026, 7, 29, 12), tick=False)
    html = client.get("/campaigns/world-day-2026/").content.decode()
    parsed = parse_page(html)
    events = html.split('class="events"', 1)[1].split("</ol>", 1)[0]
    lecture, stand, talk = (
        events.index("Онлајн предавање"),
        events.index("Информативни штанд"),
        events.index("Трибина"),
    )
    assert lecture < stand < talk
    assert "28. јул 2026. у 11:00" in events and "онлајн" in events
    # Only the lecture of 28 July has been held on 29 July.
    assert events.count("одржано") == 1
    assert "/help/" in parsed.links and "/help/whom-to-contact/" in parsed.links
    document = get_document_model().objects.get(title__startswith="Летак")
    assert document.url in parsed.links
    hero = next(url for url in parsed.resources if "world-day-2026-hero" in url)
    assert ".width-" in hero
    assert f'alt="{campaign("world-day-2026").hero_alt}"' in html
    assert " style=" not in html and "<script>" not in html


def test_english_campaign_page_links_to_english_help_pages(client):
    parsed = parse_page(client.get("/en/campaigns/eu-day-2026/").content.decode())
    assert "/en/help/" in parsed.links and "/en/help/whom-to-contact/" in parsed.links
    assert "Get help" in parsed.texts


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"observance": "other", "other_date": None}, "other_date"),
        ({"observance": "other", "other_date": datetime.date(2025, 5, 1)}, "other_date"),
        ({"other_date": datetime.date(2026, 7, 31)}, "other_date"),
        ({"hero_alt": "  "}, "hero_alt"),
    ],
)
def test_campaign_page_refuses_inconsistent_dates_and_a_hero_without_alt(changes, field):
    page = campaign("world-day-2026")
    for name, value in changes.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert field in error.value.message_dict


def test_a_campaign_on_another_day_takes_its_date():
    page = campaign("world-day-2026")
    page.observance, page.other_date = "other", datetime.date(2026, 2, 22)
    page.full_clean()
    page.save()
    page.refresh_from_db()
    assert page.campaign_date == datetime.date(2026, 2, 22)


def test_campaign_index_lists_upcoming_then_past(client, time_machine):
    time_machine.move_to(at(2026, 8, 1, 12), tick=False)
    html = client.get("/campaigns/").content.decode()
    upcoming, past = html.split('id="past-title"', 1)
    assert EU_DAY_2026 in upcoming and WORLD_DAY_2026 not in upcoming
    assert WORLD_DAY_2026 in past
    assert 'href="/campaigns/feed/"' in html


# ---------------------------------------------------------------- admin


def test_editors_can_open_campaign_news_and_settings_in_the_admin(editor_client):
    site = Site.objects.get(is_default_site=True)
    news = NewsPageFactory(parent=NewsIndexPage.objects.get(locale__language_code="sr"))
    paths = [
        f"/admin/pages/{campaign('world-day-2026').pk}/edit/",
        f"/admin/pages/{campaign('world-day-2026').get_parent().pk}/edit/",
        f"/admin/pages/{news.pk}/edit/",
        # The English version opens in wagtail-localize's translation editor.
        f"/admin/pages/{campaign('eu-day-2026', 'en').pk}/edit/",
        f"/admin/settings/home/campaignsettings/{site.pk}/",
        "/admin/snippets/news/newstag/",
    ]
    for path in paths:
        assert editor_client.get(path).status_code == 200, path


def test_an_editor_schedules_a_campaign_in_the_admin(admin_client):
    """The admin's copy-and-schedule flow: the copied page, with a new year and a go-live
    date, is scheduled by "Publish" and not live until then."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    source = campaign("eu-day-2026")
    response = admin_client.post(
        f"/admin/pages/{source.pk}/copy/",
        {
            "new_title": "Европски дан борбе против трговине људима 2028.",
            "new_slug": "eu-day-2028",
            "new_parent_page": source.get_parent().pk,
        },
    )
    assert response.status_code == 302
    copy = campaign("eu-day-2028")
    assert not copy.live

    def blocks(field):
        return streamfield([(b.block_type, b.block.get_prep_value(b.value)) for b in field])

    data = nested_form_data(
        {
            "title": copy.title,
            "slug": copy.slug,
            "observance": "eu-day",
            "year": 2028,
            "other_date": "",
            "key_message": copy.key_message,
            "hero_image": copy.hero_image_id,
            "hero_alt": copy.hero_alt,
            "actions": blocks(copy.actions),
            "events": streamfield([]),
            "materials": streamfield([]),
            "body": streamfield([]),
            "share_image": copy.share_image_id,
            "share_description": copy.share_description,
            "seo_title": "",
            "search_description": "",
            "go_live_at": "2028-09-01 08:00",
            "expire_at": "",
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{copy.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    copy.refresh_from_db()
    assert not copy.live and copy.year == 2028
    assert copy.campaign_date == datetime.date(2028, 10, 18)
    assert Revision.objects.filter(
        object_id=str(copy.pk), approved_go_live_at__isnull=False
    ).exists()
