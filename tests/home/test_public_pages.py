"""What every visitor gets on every page, in every language: the quick exit, the emergency
numbers, the Centre's contacts, a language switcher, and no request to another host."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from core.translit import has_cyrillic
from tests.conftest import kept, parse_page
from tests.factories import (
    MinimalSite,
    PublicationPageFactory,
    StandardPageFactory,
    stream,
    translate,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["sr", "sr-latn", "en"]
HELP_PAGES = {
    "what-to-do": ("Шта радити?", "What to do?"),
    "whom-to-contact": ("Коме се обратити?", "Whom to contact?"),
    "shortest-way": ("Најкраћи пут до помоћи?", "The shortest way to help"),
}


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """The pages these tests visit besides the minimal site's, in the three languages: three
    pages of the help section and a publication. Made once for the module: the tests only
    read them (tests/conftest.py, `kept`)."""
    with kept(django_db_blocker):
        with django_db_blocker.unblock():
            pages = make_content(MinimalSite())
        yield pages


def make_content(site_pages):
    english = dict(HELP_PAGES.values())
    pages = []
    for slug, (title, _english) in HELP_PAGES.items():
        body = stream(("paragraph", "<p>Ако си у опасности, позови 192.</p>"))
        pages.append(
            StandardPageFactory(parent=site_pages.page("help"), title=title, slug=slug, body=body)
        )
    archive = site_pages.page("plans-and-reports")
    pages.append(PublicationPageFactory(parent=archive, slug="work-plan-2021"))
    for page in pages:
        translate(page, texts=english)
    return pages


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


@pytest.mark.parametrize("path", ["/", "/sr-latn/", "/en/"])
@pytest.mark.usefixtures("content")
def test_home_page_shows_the_help_section_and_contacts(client, path):
    html = client.get(path).content.decode()
    help_links = {
        "/": ["Шта радити?", "Коме се обратити?", "Најкраћи пут до помоћи?"],
        "/sr-latn/": ["Šta raditi?", "Kome se obratiti?", "Najkraći put do pomoći?"],
        "/en/": ["What to do?", "Whom to contact?", "The shortest way to help"],
    }[path]
    for title in help_links:
        assert title in html
    for number in ("192", "194", "112", "+381 11 000 0000", "info@centar.example"):
        assert number in html


def test_every_page_has_quick_exit_emergency_numbers_and_switcher(client, live_pages):
    assert live_pages
    for page in live_pages:
        html = render(client, page)
        parsed = parse_page(html)
        assert "data-quick-exit" in html, page.url
        assert "https://www.google.com/search?q=vremenska+prognoza" in parsed.links, page.url
        assert "/static/js/quick-exit.js" in parsed.resources, page.url
        for number in ("tel:192", "tel:194", "tel:112"):
            assert number in parsed.links, page.url
        assert 'href="#main"' in html and 'id="main"' in html, page.url
        switcher = [
            link
            for link in parsed.links
            if link in ("/", "/sr-latn/", "/en/") or link.startswith(("/sr-latn/", "/en/"))
        ]
        assert switcher, page.url


def test_not_found_page_has_quick_exit_and_numbers(client):
    response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "data-quick-exit" in html and "tel:192" in html and "tel:112" in html


def test_changing_a_number_in_the_one_setting_changes_every_page(client, live_pages):
    from wagtail.models import Site

    from core.models import ContactSettings

    contacts = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contacts.police = "999 192"
    contacts.save()
    assert live_pages
    for page in live_pages:
        assert "999 192" in render(client, page), page.url


@pytest.mark.usefixtures("content")
def test_latin_page_is_the_transliterated_cyrillic_page(client):
    source = Page.objects.get(locale__language_code="sr", slug="what-to-do").specific
    latin = Page.objects.get(locale__language_code="sr-latn", slug="what-to-do").specific
    assert latin.title == "Šta raditi?"
    assert "Ако си у" not in str(latin.body) and has_cyrillic(str(source.body))
    assert not has_cyrillic(str(latin.body)) and not has_cyrillic(latin.intro)


def test_urls_and_slugs_are_ascii(live_pages):
    assert live_pages
    for page in live_pages:
        assert page.slug.isascii(), page.slug
        assert page.url.isascii(), page.url


def test_no_page_makes_the_browser_contact_another_host(client, live_pages):
    assert live_pages
    for page in live_pages:
        parsed = parse_page(render(client, page))
        for url in parsed.resources:
            parts = urlsplit(url)
            assert not parts.netloc and not url.startswith("//"), (page.url, url)
        assert parsed.resources, page.url


def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "start, expected",
    [
        ("/help/what-to-do/", {"/sr-latn/help/what-to-do/", "/en/help/what-to-do/"}),
        ("/sr-latn/about/", {"/about/", "/en/about/"}),
        ("/en/safety/", {"/safety/", "/sr-latn/safety/"}),
    ],
)
@pytest.mark.usefixtures("content")
def test_language_switcher_links_to_the_same_page(client, start, expected):
    parsed = parse_page(client.get(start).content.decode())
    assert expected <= set(parsed.links)


@pytest.mark.parametrize(
    "path, lang, title",
    [
        ("/about/", "sr-Cyrl", "О Центру"),
        ("/sr-latn/about/", "sr-Latn", "O Centru"),
        ("/en/about/", "en", "About the Centre"),
    ],
)
@pytest.mark.usefixtures("content")
def test_each_language_declares_its_script(client, path, lang, title):
    html = client.get(path).content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{title}</h1>" in html


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/help/what-to-do/", "/plans-and-reports/work-plan-2021/"]
)
@pytest.mark.usefixtures("content")
def test_pages_need_few_queries_once_the_shared_parts_are_cached(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert len(queries) <= 12


def test_home_preview_shows_the_draft_not_the_cached_page(client, admin_client):
    home = Page.objects.get(locale__language_code="sr", depth=2).specific
    client.get("/")  # the live content is cached now
    home.lead = "Нацрт новог увода"
    revision = home.save_revision()
    preview = admin_client.get(f"/admin/pages/{home.pk}/revisions/{revision.pk}/view/")
    assert "Нацрт новог увода" in preview.content.decode()
    assert "Нацрт новог увода" not in client.get("/").content.decode()
