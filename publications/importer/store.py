"""Saves an imported plan or report as a publication page under an archive, with the source file
attached as a document. Importing the same file again changes nothing."""

import hashlib
import json
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


def _same_content(page, fields) -> bool:
    """Whether the page already holds what an import would write (its address aside)."""
    plain = [name for name in fields if name not in ("slug", "body")]
    if any(getattr(page, name) != fields[name] for name in plain):
        return False
    return _without_ids(page.body.get_prep_value()) == _without_ids(json.loads(fields["body"]))


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
    fields = page_fields(path.read_text(encoding="utf-8"), filename=path.name)
    page = PublicationPage.objects.child_of(archive).filter(slug=fields["slug"]).first()
    if page is not None and not update:
        return page, "exists"

    documents = []
    if attach:
        document = attach_source(path, f"{fields['title']} ({path.suffix.lstrip('.').upper()})")
        documents = [("document", document)]

    if page is None:
        page = PublicationPage(**fields, documents=documents)
        archive.add_child(instance=page)
        outcome = "created"
    else:
        if _same_content(page, fields):
            return page, "unchanged"
        for name, value in fields.items():
            setattr(page, name, value)
        outcome = "updated"

    revision = page.save_revision()
    if publish:
        publish_revision(revision.pk)
    return PublicationPage.objects.get(pk=page.pk), outcome
