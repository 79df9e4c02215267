"""The admin import reads the Centre's PDFs and Word files into the same structure as the text
import, and refuses every unusable file with a clear message."""

import io
import os
import time
import zipfile
from types import SimpleNamespace

import pypdf
import pytest
from django.core import signing
from django.utils import translation

from publications.admin import staging
from publications.admin.extract import MAX_PAGES, MAX_UPLOAD, ExtractError, extract
from publications.admin.outline import outline
from publications.importer.parse import parse
from tests.publications.documents import HEADER, make_docx, make_pdfs
from tests.publications.seeds import ACTION_PLAN, ALL_SEEDS, PLAN_2021, _read


@pytest.fixture(autouse=True)
def in_english():
    """The messages are matched as the English source says them."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def seed_pdfs():
    return make_pdfs({name: (_read(name), name == ACTION_PLAN) for name in ALL_SEEDS})


def same_structure(text_a, text_b):
    doc_a, doc_b = parse(text_a), parse(text_b)
    a, b = outline(doc_a), outline(doc_b)
    # What could not be placed is compared as text: a PDF wraps its lines elsewhere.
    unplaced_a, unplaced_b = (" ".join(" ".join(o.unplaced).split()) for o in (a, b))
    a.unplaced = b.unplaced = []
    assert a == b
    goals = [[(g.number, len(g.rows)) for g in d.action_goals] for d in (doc_a, doc_b)]
    assert goals[0] == goals[1]
    assert unplaced_a == unplaced_b
    return b


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_word_file_imports_to_the_structure_of_the_text(name):
    data = make_docx(_read(name), table=name == ACTION_PLAN)
    extracted = extract(data)
    assert extracted.file_type == "docx"
    same_structure(_read(name), extracted.text)


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_pdf_imports_to_the_structure_of_the_text(name, seed_pdfs):
    extracted = extract(seed_pdfs[name])
    assert extracted.file_type == "pdf" and extracted.pages > 1
    assert HEADER not in [line.strip() for line in extracted.text.splitlines()], "header dropped"
    same_structure(_read(name), extracted.text)


def test_2021_targets_survive_the_pdf(seed_pdfs):
    found = outline(parse(extract(seed_pdfs[PLAN_2021]).text))
    assert {"130", "65 %", "12"} <= set(found.targets)
    assert (found.general_goals, found.specific_goals) == (4, 9)


def test_type_is_told_by_content_not_name():
    text = _read(PLAN_2021).encode()
    assert extract(text).file_type == "txt"
    assert extract(make_docx(_read(PLAN_2021))).file_type == "docx"
    with pytest.raises(ExtractError, match="not a PDF, a Word"):
        extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 500)


def blank_pdf(password=None, pages=1):
    writer = pypdf.PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (200 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (lambda: blank_pdf("secret"), "password"),
        (lambda: blank_pdf(), "scan"),
        (b"%PDF-1.7\n" + b"\x8f\x00garbage" * 100, "damaged"),
        (b"PK\x03\x04" + b"\x00broken" * 100, "damaged"),
        (bomb, "unpacks to far more"),
        (b"x" * (MAX_UPLOAD + 1), "larger than 20 MB"),
        (lambda: blank_pdf(pages=MAX_PAGES + 1), "more than 300 pages"),
        (b"A short note.", "too little text"),
    ],
    ids=["empty", "encrypted", "scan", "bad-pdf", "bad-docx", "zip-bomb", "huge", "long", "short"],
)
def test_bad_files_get_a_clear_message(data, message):
    with pytest.raises(ExtractError, match=message):
        extract(data() if callable(data) else data)


def test_an_abandoned_upload_is_deleted_after_a_day_and_its_token_refused():
    editor, other = SimpleNamespace(pk=1), SimpleNamespace(pk=2)
    token = staging.stage(b"plan", "plan.pdf", editor)
    assert staging.load(token, editor) == (b"plan", "plan.pdf", None)
    with pytest.raises(ExtractError, match="expired"):
        staging.load(token, other)
    # This token's own file (the folder may hold other runs' files with the same bytes).
    name = signing.loads(token, salt=staging.SALT)["n"]
    path = staging.folder() / f"{name}.upload"
    assert path.read_bytes() == b"plan"
    old = time.time() - staging.MAX_AGE - 60
    os.utime(path, (old, old))
    staging.sweep()
    assert not path.exists()
    with pytest.raises(ExtractError, match="expired"):
        staging.load(token, editor)
