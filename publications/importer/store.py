"""Saves an imported plan or report as a publication page under an archive, with the source file
attached as a document. Importing the same file again changes nothing."""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from core.latin import publish_revision

from ..models import PublicationPage
from .build import page_fields


def _without_ids(value):
    """Stream data compared by content: block ids are random on every build."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def attach_source(path: Path, title: str):
    """The file as a Wagtail document, reused when the same bytes were imported before."""
    Document = get_document_model()
    data = path.read_bytes()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = Document.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    document.file.save(path.name, ContentFile(data), save=False)
    document.file_size = len(data)
    document.file_hash = digest
    document.save()
    return document


@transaction.atomic
def import_file(path: Path, archive, *, update=False, publish=True, attach=True):
    """Returns (page, what happened): "created", "updated", "unchanged" or "exists"."""
    import json

    fields = page_fields(path.read_text(encoding="utf-8"), filename=path.name)
    page = PublicationPage.objects.child_of(archive).filter(slug=fields["slug"]).first()
    if page is not None and not update:
        return page, "exists"

    documents = []
    if attach:
        document = attach_source(path, f"{fields['title']} ({path.suffix.lstrip('.').upper()})")
        documents = [{"type": "document", "value": document.pk}]

    if page is None:
        page = PublicationPage(**fields, documents=json.dumps(documents))
        archive.add_child(instance=page)
        outcome = "created"
    else:
        current = {
            "title": page.title,
            "kind": page.kind,
            "year_start": page.year_start,
            "year_end": page.year_end,
            "adopted": page.adopted,
            "summary": page.summary,
            "body": _without_ids(page.body.get_prep_value()),
        }
        incoming = dict(fields, body=_without_ids(json.loads(fields["body"])))
        incoming.pop("slug")
        if current == incoming:
            return page, "unchanged"
        for name, value in fields.items():
            setattr(page, name, value)
        outcome = "updated"

    revision = page.save_revision()
    if publish:
        publish_revision(revision.pk)
    return PublicationPage.objects.get(pk=page.pk), outcome
