"""The English site shows English: starting a translation ("Translate this page") never
publishes the untranslated Cyrillic copy, whoever starts it; the English page goes live when it
is translated and someone with the right to publish publishes it. And the English pages
have no Cyrillic in their main content (titles, summaries, news lists), except what is marked
as Serbian (the full text of a publication that exists only in Serbian)."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Locale
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from news.models import NewsIndexPage, NewsPage
from tests.factories import NewsPageFactory, translate
from tests.publications.seeds import PLAN_2021, import_seeds
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04FF]+")
TITLE = "Центар обучио нове стручњаке"
SUMMARY = "Кратак садржај вести о обуци."


class MainText(HTMLParser):
    """The text of <main> and the document's <title>, leaving out elements marked as Serbian
    (lang="sr..."), which may rightly be Cyrillic on the English site."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, serbian_classes=()):
        super().__init__()
        self.serbian_classes = set(serbian_classes)
        self.stack = []  # (tag, in_main, serbian)
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_main, serbian = self.stack[-1][1:] if self.stack else (False, False)
        in_main = in_main or tag in ("main", "title")
        serbian = (
            serbian
            or (attrs.get("lang") or "").lower().startswith("sr")
            or bool(self.serbian_classes & set((attrs.get("class") or "").split()))
        )
        if tag not in self.VOID:
            self.stack.append((tag, in_main, serbian))
        if in_main and not serbian:
            names = ("alt", "title", "aria-label")
            self.text.extend(attrs[name] for name in names if attrs.get(name))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.text.append(data)


def cyrillic_in_main(html, serbian_classes=()):
    parser = MainText(serbian_classes)
    parser.feed(html)
    return CYRILLIC.findall(" ".join(parser.text))


@pytest.fixture
def cyrillic_news():
    """A news item published on the Cyrillic site (and so on the Latin one) that nobody has
    translated into English yet."""
    index = NewsIndexPage.objects.get(locale__language_code="sr")
    page = NewsPage(
        title=TITLE,
        slug="obuka-strucnjaka",
        date=datetime.date(2026, 11, 25),
        summary=SUMMARY,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def english_of(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def start_translation(client, page, on_commit):
    """Submit the page for translation into English. wagtail-localize publishes (when it does)
    once the transaction commits: the callbacks run as they would after a real request."""
    english = Locale.objects.get(language_code="en")
    with on_commit(execute=True):
        return client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk]})


def test_an_editor_starting_an_english_translation_publishes_nothing(
    client, cyrillic_news, django_capture_on_commit_callbacks
):
    editor = signed_in(make_staff("Editor"))
    response = start_translation(editor, cyrillic_news, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    english = english_of(cyrillic_news)
    assert english.title == TITLE, "the translation starts as a copy of the source"
    assert not english.live
    assert english.first_published_at is None and english.live_revision is None
    assert english.has_unpublished_changes, "a draft waits in the translation editor"
    assert client.get("/en/news/obuka-strucnjaka/").status_code == 404

    for path in ("/en/", "/en/news/", "/en/news/feed/"):
        html = client.get(path).content.decode()
        assert TITLE not in html and SUMMARY not in html, path
    for path in ("/en/", "/en/news/"):
        assert cyrillic_in_main(client.get(path).content.decode()) == [], path

    # The Cyrillic and Latin pages are untouched.
    assert client.get("/news/obuka-strucnjaka/").status_code == 200
    assert client.get("/sr-latn/news/obuka-strucnjaka/").status_code == 200


def test_a_superuser_starting_a_translation_publishes_nothing_either(
    client, cyrillic_news, django_capture_on_commit_callbacks
):
    admin = signed_in(make_staff(superuser=True))
    response = start_translation(admin, cyrillic_news, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not english_of(cyrillic_news).live
    assert client.get("/en/news/obuka-strucnjaka/").status_code == 404


def translate_every_string(page, locale, translate):
    source = TranslationSource.objects.get_for_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translate(segment.string.data)},
        )


def test_the_english_page_goes_live_when_translated_and_published_by_someone_allowed(
    client, cyrillic_news, django_capture_on_commit_callbacks
):
    on_commit = django_capture_on_commit_callbacks
    editor = signed_in(make_staff("Editor"))
    start_translation(editor, cyrillic_news, on_commit)
    english = english_of(cyrillic_news)
    locale = english.locale
    words = {TITLE: "The Centre trained new professionals", SUMMARY: "A short summary."}
    translate_every_string(cyrillic_news, locale, lambda text: words.get(text, "English"))
    assert Translation.objects.filter(target_locale=locale).exists()
    assert String.objects.filter(data=TITLE).exists()

    # An editor has no right to publish, in the translation editor neither.
    with on_commit(execute=True):
        response = editor.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code in (302, 403)
    english.refresh_from_db()
    assert not english.live
    assert client.get("/en/news/obuka-strucnjaka/").status_code == 404

    moderator = signed_in(make_staff("Moderator"))
    with on_commit(execute=True):
        response = moderator.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == "The Centre trained new professionals"
    html = client.get(english.url).content.decode()
    assert "The Centre trained new professionals" in html
    assert cyrillic_in_main(html) == []
    assert cyrillic_in_main(client.get("/en/news/").content.decode()) == []


# A publication that exists only in Serbian shows its full text in Serbian under an English
# summary and a notice saying so; the text is marked lang="sr-Cyrl".
SERBIAN_ONLY = "This document is published in Serbian"


def test_a_serbian_only_publication_marks_its_table_of_contents_as_serbian(client, site_pages):
    # The 2021 plan from its seed, with its introduction and first goal (a table of contents),
    # translated as the Centre translates it: the title in English, the full text in Serbian.
    import_seeds(site_pages.page("plans-and-reports"), [PLAN_2021], blocks=2)
    html = client.get("/en/plans-and-reports/work-plan-2021/").content.decode()
    assert SERBIAN_ONLY in html
    assert cyrillic_in_main(html) == []


def test_an_editor_cannot_publish_untranslated_changes_by_updating_translations(
    client, django_capture_on_commit_callbacks
):
    """"Sync translated pages" with "Publish immediately" would put the source's new Cyrillic
    text on the live English page; without the right to publish it only updates them."""
    index = NewsIndexPage.objects.get(locale__language_code="sr")
    source = NewsPageFactory(parent=index, title="Вест о Прихватилишту")
    translate(source, texts={"Вест о Прихватилишту": "News about the Shelter"})
    english = english_of(source)
    english_title = english.title
    assert english.live and not CYRILLIC.search(english_title)
    source.title = "Нови наслов вести о Прихватилишту"
    source.save_revision().publish()
    translation_source = TranslationSource.objects.get_for_instance(source)

    editor = signed_in(make_staff("Editor"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.title == english_title
    html = client.get(english.url).content.decode()
    assert source.title not in html and cyrillic_in_main(html) == []
    translation_source.refresh_from_db()
    assert "Прихватилишту" in str(translation_source.get_source_instance().title), (
        "the strings to translate were updated"
    )
