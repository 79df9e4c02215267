"""What every visitor gets on every page, in every language: the quick exit, the emergency
numbers, the Centre's contacts, a language switcher, and no request to another host."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from core.translit import has_cyrillic
from tests.conftest import parse_page

pytestmark = pytest.mark.django_db

LANGUAGES = ["sr", "sr-latn", "en"]


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_demo_site_has_every_page_in_three_languages(live_pages):
    by_language = {}
    for page in live_pages:
        by_language.setdefault(page.locale.language_code, set()).add(page.translation_key)
    assert set(by_language) == set(LANGUAGES)
    assert by_language["sr"] == by_language["sr-latn"] == by_language["en"]
    assert len(by_language["sr"]) >= 7


@pytest.mark.parametrize("path", ["/", "/sr-latn/", "/en/"])
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
    for page in live_pages:
        assert "999 192" in render(client, page), page.url


def test_latin_pages_have_no_cyrillic_letters(client, live_pages):
    latin = [page for page in live_pages if page.locale.language_code == "sr-latn"]
    assert len(latin) >= 7
    for page in latin:
        parsed = parse_page(render(client, page))
        offending = [text for text in parsed.texts if has_cyrillic(text)]
        assert not offending, (page.url, offending[:3])


def test_latin_page_is_the_transliterated_cyrillic_page(client):
    source = Page.objects.get(locale__language_code="sr", slug="what-to-do").specific
    latin = Page.objects.get(locale__language_code="sr-latn", slug="what-to-do").specific
    assert latin.title == "Šta raditi?"
    assert "Ако си у" not in str(latin.body) and has_cyrillic(str(source.body))
    assert not has_cyrillic(str(latin.body)) and not has_cyrillic(latin.intro)


def test_urls_and_slugs_are_ascii(live_pages):
    for page in live_pages:
        assert page.slug.isascii(), page.slug
        assert page.url.isascii(), page.url


def test_no_page_makes_the_browser_contact_another_host(client, live_pages):
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
def test_each_language_declares_its_script(client, path, lang, title):
    html = client.get(path).content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{title}</h1>" in html


def test_about_page_carries_the_centres_remit_from_the_seed(client):
    html = client.get("/about/").content.decode()
    assert "израђује индивидуалне планове пружања услуга" in html
    assert "пружа услуге ургентног прихвата жртвама трговине људима" in html


def test_safety_page_says_history_is_not_erased(client):
    for path in ("/safety/", "/en/safety/"):
        assert client.get(path).status_code == 200
    html = client.get("/en/safety/").content.decode().lower()
    assert "history" in html and "private" in html


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/help/what-to-do/", "/plans-and-reports/work-plan-2021/"]
)
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
