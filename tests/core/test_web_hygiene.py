"""What a browser and a search engine ask of every site besides its pages (Lighthouse's
best-practices and SEO audits, issue 20): an icon (no 404 in the console), robots.txt that
keeps crawlers off the follow-up pages and the search results, and a description on every page
for the search result's snippet."""

import re
from html import unescape

import pytest
from django.test import Client

from tests.factories import NewsPageFactory, StandardPageFactory, publish

pytestmark = pytest.mark.django_db

LANGUAGES = {"sr": "/", "sr-latn": "/sr-latn/", "en": "/en/"}


def descriptions(response):
    html = response.content.decode()
    return [
        unescape(match) for match in re.findall(r'<meta name="description" content="([^"]*)"', html)
    ]


def icon_links(response):
    return re.findall(r'<link rel="icon"[^>]*href="([^"]+)"', response.content.decode())


def fetched(client, url):
    """The body of a static file (served by WhiteNoise, which streams)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response, b"".join(response.streaming_content)


@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_every_page_links_an_icon_that_is_served(client, site_pages, prefix):
    response = client.get(prefix)
    links = icon_links(response)
    assert len(links) == 1, links
    icon, body = fetched(client, links[0])
    assert icon["Content-Type"] == "image/svg+xml"
    assert body.startswith(b"<svg") and b"<script" not in body


def test_favicon_ico_is_there_for_those_who_ask_without_reading_the_page(client, site_pages):
    response = client.get("/favicon.ico")
    # Served from the static files under its hashed name, which browsers keep a year.
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/static/") and "max-age" in response["Cache-Control"]
    icon, body = fetched(client, response["Location"])
    assert icon["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


def robots_rules(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def disallowed(rules, path):
    """Whether a crawler may not fetch `path`, read as Google and Bing read the rules: a rule
    matches from the start of the path, `*` standing for any characters."""
    patterns = [line.split(":", 1)[1].strip() for line in rules if line.startswith("Disallow")]
    return any(
        p and re.match(".*".join(re.escape(part) for part in p.split("*")), path) for p in patterns
    )


def test_robots_txt_lets_crawlers_read_the_site_but_not_the_follow_up_pages(client, site_pages):
    rules = robots_rules(client)
    assert rules[0] == "User-agent: *"
    for prefix in LANGUAGES.values():
        # The public site stays readable, the forms included, so that people find them.
        for path in ("", "help/", "report/", "professional-referral/", "plans-and-reports/"):
            assert not disallowed(rules, prefix + path), prefix + path
        # Where a reporter types a code and a secret; endless result pages repeating a query.
        for path in ("report/follow-up/", "professional-referral/follow-up/", "search/?q=x"):
            assert disallowed(rules, prefix + path), prefix + path
    assert disallowed(rules, "/admin/") and disallowed(rules, "/_util/authenticate_with_password/")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "slug",
    ["home", "help", "about", "news", "plans-and-reports", "report", "professional-referral"],
)
def test_every_page_has_one_description(client, site_pages, language, slug):
    page = site_pages.page(slug, language)
    found = descriptions(client.get(page.url))
    assert len(found) == 1 and found[0].strip(), (page.url, found)


def test_the_editors_search_description_comes_first(client, site_pages):
    help_page = site_pages.page("help")
    page = StandardPageFactory(
        parent=help_page,
        slug="what-to-do",
        intro="Увод који се не приказује у претрази.",
        search_description="Шта урадити ако мислите да сте жртва трговине људима.",
    )
    publish(page)
    assert descriptions(client.get(page.url)) == [page.search_description]


def test_without_one_the_introduction_is_used_cut_at_a_snippets_length(client, site_pages):
    summary = "Центар је одржао обуку за стручњаке из центара за социјални рад. " * 6
    page = publish(
        NewsPageFactory(parent=site_pages.page("news"), slug="training", summary=summary)
    )
    (found,) = descriptions(client.get(page.url))
    assert len(found) <= 160 and found.endswith("…")
    assert summary.startswith(found[:-1].rstrip())


@pytest.mark.parametrize(
    ("path", "language"), [("/search/?q=x", "sr"), ("/en/search/", "en"), ("/en/nowhere/", "en")]
)
def test_views_that_are_no_page_have_the_sites_description(site_pages, path, language):
    response = Client().get(path)
    (found,) = descriptions(response)
    assert len(found) > 50
    if language == "en":
        assert "trafficking" in found


def test_a_page_lets_a_checker_read_robots_txt_from_within_it(client, site_pages):
    """Lighthouse fetches /robots.txt from inside the page, under the page's policy: with
    default-src 'none' alone, it could not, and reported robots.txt as invalid."""
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives.get("connect-src") == "'self'"
    assert directives["default-src"] == "'none'"
