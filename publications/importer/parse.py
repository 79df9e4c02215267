"""Parse plain-text extractions of the Centre's plans and reports into structured data.

The input is text pulled out of PDFs and web pages: lines are broken mid-sentence, tables
are flattened into runs of lines, footnote markers stick to words and Latin look-alike
letters hide inside Cyrillic words. The package recovers the structure the site needs
(work plans, work reports, the national action plan) with the standard library only, so
it can run outside Django and be tested on the raw seed files. This module is the entry
point: it tells the kind of document and hands its body to the parser of that kind.
"""

from .action_plan import parse_action_plan
from .document import ActionGoal, GeneralGoal, ParsedDocument
from .kind import detect_kind
from .lines import split_lines
from .report import parse_report
from .text import normalise, summary
from .title import adoption_date, take_title, years_covered
from .work_plan import parse_work_plan

KINDS = ("work_plan", "work_report", "action_plan")


def detected_kind(text: str) -> str:
    """The kind ``parse`` reads ``text`` as when nobody chooses one."""
    lines = split_lines(text)
    title, after = take_title(lines)
    return detect_kind(title, lines[after:])


def parse(text: str, *, filename: str = "", kind: str = "") -> ParsedDocument:
    """Parse one extracted document. The format comes from the content, unless ``kind`` (one of
    KINDS: an editor's choice in the admin import) says which parser reads it; ``filename`` is
    accepted for callers' logging and does not influence the result."""
    del filename  # deliberately unused: detection must not depend on names
    if kind and kind not in KINDS:
        raise ValueError(f"not a kind of document the parser reads: {kind}")
    lines = split_lines(text)
    title, after = take_title(lines)
    body = lines[after:]
    kind = kind or detect_kind(title, body)
    year_start, year_end = years_covered(title, lines)
    adopted = adoption_date(normalise(text))

    intro: list[str] = []
    general_goals: list[GeneralGoal] = []
    action_goals: list[ActionGoal] = []
    sections: list[tuple[str, list[str]]] = []

    if kind == "work_plan":
        intro, general_goals, extra = parse_work_plan(body)
        if extra:
            sections.append(("", extra))
    elif kind == "action_plan":
        action_goals, extra = parse_action_plan(body)
        if extra:
            sections.append(("", extra))
    else:
        intro, sections = parse_report(body)

    fallback = title if title.endswith(".") or not title else title + "."
    return ParsedDocument(
        kind=kind,
        title=title,
        year_start=year_start,
        year_end=year_end,
        adopted=adopted,
        summary=summary(intro, fallback),
        intro=intro,
        general_goals=general_goals,
        action_goals=action_goals,
        sections=sections,
    )
