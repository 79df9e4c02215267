"""Publications → Import in the admin: an editor uploads a plan, sees its structure, and saves a
draft that is never live; an update shows what changes and keeps a hand edit from being lost
unnoticed; a bad file creates nothing; nobody else gets in."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Revision

from publications.admin import staging
from publications.models import PublicationIndexPage, PublicationPage
from tests.publications.documents import make_docx
from tests.publications.seeds import PLAN_2021, _read, import_seeds
from tests.staff import make_staff, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_pages")]
IMPORT = "/admin/publications/import/"
CREATE = "/admin/publications/import/create/"


def archive():
    return PublicationIndexPage.objects.get(locale__language_code="sr")


def plan_2021():
    return PublicationPage.objects.get(locale__language_code="sr", slug="work-plan-2021")


@pytest.fixture
def imported_plan(site_pages):
    """The 2021 plan, imported from its seed into the minimal site's archive."""
    return import_seeds(site_pages.page("plans-and-reports"), [PLAN_2021])["work-plan-2021"]


def upload(client, data, name="plan.docx", kind=""):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(IMPORT, {"file": file, "kind": kind, "archive": archive().pk})


def confirm(client, response, **extra):
    form = response.context["form"]
    data = {"token": form["token"].value(), "kind": form["kind"].value() or ""}
    return client.post(CREATE, {**data, "archive": archive().pk, **extra})


def test_editor_imports_a_word_file_as_a_draft_with_its_document(editor_client):
    # The archive has no 2021 plan yet: the upload creates it.
    documents = get_document_model().objects.count()
    response = upload(editor_client, make_docx(_read(PLAN_2021)))
    html = response.content.decode()
    assert response.status_code == 200 and "Structure found" in html
    found = response.context["prepared"].outline
    assert (found.general_goals, found.specific_goals, found.indicators) == (4, 9, 70)
    assert '<th scope="row">Indicators</th><td>70</td>' in html
    assert "130" in html and "application/vnd.openxmlformats" in html
    sr_plan = PublicationPage.objects.filter(locale__language_code="sr", slug="work-plan-2021")
    assert not sr_plan.exists(), "preview only"
    assert get_document_model().objects.count() == documents

    response = confirm(editor_client, response)
    page = sr_plan.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{page.pk}/edit/")
    assert not page.live and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    document = draft.documents[0].value
    assert document.file_size > 0 and document.file.name.endswith(".docx")
    goals = [b.value for b in draft.body if b.block_type == "general_goal"]
    assert [g["number"] for g in goals] == ["I", "II", "III", "IV"]
    assert editor_client.get("/plans-and-reports/work-plan-2021/").status_code == 404


@pytest.mark.usefixtures("imported_plan")
def test_update_shows_the_changes_and_saves_a_draft_revision(editor_client):
    live_before = json.dumps(plan_2021().body.get_prep_value(), ensure_ascii=False)
    text = _read(PLAN_2021).replace("идентификација - 130", "идентификација - 140")
    response = upload(editor_client, text.encode(), name="plan-2022.txt")
    prepared = response.context["prepared"]
    assert prepared.existing == plan_2021() and not prepared.edited_by_hand
    assert prepared.changes.changed and not prepared.changes.removed
    assert "Update this page" in response.content.decode()

    revisions = Revision.objects.count()
    response = confirm(editor_client, response)
    assert response.status_code == 302 and Revision.objects.count() == revisions + 1
    page = plan_2021()
    assert "140" in json.dumps(page.get_latest_revision_as_object().body.get_prep_value())
    assert json.dumps(page.body.get_prep_value(), ensure_ascii=False) == live_before, "still live"


@pytest.mark.usefixtures("imported_plan")
def test_hand_edits_are_not_replaced_without_a_warning(editor_client):
    page = plan_2021()
    page.summary = "Уређено руком."
    page.save_revision()
    response = upload(editor_client, _read(PLAN_2021).encode(), name="plan.txt")
    assert response.context["prepared"].edited_by_hand
    assert "changed by hand" in response.content.decode()

    revisions = Revision.objects.count()
    refused = confirm(editor_client, response)
    assert refused.status_code == 200 and Revision.objects.count() == revisions
    accepted = confirm(editor_client, response, keep_manual_changes_warning="on")
    assert accepted.status_code == 302 and Revision.objects.count() == revisions + 1


