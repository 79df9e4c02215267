"""Saves an imported plan or report as a publication page under an archive, with the source file
attached as a document. Importing the same file again changes nothing."""

import hashlib
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from core.latin import publish_revision

from ..blocks import EDITORS_KEYS
from ..models import PublicationPage
from .build import page_fields


def _without_ids(value):
    """Stream data compared by content: block ids are random on every build, and what an
    editor links (an indicator's statistic) is not in the document."""
    if isinstance(value, dict):
        return {
            k: _without_ids(v) for k, v in value.items() if k != "id" and k not in EDITORS_KEYS
        }
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _walk(value):
    """Every dict in stored stream data."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child)


def _keep_editors_links(page, body_json):
    """The new body with the statistics an editor linked to indicators kept, matched by the
    indicator's text: an import brings the document's words, not the editor's links."""
    links = {
        item["text"]: {key: item[key] for key in EDITORS_KEYS if item.get(key)}
        for item in _walk(page.body.get_prep_value())
        if "text" in item and any(item.get(key) for key in EDITORS_KEYS)
    }
    body = json.loads(body_json)
    for item in _walk(body):
        if item.get("text") in links and EDITORS_KEYS & item.keys():
            item.update(links[item["text"]])
    return json.dumps(body)


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
        fields["body"] = _keep_editors_links(page, fields["body"])
        for name, value in fields.items():
            setattr(page, name, value)
        outcome = "updated"

    revision = page.save_revision()
    if publish:
        publish_revision(revision.pk)
    return PublicationPage.objects.get(pk=page.pk), outcome
