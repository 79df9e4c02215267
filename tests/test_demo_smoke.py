"""The demo site (manage.py load_demo), walked once: every live page in every language answers,
the English pages show English and the Latin pages Latin, and a visit makes no image rendition.
The only tests on the demo's own texts; every other test makes its pages with tests/factories.py,
so a change of wording in the demo breaks a test here, and nowhere else."""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page

from core.translit import has_cyrillic
from tests.conftest import parse_page
from tests.core.test_renditions import image_urls
from tests.home.test_english_translations import CYRILLIC, SERBIAN_ONLY, cyrillic_in_main
from tests.home.test_public_pages import render

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

LANGUAGES = ["sr", "sr-latn", "en"]
Rendition = get_image_model().get_rendition_model()


def test_every_live_page_in_every_language_answers(client, live_pages):
    assert live_pages
    assert {page.locale.language_code for page in live_pages} == set(LANGUAGES)
    for page in live_pages:
        assert client.get(page.url).status_code == 200, page.url


def test_demo_site_has_every_page_in_three_languages(live_pages):
    assert live_pages
    by_language = {}
    for page in live_pages:
        by_language.setdefault(page.locale.language_code, set()).add(page.translation_key)
    assert set(by_language) == set(LANGUAGES)
    assert by_language["sr"] == by_language["sr-latn"] == by_language["en"]
    assert len(by_language["sr"]) >= 7


def test_latin_pages_have_no_cyrillic_letters(client, live_pages):
    latin = [page for page in live_pages if page.locale.language_code == "sr-latn"]
    assert len(latin) >= 7
    for page in latin:
        parsed = parse_page(render(client, page))
        offending = [text for text in parsed.texts if has_cyrillic(text)]
        assert not offending, (page.url, offending[:3])


def test_about_page_carries_the_centres_remit_from_the_seed(client):
    html = client.get("/about/").content.decode()
    assert "израђује индивидуалне планове пружања услуга" in html
    assert "пружа услуге ургентног прихвата жртвама трговине људима" in html


def test_safety_page_says_history_is_not_erased(client):
    for path in ("/safety/", "/en/safety/"):
        assert client.get(path).status_code == 200
    html = client.get("/en/safety/").content.decode().lower()
    assert "history" in html and "private" in html


def test_every_english_page_of_the_demo_shows_english(client):
    pages = Page.objects.live().filter(locale__language_code="en", depth__gt=1).specific()
    assert len(pages) > 15
    for page in pages:
        assert not CYRILLIC.search(page.title), page.url
        for field in ("summary", "intro", "lead", "key_message", "search_description"):
            assert not CYRILLIC.search(getattr(page, field, "") or ""), (page.url, field)
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        # Its download link names the Serbian document and its table of contents lists the
        # Serbian headings, both unmarked: see tests/home/test_english_translations.py.
        serbian = ["toc", "documents"] if SERBIAN_ONLY in html else []
        assert cyrillic_in_main(html, serbian_classes=serbian) == [], page.url


def test_the_demo_site_makes_no_renditions_when_visited(client, live_pages):
    assert live_pages
    # load_demo published the campaigns with their images.
    before = Rendition.objects.count()
    shown = []
    for page in live_pages:
        shown += image_urls(client, page.url)
    # "-hero", not "-hero.": storage adds a suffix to a name an earlier test's file holds.
    assert any("-hero" in url for url in shown)
    assert Rendition.objects.count() == before