@pytest.mark.parametrize(
    "data, message",
    [
        (b"%PDF-1.7\n" + b"\x8f\x00garbage" * 100, "The PDF is damaged"),
        (b"PK\x03\x04" + b"\x00broken" * 100, "The Word file is damaged"),
        ("Белешка\nбез године и без циљева, " * 20, "No plan or report could be read"),
        (b"", "The submitted file is empty"),
    ],
    ids=["pdf", "docx", "no-structure", "empty"],
)
def test_a_bad_file_gets_a_message_and_nothing_is_created(editor_client, data, message):
    pages, documents = PublicationPage.objects.count(), get_document_model().objects.count()
    staged = set(staging.folder().iterdir())
    data = data.encode() if isinstance(data, str) else data
    response = upload(editor_client, data, name="plan.pdf")
    assert response.status_code == 200 and message in response.content.decode()
    assert PublicationPage.objects.count() == pages
    assert get_document_model().objects.count() == documents
    assert set(staging.folder().iterdir()) == staged


def test_a_preview_token_is_the_uploaders_only(editor_client):
    response = upload(editor_client, _read(PLAN_2021).encode(), name="plan.txt")
    other = signed_in(make_staff("Moderator"))
    revisions = Revision.objects.count()
    stolen = confirm(other, response)
    assert stolen.status_code == 302 and stolen["Location"].endswith(IMPORT)
    assert Revision.objects.count() == revisions


def test_only_editors_moderators_and_superusers_may_import(editor_client, admin_client):
    for client in (editor_client, admin_client, signed_in(make_staff("Moderator"))):
        response = client.get(IMPORT)
        assert response.status_code == 200
        assert 'enctype="multipart/form-data"' in response.content.decode()
    triage = signed_in(make_staff("Triage"))
    for response in (triage.get(IMPORT), triage.post(CREATE, {})):
        # Wagtail answers a refused admin view with a redirect to the dashboard.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert IMPORT not in triage.get("/admin/").content.decode()
    assert IMPORT in editor_client.get("/admin/").content.decode()


def test_the_import_screens_refuse_inline_script(editor_client):
    policy = editor_client.get(IMPORT)["Content-Security-Policy"]
    script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script


def test_the_chosen_kind_is_the_kind_the_file_is_read_as(editor_client):
    # The 2021 plan reads as a work plan; the editor says it is a report: the preview and the
    # draft are the report the parser reads in it (sections), not the plan filed as a report.
    response = upload(editor_client, _read(PLAN_2021).encode(), name="plan.txt", kind="work_report")
    prepared = response.context["prepared"]
    assert prepared.detected_kind == "work_plan" and prepared.fields["kind"] == "work_report"
    found = prepared.outline
    assert found.sections and not (found.general_goals or found.indicators)
    html = response.content.decode()
    assert '<th scope="row">Sections</th>' in html and "General goals" not in html
    assert "detected: Work plan" in html

    assert confirm(editor_client, response).status_code == 302
    page = PublicationPage.objects.get(locale__language_code="sr", slug="work-report-2021")
    blocks = {b.block_type for b in page.get_latest_revision_as_object().body}
    assert "heading" in blocks and "general_goal" not in blocks


def test_only_the_kinds_the_parser_reads_may_be_chosen(editor_client):
    response = upload(editor_client, _read(PLAN_2021).encode(), name="plan.txt", kind="guide")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not PublicationPage.objects.filter(slug__startswith="guide").exists()


def test_an_empty_folder_and_a_fresh_preview_survive_the_sweep(settings, tmp_path):
    # On a new server the staging folder is empty; and an editor's preview made a minute ago
    # keeps its text while another editor's upload sweeps out the abandoned ones.
    settings.PUBLICATIONS_IMPORT_DIR = tmp_path / "imports"
    staging.sweep()
    fresh = staging.folder() / "fresh.text"
    fresh.write_text("План рада", encoding="utf-8")
    (staging.folder() / "fresh.upload").write_bytes(b"x")
    staging.sweep()
    assert fresh.exists()
