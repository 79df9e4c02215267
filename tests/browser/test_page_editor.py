"""What editors see in the page editor (issue 21, item 11, and item 3): the slug Wagtail fills
from a Cyrillic title, no validation errors while a new page is still being typed, and a
translation editor in Cyrillic whose big button is neither "Convert to alias page" nor
"Delete"."""

import time

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.admin_text import latin_words
from tests.browser.test_triage import make_staff, manage, sign_in

pytestmark = pytest.mark.browser


def shell(site, code):
    result = manage(site, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def news_index_id(site):
    return shell(
        site,
        "from news.models import NewsIndexPage; "
        "print(NewsIndexPage.objects.get(locale__language_code='sr').pk)",
    )


def test_a_cyrillic_title_fills_the_slug_as_the_latin_title_without_diacritics(site, desk):
    sign_in(desk, site, *make_staff(site, "Editor"))
    for title, slug in (
        ("Ђачки часопис", "djacki-casopis"),
        ("Жути џемпер, љубав и њива", "zuti-dzemper-ljubav-i-njiva"),
        ("Шта да радиш ако те прате?", "sta-da-radis-ako-te-prate"),
        ("Хор „Ћуприја“", "hor-cuprija"),
    ):
        desk.goto(f"{site}/admin/pages/add/news/newspage/{news_index_id(site)}/")
        desk.locator("#id_title").press_sequentially(title)
        desk.locator("#id_title").blur()
        expect(desk.locator("#id_slug")).to_have_value(slug)


def test_a_new_page_being_typed_shows_no_validation_errors_and_saves_nothing(site, desk):
    sign_in(desk, site, *make_staff(site, "Editor"))
    desk.goto(f"{site}/admin/pages/add/news/newspage/{news_index_id(site)}/")
    desk.locator("#id_date").fill("")  # still to be chosen
    # Typed as a person types: a few words, a pause, the next field.
    desk.locator("#id_title").click()
    desk.keyboard.type("Недовршена вест", delay=50)
    time.sleep(2)
    desk.locator("#id_summary").click()
    desk.keyboard.type("Први ред сажетка.", delay=50)
    time.sleep(4)  # Wagtail's autosave would have run by now (every 500 ms)
    assert "validation errors" not in desk.locator("body").inner_text()
    assert "Autosave is paused" not in desk.locator("body").inner_text()
    assert "/pages/add/" in desk.url, "still the new page, not a saved draft"
    assert (
        shell(
            site,
            "from news.models import NewsPage; "
            "print(NewsPage.objects.filter(title='Недовршена вест').count())",
        )
        == "0"
    )


def english_translation_of_a_news_item(site):
    return shell(
        site,
        "from wagtail_localize.models import Translation; from news.models import NewsPage; "
        "t = Translation.objects.filter(enabled=True, target_locale__language_code='en', "
        "source__specific_content_type__model='newspage').first(); "
        "print(NewsPage.objects.get(translation_key=t.source.object_id, "
        "locale=t.target_locale).pk)",
    )


def test_the_translation_editor_does_not_offer_convert_to_alias_as_its_big_button(site, desk):
    page_id = english_translation_of_a_news_item(site)
    sign_in(desk, site, *make_staff(site, "Editor"))
    desk.goto(f"{site}/admin/pages/{page_id}/edit/")
    footer = desk.locator("footer.footer")
    expect(footer).to_be_visible()
    big_button = footer.locator(".w-dropdown-button").first.locator("> :first-child")
    assert "Convert to alias page" not in big_button.inner_text()
    assert "Convert to alias page" not in footer.inner_html()
    # Nor by its address: the admin answers "no permission" (a redirect to the dashboard).
    response = desk.request.get(
        f"{site}/admin/localize/page/{page_id}/convert_to_alias/", max_redirects=0
    )
    assert (response.status, response.headers.get("location")) == (302, "/admin/")


def an_editors_english_draft(site, username):
    """A draft news item of `username`'s, in Cyrillic, and its English translation, which they
    own too: an editor may delete their own drafts, so the translation editor offers Delete."""
    return shell(
        site,
        "import datetime, secrets; from django.contrib.auth import get_user_model; "
        "from wagtail.models import Locale, Page; from news.models import NewsIndexPage, "
        "NewsPage; from wagtail_localize.operations import TranslationCreator; "
        f"u = get_user_model().objects.get(username={username!r}); "
        "index = NewsIndexPage.objects.get(locale__language_code='sr'); "
        "p = index.add_child(instance=NewsPage(title='Вест за превод', live=False, owner=u, "
        "slug='vest-za-prevod-' + secrets.token_hex(3), date=datetime.date(2026, 11, 2), "
        "summary='Кратак садржај.')); "
        "en = Locale.objects.get(language_code='en'); "
        "TranslationCreator(u, [en]).create_translations(p); "
        "english = p.get_translation(en); Page.objects.filter(pk=english.pk).update(owner=u); "
        "print(english.pk)",
    )


def in_cyrillic(site, username):
    shell(
        site,
        "from django.contrib.auth import get_user_model; "
        "from wagtail.users.models import UserProfile; "
        f"p = UserProfile.get_for_user(get_user_model().objects.get(username={username!r})); "
        "p.preferred_language = 'sr'; p.save(); print('ok')",
    )


def sr(message):
    with translation.override("sr"):
        return translation.gettext(message)


def test_an_editors_translation_editor_submits_first_and_deletes_from_its_menu(site, desk):
    """Issue 21: for an editor, the big button of the translation editor was "Обриши"; it is
    "Submit for moderation", Delete is in the menu, and no word of it is in English."""
    person = make_staff(site, "Editor")
    in_cyrillic(site, person[0])
    page_id = an_editors_english_draft(site, person[0])
    sign_in(desk, site, *person)
    desk.goto(f"{site}/admin/pages/{page_id}/edit/")
    actions = desk.locator("footer.footer .w-dropdown-button").first
    big_button = actions.locator("> :visible").first
    expect(big_button).to_have_text(sr("Submit for moderation"))
    expect(actions.locator(".w-sr-only")).to_have_text(sr("More actions"))
    heading = sr("%(source)s to %(target)s translation") % {
        "source": "Српски",
        "target": "English",
    }
    expect(desk.get_by_text(heading).first).to_be_visible()
    assert latin_words(actions.inner_html()) == {}

    actions.locator(".w-dropdown__toggle").click()
    delete = actions.locator(f".w-dropdown__content a[href$='/pages/{page_id}/delete/']")
    expect(delete).to_be_visible()
    desk.keyboard.press("Escape")
    big_button.click()
    submitted = sr("“%(title)s” in %(language)s was submitted for moderation.")
    expect(desk.locator(".messages")).to_contain_text(submitted.split("%(language)s")[1].strip())
    in_moderation = shell(
        site,
        "from wagtail.models import Page; "
        f"print(Page.objects.get(pk={page_id}).workflow_in_progress)",
    )
    assert in_moderation == "True"
