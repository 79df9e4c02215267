"""Turns a parsed plan or report into the fields of a PublicationPage.

The body is built through the page's own blocks (publications/blocks.py), never as hand-written
dicts: each parsed goal, task, indicator or action-plan row fills the block field of the same
name, so a field renamed or removed on either side stops the import with an error instead of
silently dropping the text."""

import dataclasses
import json
from html import escape

from wagtail.blocks import Block, ListBlock, StreamValue, StructBlock, StructValue

from ..models import PublicationPage
from .document import ParsedDocument
from .parse import parse

KINDS = {"work_plan": "work_plan", "work_report": "work_report", "action_plan": "action_plan"}
SLUG_PREFIX = {"work_plan": "work-plan", "work_report": "work-report", "action_plan": "action-plan"}


class BlockFieldError(LookupError):
    """The importer fills a field that the publication blocks do not have."""


def child_block(parent: Block, name: str) -> Block:
    """The child block ``name`` of a struct or stream block, or a clear error naming both."""
    try:
        return parent.child_blocks[name]
    except KeyError:
        raise BlockFieldError(
            f"{type(parent).__name__} has no field {name!r}: the importer fills it, so "
            "publications/blocks.py and publications/importer/document.py must agree"
        ) from None


def block_value(block: Block, data):
    """The native value of ``block`` for parsed data: a data class fills a struct block field by
    field, a list fills a list block item by item, a missing text is empty."""
    if dataclasses.is_dataclass(data):
        return struct_value(block, data)
    if isinstance(block, ListBlock):
        return block.normalize([block_value(block.child_block, item) for item in data])
    return block.normalize("" if data is None else data)


def struct_value(block: StructBlock, data) -> StructValue:
    # Start from the block's defaults so a field the documents never fill is still stored.
    value = block.get_default()
    for field in dataclasses.fields(data):
        value[field.name] = block_value(child_block(block, field.name), getattr(data, field.name))
    return value


def _paragraphs(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())


def body_value(doc: ParsedDocument) -> StreamValue:
    stream_block = PublicationPage.body.field.stream_block

    def item(name, data):
        return name, block_value(child_block(stream_block, name), data)

    items = []
    if doc.intro:
        items.append(item("paragraph", _paragraphs(doc.intro)))
    items += [item("general_goal", goal) for goal in doc.general_goals]
    items += [item("action_goal", goal) for goal in doc.action_goals]
    for heading, paragraphs in doc.sections:
        if heading:
            items.append(item("heading", heading))
        if any(p.strip() for p in paragraphs):
            items.append(item("paragraph", _paragraphs(paragraphs)))
    return StreamValue(stream_block, items)


def body_blocks(doc: ParsedDocument) -> list[dict]:
    """The body as stored: every block and list item gets its id (wagtail-localize keeps each
    translation in its place by these ids)."""
    value = body_value(doc)
    return value.stream_block.get_prep_value(value)


def page_fields(text: str, filename: str = "", kind: str = ""):
    """The fields of a PublicationPage built from one document in the Centre's text form, read
    as ``kind`` when it is given and as the kind detected otherwise."""
    return fields_of(parse(text, filename=filename, kind=kind))


def fields_of(doc: ParsedDocument):
    """The fields of a PublicationPage built from a parsed document."""
    if doc.kind not in KINDS:
        raise ValueError(f"not a plan or report this importer knows: {doc.kind}")
    period = str(doc.year_start)
    if doc.year_end != doc.year_start:
        period = f"{doc.year_start}-{doc.year_end}"
    return {
        "title": doc.title,
        "slug": f"{SLUG_PREFIX[doc.kind]}-{period}",
        "kind": KINDS[doc.kind],
        "year_start": doc.year_start,
        "year_end": doc.year_end,
        "adopted": doc.adopted,
        "summary": doc.summary,
        "body": json.dumps(body_blocks(doc), ensure_ascii=False),
    }
