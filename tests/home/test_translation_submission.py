"""Someone who may not publish submits a finished translation for moderation from the
translation editor (issue 21: its big button is that, not "Delete"); a Moderator approving it
publishes the translated page."""

import pytest
from wagtail.models import Page

from tests.home.test_english_translations import (
    cyrillic_news,  # noqa: F401 (a fixture)
    english_of,
    start_translation,
    translate_every_string,
)
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "The Centre trained new professionals"


def submit(client, page, on_commit):
    with on_commit(execute=True):
        return client.post(f"/admin/pages/{page.pk}/edit/", {"action": "submit"})


def test_an_editor_submits_the_translation_and_approving_it_publishes_it(
    client, cyrillic_news, django_capture_on_commit_callbacks  # noqa: F811
):
    on_commit = django_capture_on_commit_callbacks
    editor = signed_in(make_staff("Editor"))
    start_translation(editor, cyrillic_news, on_commit)
    english = english_of(cyrillic_news)
    translate_every_string(cyrillic_news, english.locale, lambda text: ENGLISH_TITLE)

    response = submit(editor, english, on_commit)
    assert response.status_code == 302
    english = Page.objects.get(pk=english.pk)
    assert english.workflow_in_progress, "the translation waits for a Moderator"
    assert not english.live
    assert english.get_latest_revision().as_object().title == ENGLISH_TITLE

    moderator = signed_in(make_staff("Moderator"))
    task_state = english.current_workflow_state.current_task_state
    with on_commit(execute=True):
        response = moderator.post(
            f"/admin/pages/workflow/action/{english.pk}/approve/{task_state.pk}/"
        )
    assert response.status_code in (200, 302)
    english.refresh_from_db()
    assert english.live and english.title == ENGLISH_TITLE


def test_a_second_submission_while_in_moderation_is_refused_clearly(
    cyrillic_news, django_capture_on_commit_callbacks  # noqa: F811
):
    on_commit = django_capture_on_commit_callbacks
    editor = signed_in(make_staff("Editor"))
    start_translation(editor, cyrillic_news, on_commit)
    english = english_of(cyrillic_news)
    submit(editor, english, on_commit)
    response = submit(editor, english, on_commit)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("moderation" in m for m in messages), messages
