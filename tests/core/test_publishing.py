"""The Centre's publishing path (docs/publishing.md): an editor submits a page to the "Објава"
workflow, which covers the whole site; a Moderator is told by e-mail (in Serbian unless they
chose another language, with links to the configured admin address), approves it and it is
live; a Moderator may also publish directly."""

import re

import pytest
from django.core import mail
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from news.models import NewsIndexPage, NewsPage
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

ADMIN_BASE = "https://intern.centar.example"


def news_index(language="sr"):
    return NewsIndexPage.objects.get(locale__language_code=language)


def new_news(client, title, slug, action):
    parent = news_index()
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-07-30",
            "summary": "Кратак садржај вести.",
            "body": streamfield([]),
            "image": "",
            "image_alt": "",
            "tags": "",
        }
    )
    data[action] = "1"
    return client.post(f"/admin/pages/add/news/newspage/{parent.pk}/", data)


def moderator_without_language_preference(email):
    user = make_staff("Moderator")
    user.email = email
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = ""
    profile.save()
    return user


@pytest.mark.parametrize("language", ["sr", "sr-latn", "en"])
def test_one_publication_workflow_covers_news_campaigns_and_the_home_page(language):
    publication = Workflow.objects.get(name="Објава")
    assert [task.name for task in publication.tasks] == ["Одобрење модератора"]
    assert [group.name for group in publication.tasks[0].specific.groups.all()] == ["Moderator"]
    for page in Page.objects.filter(locale__language_code=language, depth__lte=3):
        assert page.get_workflow() == publication, page.url_path
    assert list(Workflow.objects.filter(active=True)) == [publication]


def test_an_editor_submits_and_the_moderator_is_told_in_serbian_with_the_admin_address(settings):
    settings.WAGTAILADMIN_BASE_URL = ADMIN_BASE
    moderator = moderator_without_language_preference("moderator@centar.example")
    editor = signed_in(make_staff("Editor"))  # works in the admin in English
    mail.outbox.clear()

    response = new_news(editor, "Ђачки часопис о безбедности", "djacki-casopis", "action-submit")
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="djacki-casopis")
    assert not page.live
    assert page.current_workflow_state.workflow.name == "Објава"

    to_moderator = [m for m in mail.outbox if m.to == [moderator.email]]
    assert len(to_moderator) == 1, [m.to for m in mail.outbox]
    message = to_moderator[0]
    assert "Ђачки часопис о безбедности" in message.subject
    # Serbian Cyrillic: the moderator chose no language, and the editor's English is not theirs.
    assert "submitted" not in message.subject + message.body, message.subject
    assert "послат" in message.subject, message.subject
    links = re.findall(r"https?://\S+", message.body)
    assert f"{ADMIN_BASE}/admin/pages/{page.pk}/edit/" in links
    assert all(link.startswith(ADMIN_BASE + "/admin/") for link in links), links


def test_a_moderator_who_chose_english_is_told_in_english(settings):
    moderator = moderator_without_language_preference("english@centar.example")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    editor = signed_in(make_staff("Editor"))
    mail.outbox.clear()
    new_news(editor, "Вест за модератора", "vest-za-moderatora", "action-submit")
    (message,) = [m for m in mail.outbox if m.to == [moderator.email]]
    assert "submitted for approval" in message.subject


def test_the_moderator_approves_and_the_page_goes_live(client):
    editor = signed_in(make_staff("Editor"))
    new_news(editor, "Вест на одобрењу", "vest-na-odobrenju", "action-submit")
    page = NewsPage.objects.get(slug="vest-na-odobrenju")
    task_state = page.current_workflow_task_state
    moderator = signed_in(make_staff("Moderator"))
    response = moderator.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_a_moderator_publishes_directly():
    moderator = signed_in(make_staff("Moderator"))
    response = new_news(moderator, "Вест модератора", "vest-moderatora", "action-publish")
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="vest-moderatora", locale__language_code="sr").live


def test_an_editor_cannot_publish_directly():
    editor = signed_in(make_staff("Editor"))
    new_news(editor, "Вест уредника", "vest-urednika", "action-publish")
    assert not NewsPage.objects.get(slug="vest-urednika").live
