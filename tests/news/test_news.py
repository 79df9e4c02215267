"""News: the index (newest first, pages, tags), the news pages, the home page's latest news,
and the Atom feeds of news and campaigns in each language (content and order, with time
travel for what a feed shows as published and updated)."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from core.translit import has_cyrillic, to_latin
from news.models import NewsIndexPage, NewsPage, NewsTag
from tests.campaigns.campaign_support import campaign, make_campaigns
from tests.conftest import built_for_module, fresh, parse_page
from tests.factories import ImageFactory, NewsPageFactory, stream, translate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("news_items")]

ATOM = "{http://www.w3.org/2005/Atom}"
BELGRADE = ZoneInfo("Europe/Belgrade")
# slug: (date, Cyrillic and English title, tags); five items, three pages of two.
NEWS = {
    "work-report-2023": (
        "2026-11-17",
        "Извештај о раду",
        "Work report",
        ["извештаји", "идентификација"],
    ),
    "shelter-2023": (
        "2026-11-10",
        "Прихватилиште у 2023.",
        "The Shelter in 2023",
        ["Прихватилиште"],
    ),
    "plans-for-2024": ("2026-11-02", "Планови за 2024.", "Plans for 2024", ["планови"]),
    "training-2023": ("2026-10-27", "Обуке стручњака", "Training professionals", ["обуке"]),
    "guide-2023": ("2026-10-20", "Водич за стручњаке", "A guide for professionals", []),
}
TAGS = {
    "извештаји": "reports",
    "идентификација": "identification",
    "Прихватилиште": "the Shelter",
    "планови": "plans",
    "обуке": "training",
}
NEWEST_FIRST = sorted(NEWS, key=lambda slug: NEWS[slug][0], reverse=True)


def make_news(site):
    """The five items of NEWS under the minimal site's news, in three languages."""
    tags = {name: NewsTag.objects.create(name=name, name_en=en) for name, en in TAGS.items()}
    index = site.page("news")
    pages = {}
    # Written oldest first, as they were published.
    for slug in reversed(NEWEST_FIRST):
        date, title, english, names = NEWS[slug]
        body = "<p>Центар је примио највећи број пријава. Пројекат Putting Victims First.</p>"
        page = NewsPageFactory(
            parent=index,
            slug=slug,
            title=title,
            date=date,
            summary=f"Сажетак: {title}",
            body=stream(("paragraph", body)),
            tags=[tags[name] for name in names],
        )
        translate(page, texts={title: english, page.summary: f"Summary: {english}"})
        pages[slug] = page
    return pages


# Built once for the module; each test reads them in its own transaction.
built_news = built_for_module(make_news)


@pytest.fixture
def news_items(built_news, db):
    return fresh(built_news)


def at(*args):
    return datetime.datetime(*args, tzinfo=BELGRADE)


def feed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    # Our own server's feed, not untrusted input.
    return ET.fromstring(response.content)  # noqa: S314


