"""A long PDF is read in the background (issue 17): the upload answers at once with a progress
page that reloads itself without script, the preview follows once the text is read, and a file
that cannot be read sends the editor back with its message, leaving nothing behind."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.documents import get_document_model

from publications.admin import jobs, staging
from publications.models import ImportJob, PublicationPage
from tests.publications.documents import make_pdfs
from tests.publications.seeds import PLAN_2021, _read
from tests.publications.test_admin_extract import blank_pdf
from tests.publications.test_admin_import import confirm, upload
from tests.staff import make_staff, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_pages")]
PROGRESS = re.compile(r"^/admin/publications/import/([0-9a-f-]{36})/$")


@pytest.fixture(autouse=True)
def long_from_two_pages(settings):
    # The seed PDFs have a few pages; any PDF of more than one is "long" here.
    settings.PUBLICATIONS_IMPORT_BACKGROUND_PAGES = 1


@pytest.fixture(scope="module")
def plan_pdf():
    with translation.override("en"):
        return make_pdfs({"plan": (_read(PLAN_2021), False)})["plan"]


def progress_url(response):
    assert response.status_code == 302
    match = PROGRESS.match(response["Location"])
    assert match, response["Location"]
    return response["Location"]


def test_a_long_pdf_is_read_in_the_background_then_previewed_and_saved(editor_client, plan_pdf):
    url = progress_url(upload(editor_client, plan_pdf, name="plan-rada-2021.pdf"))
    # The tests' task backend runs the read at once: the progress page is the preview.
    response = editor_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Structure found" in html
    found = response.context["prepared"].outline
    assert (found.general_goals, found.specific_goals, found.indicators) == (4, 9, 70)
    assert "application/pdf" in html and "plan-rada-2021.pdf" in html
    assert not ImportJob.objects.exists(), "the file moved to the preview's staging"

    response = confirm(editor_client, response)
    page = PublicationPage.objects.get(locale__language_code="sr", slug="work-plan-2021")
    assert response["Location"].endswith(f"/pages/{page.pk}/edit/") and not page.live
    document = page.get_latest_revision_as_object().documents[0].value
    assert document.file.name.endswith(".pdf") and document.file_size == len(plan_pdf)


def test_the_progress_page_waits_for_the_worker_then_shows_the_preview(
    editor_client, plan_pdf, settings
):
    """The real path: the database backend stores the task, `db_worker` reads the file."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        **settings.TASKS,
        "publications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    url = progress_url(upload(editor_client, plan_pdf, name="plan.pdf"))
    waiting = editor_client.get(url)
    html = waiting.content.decode()
    assert waiting.status_code == 200 and "The file is waiting to be read." in html
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', html)
    assert f'href="{url}">Check again</a>' in html
    script = next(d for d in waiting["Content-Security-Policy"].split(";") if "script-src" in d)
    assert "'unsafe-inline'" not in script
    (task,) = DBTaskResult.objects.filter(backend_name="publications")
    assert task.args_kwargs["args"] == [url.split("/")[-2]], "the job's id only"

    # Another editor's request for the page learns nothing of the file.
    other = signed_in(make_staff("Editor"))
    refused = other.get(url, follow=True)
    assert "plan.pdf" not in refused.content.decode()
    assert "The preview has expired" in refused.content.decode()

    call_command(
        "db_worker", "--batch", "--max-tasks", "1", "--backend", "publications",
        "--no-startup-delay", "--no-reload", verbosity=0,
    )  # fmt: skip
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    response = editor_client.get(url)
    assert "Structure found" in response.content.decode()
    assert response.context["prepared"].outline.general_goals == 4


def test_a_file_that_cannot_be_read_in_the_background_leaves_nothing(editor_client):
    pages, documents = PublicationPage.objects.count(), get_document_model().objects.count()
    staged = set(staging.folder().iterdir())
    url = progress_url(upload(editor_client, blank_pdf(pages=3), name="scan.pdf"))
    assert ImportJob.objects.get().data in (b"", memoryview(b"")), "the file went with the read"
    response = editor_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/publications/import/"
    assert "The PDF has no text to read: it is probably a scan." in response.content.decode()
    assert not ImportJob.objects.exists()
    assert PublicationPage.objects.count() == pages
    assert get_document_model().objects.count() == documents
    assert set(staging.folder().iterdir()) == staged


def test_a_read_that_never_ends_is_given_up_with_a_message(editor_client, plan_pdf, settings):
    """A worker that is stopped, or killed in the middle of a read, must not leave the editor
    watching a page that refreshes for ever: after a quarter of an hour the job is given up."""
    import time_machine

    settings.TASKS = {
        **settings.TASKS,
        "publications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    url = progress_url(upload(editor_client, plan_pdf, name="plan.pdf"))
    ImportJob.objects.update(status=ImportJob.Status.READING)  # the worker died here
    assert "being read" in editor_client.get(url).content.decode().lower()
    later = ImportJob.objects.get().created_at + jobs.STALLED_AFTER
    with time_machine.travel(later, tick=False):
        response = editor_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/publications/import/"
    assert "was not read in time" in response.content.decode()
    assert not ImportJob.objects.exists()
