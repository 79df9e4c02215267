"""The admin speaks the staff member's language in one script throughout: Serbian Cyrillic (the
default for an account with no preference), Serbian Latin or English, as chosen in Account →
Preferred language. Wagtail's own strings come from locale_wagtail/ (typed in Cyrillic, the
Latin derived by `manage.py build_catalogs`)."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry

from home.models import HomePage
from news.models import NewsPage
from tests.admin_text import cyrillic_texts, latin_words, visible_text
from tests.factories import NewsPageFactory
from tests.staff import PASSWORD, make_staff, signed_in

pytestmark = pytest.mark.django_db


def staff(group=None, language="sr", **kwargs):
    """A member of staff whose admin language is `language` ("" = no preference)."""
    user = make_staff(group, **kwargs)
    profile = user.wagtail_userprofile
    profile.preferred_language = language
    profile.save()
    return user


def serbian_home():
    return HomePage.objects.get(locale__language_code="sr")


def serbian_news():
    return NewsPage.objects.filter(locale__language_code="sr").order_by("pk").first()


@pytest.fixture(autouse=True)
def news_item(site_pages):
    """The Serbian news item that the news editor screen opens."""
    return NewsPageFactory(parent=site_pages.page("news"), title="Вест за уредника")


SCREENS = {
    "dashboard": lambda: reverse("wagtailadmin_home"),
    "explorer": lambda: reverse("wagtailadmin_explore", args=[serbian_home().pk]),
    "news editor": lambda: reverse("wagtailadmin_pages:edit", args=[serbian_news().pk]),
    "images": lambda: reverse("wagtailimages:index"),
    "documents": lambda: reverse("wagtaildocs:index"),
    "account": lambda: reverse("wagtailadmin_account"),
    "users": lambda: reverse("wagtailusers_users:index"),
}


def page_text(response):
    return response.content.decode()


def content_titles():
    """Documents and images keep the title they were given, whatever the admin's language."""
    return [*Document.objects.values_list("title", flat=True)] + [
        *Image.objects.values_list("title", flat=True)
    ]


# Names stored in the database in English, not strings of the code: Wagtail's default workflow
# ("Submit to Moderators approval") and the staff groups (their names are also used in code).
# The root page's title, the first breadcrumb, is Cyrillic (test_stored_names_are_in_cyrillic).
STORED_NAMES = ["Moderators approval", "Triage", "Coordinator", "Editor", "Moderator"]


def no_latin(response, user, screen):
    allow = [user.username, *content_titles(), *STORED_NAMES]
    words = latin_words(page_text(response), allow=allow)
    assert words == {}, f"{screen}: Latin words on a Cyrillic admin screen: {sorted(words)}"


def test_sign_in_page_is_cyrillic():
    response = Client().get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    no_latin(response, staff(), "sign-in")


def test_a_wrong_password_is_said_in_cyrillic():
    user = staff()
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD + "x"}
    )
    assert response.status_code == 200
    no_latin(response, user, "sign-in error")


def test_second_factor_page_is_cyrillic():
    user = staff("Editor")
    client = signed_in(user, second_factor=False)
    response = client.get(reverse("two_factor_verify"))
    assert response.status_code == 200
    no_latin(response, user, "second factor")


@pytest.mark.parametrize("screen", SCREENS)
def test_superuser_without_preference_reads_cyrillic(screen):
    user = staff(language="", superuser=True)
    response = signed_in(user).get(SCREENS[screen]())
    assert response.status_code == 200
    assert response.headers.get("Content-Language", "sr") == "sr"
    no_latin(response, user, screen)


@pytest.mark.parametrize("screen", [s for s in SCREENS if s != "users"])
def test_editor_reads_cyrillic(screen):
    user = staff("Editor")
    response = signed_in(user).get(SCREENS[screen]())
    assert response.status_code == 200
    no_latin(response, user, screen)


@pytest.mark.parametrize("screen", ["dashboard", "account"])
def test_latin_staff_read_no_cyrillic(screen):
    user = staff("Editor", language="sr-latn")
    response = signed_in(user).get(SCREENS[screen]())
    assert response.status_code == 200
    texts = cyrillic_texts(page_text(response))
    assert texts == [], f"{screen}: Cyrillic on a Latin admin screen: {texts}"