def entries(root):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "published": entry.findtext(f"{ATOM}published"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def slugs(html_or_links):
    return [link.rstrip("/").rsplit("/", 1)[1] for link in html_or_links]


# ---------------------------------------------------------------- index and pages


def test_news_index_lists_newest_first(client):
    parsed = parse_page(client.get("/news/").content.decode())
    links = [link for link in parsed.links if link.startswith("/news/") and link != "/news/"]
    items = [link for link in links if "?" not in link and "feed" not in link]
    assert slugs(items) == NEWEST_FIRST


def test_news_index_pages_and_bad_page_numbers(client, monkeypatch):
    monkeypatch.setattr(NewsIndexPage, "PER_PAGE", 2)

    def listed(query):
        response = client.get(f"/news/{query}")
        assert response.status_code == 200, query
        html = response.content.decode()
        return slugs(
            part.split('"', 1)[0] for part in html.split('class="news-item__title"><a href="')[1:]
        )

    assert listed("") == NEWEST_FIRST[:2]
    assert listed("?page=2") == NEWEST_FIRST[2:4]
    assert listed("?page=3") == NEWEST_FIRST[4:]
    # Typed nonsense gives the first or the last page, never an error.
    assert listed("?page=abc") == NEWEST_FIRST[:2]
    assert listed("?page=999") == NEWEST_FIRST[4:]
    assert listed("?page=-1") == NEWEST_FIRST[4:]
    html = client.get("/news/?page=2").content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html and "Страница 2 од 3" in html


def test_news_index_filters_by_tag_in_every_language(client):
    for prefix, label in [
        ("", "Прихватилиште"),
        ("/sr-latn", "Prihvatilište"),
        ("/en", "the Shelter"),
    ]:
        html = client.get(f"{prefix}/news/?tag=prihvatiliste").content.decode()
        listed = slugs(
            part.split('"', 1)[0] for part in html.split('class="news-item__title"><a href="')[1:]
        )
        assert listed == ["shelter-2023"], prefix
        assert label in html.split("</h1>", 1)[0]
    assert client.get("/news/?tag=no-such-tag").status_code == 404


def test_news_page_shows_date_summary_body_and_tags(client):
    html = client.get("/news/work-report-2023/").content.decode()
    assert '<time datetime="2026-11-17">17. новембар 2026.</time>' in html
    assert "највећи број пријава" in html
    assert "Putting Victims First" in html
    parsed = parse_page(html)
    assert "/news/?tag=izvestaji" in parsed.links and "/news/?tag=identifikacija" in parsed.links

    latin = client.get("/sr-latn/news/work-report-2023/").content.decode()
    assert '<time datetime="2026-11-17">17. novembar 2026.</time>' in latin
    assert ">izveštaji</a>" in latin
    english = client.get("/en/news/work-report-2023/").content.decode()
    assert ">reports</a>" in english and ">identification</a>" in english


def test_news_page_image_is_a_width_limited_rendition_with_alt(client):
    page = NewsPage.objects.get(slug="shelter-2023", locale__language_code="sr")
    page.image = ImageFactory()
    page.image_alt = "Опис слике"
    page.save_revision().publish()
    parsed = parse_page(client.get(page.url).content.decode())
    images = [url for url in parsed.resources if url.startswith("/media/images/")]
    assert images and all(".width-" in url for url in images)
    assert "Опис слике" in parsed.texts
    # The index shows it too, lazily loaded; the Latin page's alt is transliterated.
    assert 'loading="lazy"' in client.get("/news/").content.decode()
    assert (
        "Opis slike" in parse_page(client.get("/sr-latn/news/shelter-2023/").content.decode()).texts
    )


def test_home_page_shows_the_latest_news(client):
    html = client.get("/en/").content.decode()
    section = html.split('class="latest-news"', 1)[1].split("</section>", 1)[0]
    titles = [
        part.split("</a>", 1)[0] for part in section.split('class="news-item__title"><a href="')[1:]
    ]
    expected = [
        NewsPage.objects.get(slug=slug, locale__language_code="en").title for slug in NEWEST_FIRST
    ]
    assert [title.split('">', 1)[1] for title in titles] == expected[:3]
    assert 'href="/en/news/"' in section


def test_a_news_item_in_another_language_stays_there(client):
    # A news item written only in English is not listed on the Serbian pages.
    index = NewsIndexPage.objects.get(locale__language_code="en")
    item = NewsPage(title="English only", slug="english-only", summary="Only in English.")
    index.add_child(instance=item)
    item.save_revision().publish()
    assert "English only" in client.get("/en/news/").content.decode()
    assert "English only" not in client.get("/news/").content.decode()
    assert "English only" not in client.get("/").content.decode()


# ---------------------------------------------------------------- feeds


@pytest.mark.parametrize("prefix", ["", "/sr-latn", "/en"])
def test_news_feed_lists_the_languages_news_newest_first(client, prefix):
    root = feed(client, f"{prefix}/news/feed/")
    language = {"": "sr-Cyrl", "/sr-latn": "sr-Latn", "/en": "en"}[prefix]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    items = entries(root)
    assert slugs(item["link"] for item in items) == NEWEST_FIRST
    for item in items:
        link = urlsplit(item["link"])
        assert link.scheme == "http" and link.netloc == "testserver"
        assert link.path.startswith(f"{prefix}/news/")
    pages = {
        p.slug: p
        for p in NewsPage.objects.filter(
            locale__language_code=language.lower().replace("-cyrl", "")
        )
    }
    first = pages[NEWEST_FIRST[0]]
    assert items[0]["title"] == first.title and items[0]["summary"] == first.summary
    assert items[0]["published"] == "2026-11-17T00:00:00+01:00"
    if prefix == "/sr-latn":
        assert not has_cyrillic(ET.tostring(root, encoding="unicode"))
    if prefix == "/en":
        assert "reports" in items[0]["categories"]


@pytest.mark.parametrize("prefix", ["", "/sr-latn", "/en"])
def test_index_and_every_news_and_campaign_page_link_the_feeds(client, prefix, site_pages):
    make_campaigns(site_pages, ["eu-day-2026"])
    for path in (
        f"{prefix}/",
        f"{prefix}/news/",
        f"{prefix}/news/shelter-2023/",
        f"{prefix}/campaigns/eu-day-2026/",
    ):
        head = client.get(path).content.decode().split("</head>", 1)[0]
        alternates = re.findall(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">',
            head,
        )
        # In the order of the page tree, which is the site's own: both, once each.
        assert sorted(alternates) == [f"{prefix}/campaigns/feed/", f"{prefix}/news/feed/"], path
    index = client.get(f"{prefix}/news/").content.decode()
    assert f'<a href="{prefix}/news/feed/" type="application/atom+xml">' in index


def test_a_news_item_published_later_heads_the_feed(client, time_machine):
    time_machine.move_to(at(2026, 12, 3, 10, 30), tick=False)
    index = NewsIndexPage.objects.get(locale__language_code="sr")
    item = NewsPage(
        title="Нова вест",
        slug="nova-vest",
        summary="Кратак сажетак нове вести.",
        body=json.dumps([{"type": "paragraph", "value": "<p>Текст.</p>"}]),
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    assert item.date == datetime.date(2026, 12, 3)

    cyrillic = entries(feed(client, "/news/feed/"))
    assert cyrillic[0]["title"] == "Нова вест"
    assert cyrillic[0]["published"] == "2026-12-03T00:00:00+01:00"
    assert cyrillic[0]["updated"] == "2026-12-03T09:30:00+00:00"
    assert slugs(entry["link"] for entry in cyrillic[1:]) == NEWEST_FIRST
    # The Latin site follows on publish.
    latin = entries(feed(client, "/sr-latn/news/feed/"))
    assert latin[0]["title"] == to_latin("Нова вест") == "Nova vest"
    # The English site has no translation of it yet.
    assert "nova-vest" not in slugs(
        entry["link"] for entry in entries(feed(client, "/en/news/feed/"))
    )


def test_campaign_feed_shows_what_is_live_latest_day_first(client, time_machine, site_pages):
    make_campaigns(site_pages, ["world-day-2026", "eu-day-2026", "world-day-2027"])
    items = entries(feed(client, "/campaigns/feed/"))
    assert slugs(item["link"] for item in items) == ["eu-day-2026", "world-day-2026"]
    assert items[1]["summary"] == campaign("world-day-2026").key_message

    # On the day 2027's 30 July goes live, scheduled publishing adds it at the top.
    time_machine.move_to(at(2027, 6, 18, 9, 2), tick=False)
    call_command("publish_scheduled", stdout=StringIO())
    for prefix, title in [
        ("", "Светски дан борбе против трговине људима 2027."),
        ("/sr-latn", "Svetski dan borbe protiv trgovine ljudima 2027."),
        ("/en", "World Day against Trafficking in Persons 2027"),
    ]:
        items = entries(feed(client, f"{prefix}/campaigns/feed/"))
        assert slugs(item["link"] for item in items) == [
            "world-day-2027",
            "eu-day-2026",
            "world-day-2026",
        ], prefix
        assert items[0]["title"] == title
        assert items[0]["published"] == "2027-06-18T07:02:00+00:00"
