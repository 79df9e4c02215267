"""Turns a parsed plan or report into the fields of a PublicationPage (raw StreamField JSON)."""

import json
import uuid
from html import escape

from .document import ParsedDocument
from .parse import parse

KINDS = {"work_plan": "work_plan", "work_report": "work_report", "action_plan": "action_plan"}
SLUG_PREFIX = {"work_plan": "work-plan", "work_report": "work-report", "action_plan": "action-plan"}


def _id():
    return str(uuid.uuid4())


def _block(kind, value):
    return {"type": kind, "value": value, "id": _id()}


def _list(values):
    # ListBlock items carry ids so that translations (wagtail-localize) keep their place.
    return [{"type": "item", "value": value, "id": _id()} for value in values]


def _paragraphs(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())


def _tasks(tasks):
    return _list([{"text": t.text, "items": _list(t.items)} for t in tasks])


def _indicators(indicators):
    return _list([{"text": i.text, "target": i.target or ""} for i in indicators])


def body_blocks(doc: ParsedDocument):
    blocks = []
    if doc.intro:
        blocks.append(_block("paragraph", _paragraphs(doc.intro)))
    for goal in doc.general_goals:
        specific = [
            {
                "number": s.number,
                "title": s.title,
                "tasks": _tasks(s.tasks),
                "indicators": _indicators(s.indicators),
                "outcomes": _list(s.outcomes),
            }
            for s in goal.specific_goals
        ]
        blocks.append(
            _block(
                "general_goal",
                {
                    "number": goal.number,
                    "title": goal.title,
                    "description": goal.description,
                    "tasks": _tasks(goal.tasks),
                    "indicators": _indicators(goal.indicators),
                    "specific_goals": _list(specific),
                },
            )
        )
    for goal in doc.action_goals:
        rows = [
            {
                "activity": r.activity,
                "tasks": _list(r.tasks),
                "responsible": r.responsible,
                "partners": r.partners,
                "indicators": r.indicators,
                "deadline": r.deadline,
                "resources": r.resources,
                "risks": r.risks,
            }
            for r in goal.rows
        ]
        blocks.append(
            _block("action_goal", {"number": goal.number, "title": goal.title, "rows": _list(rows)})
        )
    for heading, paragraphs in doc.sections:
        if heading:
            blocks.append(_block("heading", heading))
        if any(p.strip() for p in paragraphs):
            blocks.append(_block("paragraph", _paragraphs(paragraphs)))
    return blocks


def page_fields(text: str, filename: str = ""):
    """The fields of a PublicationPage built from one document in the Centre's text form."""
    doc = parse(text, filename=filename)
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
