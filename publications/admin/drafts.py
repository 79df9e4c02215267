"""Saves an import as a draft: a new page that is not live, or a new draft revision of the page
it updates (its live version stays as it is until someone publishes). The uploaded file becomes
the page's downloadable Wagtail document."""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from ..models import PublicationPage


def attach(data: bytes, filename: str, title: str, file_type: str):
    """The file as a Wagtail document, the one already stored when the same bytes were."""
    Document = get_document_model()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = Document.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing
    # The extension follows the content, so the document is served with the type it has.
    name = f"{Path(filename).stem or 'publication'}.{file_type}"
    document = Document(title=f"{title} ({file_type.upper()})")
    document.file.save(name, ContentFile(data), save=False)
    document.file_size = len(data)
    document.file_hash = digest
    document.save()
    return document


@transaction.atomic
def save_draft(prepared, archive, data: bytes, filename: str, user):
    """Returns the page, with a new draft revision saved by ``user``."""
    fields = prepared.fields
    document = attach(data, filename, fields["title"], prepared.extracted.file_type)
    documents = [("document", document)]
    if prepared.existing is None:
        page = PublicationPage(**fields, documents=documents, live=False, owner=user)
        archive.add_child(instance=page)
    else:
        page = prepared.existing.get_latest_revision_as_object()
        for name, value in fields.items():
            if name != "slug":
                setattr(page, name, value)
        page.documents = documents
    page.save_revision(user=user, log_action=True)
    return PublicationPage.objects.get(pk=page.pk)
