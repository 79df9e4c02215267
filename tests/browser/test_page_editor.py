"""What editors see in the page editor (issue 21, item 11, and item 3): the slug Wagtail fills
from a Cyrillic title, no validation errors while a new page is still being typed, and a
translation editor whose big button is not the destructive "Convert to alias page"."""

import time

import pytest
from playwright.sync_api import expect

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