def test_english_staff_read_english_editor():
    user = staff("Editor", language="en")
    response = signed_in(user).get(SCREENS["news editor"]())
    assert "Save draft" in visible_text(page_text(response))


def test_preferred_language_offers_the_three_and_switches_the_admin():
    user = staff("Editor", language="")
    client = signed_in(user)
    account = page_text(client.get(reverse("wagtailadmin_account")))
    select = account.split('name="locale-preferred_language"', 1)[1].split("</select>", 1)[0]
    for code in ("sr", "sr-latn", "en"):
        assert f'value="{code}"' in select, f"{code} is offered"

    expected = {"sr": "Почетна табла", "sr-latn": "Početna tabla", "en": "Dashboard"}
    for code, title in expected.items():
        response = client.post(
            reverse("wagtailadmin_account"),
            {
                "locale-preferred_language": code,
                "locale-current_time_zone": "",
                "name_email-first_name": "Ана",
                "name_email-last_name": "Анић",
                "name_email-email": "ana@example.org",
                "theme-theme": "system",
                "theme-density": "default",
                "theme-contrast": "system",
                "theme-keyboard_shortcuts": "on",
            },
        )
        assert response.status_code == 302, f"{code}: the preferences are saved"
        dashboard = page_text(client.get(reverse("wagtailadmin_home")))
        assert f'<html lang="{code}"' in dashboard, f"{code}: the admin is in {code}"
        assert title in " ".join(visible_text(dashboard)), f"{code}: the dashboard is in {code}"


def test_stored_names_are_in_cyrillic():
    user = staff(language="", superuser=True)
    client = signed_in(user)
    words = {}
    for screen in ("news editor", "users"):
        html = page_text(client.get(SCREENS[screen]()))
        words.update(latin_words(html, allow=[user.username, *content_titles()]))
    assert words == {}, f"names stored in English: {sorted(words)}"


def test_menu_labels_follow_each_staff_members_language():
    """Wagtail keeps its menu items for the life of the process: the labels translated when they
    were made must still follow each staff member's language."""
    labels = {
        "sr": ("Преводи", "Шта је ново у Вагтејлу"),
        "sr-latn": ("Prevodi", "Šta je novo u Vagtejlu"),
        "en": ("Translations", "What's new in Wagtail"),
    }
    for language, expected in [*labels.items(), *labels.items()]:
        user = staff(language=language, superuser=True)
        text = visible_text(page_text(signed_in(user).get(reverse("wagtailadmin_home"))))
        for label in expected:
            assert any(t.startswith(label) for t in text), f"{language}: {label}"


@pytest.mark.parametrize(
    "language, explorer", [("sr", "Преглед страница"), ("sr-latn", "Pregled stranica")]
)
def test_admin_scripts_read_the_staff_members_language(language, explorer):
    """The strings the admin's scripts draw (the page explorer, autosave, comments) come from
    the JavaScript catalogue, in the same language and script as the page."""
    user = staff("Editor", language=language)
    response = signed_in(user).get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    # The catalogue is JSON inside the script: the label as json.dumps writes it.
    assert json.dumps(explorer) in response.content.decode()


def test_time_ago_is_cyrillic():
    """ "Updated 5 minutes ago" of a page edited five minutes ago, in Cyrillic: "пре 5 минута"."""
    user = staff(language="", superuser=True)
    news = serbian_news()
    five_minutes_ago = timezone.now() - datetime.timedelta(minutes=5)
    Page.objects.filter(pk=news.pk).update(latest_revision_created_at=five_minutes_ago)
    PageLogEntry.objects.log_action(news, "wagtail.edit", user=user)
    PageLogEntry.objects.filter(page=news).update(timestamp=five_minutes_ago)
    response = signed_in(user).get(reverse("wagtailadmin_explore", args=[news.get_parent().pk]))
    text = " ".join(visible_text(page_text(response)))
    assert "пре 5 минута" in text.lower(), "a Cyrillic 'time ago'"
    assert "ago" not in text.lower().split()
