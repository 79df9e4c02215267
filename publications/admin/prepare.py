"""From an uploaded file to what the preview shows and "Create draft" saves: the page's fields,
the structure found, and for a page that exists already what would change and whether an editor
changed it by hand since its last import."""

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..importer.build import fields_of, page_fields
from ..importer.parse import detected_kind, parse
from ..models import PublicationPage
from .diff import Changes, compare, without_ids
from .extract import Extracted, ExtractError, extract
from .outline import Outline, outline


@dataclass
class Prepared:
    extracted: Extracted
    fields: dict
    outline: Outline
    detected_kind: str
    existing: PublicationPage | None = None
    changes: Changes = field(default_factory=Changes)
    edited_by_hand: bool = False


def prepare(data: bytes, archive, kind: str = "") -> Prepared:
    """``kind``, when the editor chose one, is the kind the text is read as: the preview shows
    the structure that parser finds, and the page is built from it."""
    return prepare_extracted(extract(data), archive, kind)


def parsed(extracted: Extracted, kind: str = ""):
    """The document read from the text, or an ExtractError when it holds no plan or report."""
    doc = parse(extracted.text, kind=kind)
    if not doc.year_start or not outline(doc).has_structure():
        raise ExtractError(
            _(
                "No plan or report could be read in this file: no year, goals or sections were "
                "found. Check that it is a work plan, a work report or an action plan."
            )
        )
    return doc


def prepare_extracted(extracted: Extracted, archive, kind: str = "") -> Prepared:
    """What prepare() finds, from a text read already (in the background, or before the
    preview)."""
    doc = parsed(extracted, kind)
    fields = fields_of(doc)
    detected = detected_kind(extracted.text) if kind else doc.kind
    prepared = Prepared(extracted, fields, outline(doc), detected)
    existing = PublicationPage.objects.child_of(archive).filter(slug=fields["slug"]).first()
    if existing is not None:
        current = existing.get_latest_revision_as_object()
        prepared.existing = existing
        prepared.changes = changes(current, fields)
        prepared.edited_by_hand = edited_since_import(current)
    return prepared


def _plain(fields):
    return [name for name in fields if name not in ("slug", "body")]


def changes(page, fields) -> Changes:
    found = compare(page.body.get_prep_value(), json.loads(fields["body"]))
    found.fields = [
        str(PublicationPage._meta.get_field(name).verbose_name)
        for name in _plain(fields)
        if getattr(page, name) != fields[name]
    ]
    return found


def edited_since_import(page) -> bool:
    """Whether the page's latest revision differs from what its attached file imports to: then
    an editor changed it by hand (or its file cannot be read, and nobody can tell)."""
    document = next((block.value for block in page.documents if block.value), None)
    if document is None:
        return True
    try:
        with document.file.open("rb") as source:
            # Read as the kind the page is, which an editor may have chosen.
            fields = page_fields(extract(source.read()).text, kind=page.kind)
    except (ExtractError, ValueError, OSError):
        return True
    plain = [name for name in _plain(fields) if name != "kind"]
    if any(getattr(page, name) != fields[name] for name in plain):
        return True
    return without_ids(page.body.get_prep_value()) != without_ids(json.loads(fields["body"]))
