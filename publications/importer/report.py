"""Work reports and other narrative pages: headed sections of paragraphs, without the site
chrome (the help box, "follow us") that the web extraction drags along."""

import re

from .lines import BULLET, TERMINAL, Line
from .text import join, sentence_case

_CHROME = re.compile(
    r"^(?:[•·]\s*)?(?:Потребна ти је помоћ|Potrebna ti je pomoć|Пратите нас|Pratite nas"
    r"|Детаљно упутство за жртве|Detaljno uputstvo za žrtve|Шта радити\?|Šta raditi\?"
    r"|Коме се обратити\?|Kome se obratiti\?|Најкраћи пут до помоћи\?|Najkraći put do pomoći\?)",
    re.I,
)


def parse_narrative(lines: list[Line]) -> list[tuple[str, list[str]]]:
    """Headed sections of blank-line separated paragraphs of a narrative page."""
    cut = next((i for i, ln in enumerate(lines) if _CHROME.match(ln.text)), len(lines))
    lines = lines[:cut]  # everything from the help box on is site chrome

    blocks: list[list[str]] = []
    cur: list[str] = []
    for ln in lines:
        if not ln.text:
            if cur:
                blocks.append(cur)
                cur = []
            continue
        bm = BULLET.match(ln.text)
        if bm or (cur and cur[-1].rstrip()[-1:] in TERMINAL):
            if cur:
                blocks.append(cur)
            cur = ["• " + bm.group(1)] if bm else [ln.text]
        else:
            cur.append(ln.text)
    if cur:
        blocks.append(cur)
    paragraphs = [p for p in (join(b) for b in blocks) if p]

    sections: list[tuple[str, list[str]]] = []
    heading = ""
    body: list[str] = []
    for i, par in enumerate(paragraphs):
        is_heading = (
            len(par) <= 90
            and par[-1:] not in TERMINAL + ",…"
            and not par.startswith("•")
            and i + 1 < len(paragraphs)
        )
        if is_heading:
            if body or heading:
                sections.append((heading, body))
            heading, body = sentence_case(par), []
        else:
            body.append(par)
    if body or heading:
        sections.append((heading, body))
    return sections


def parse_report(lines: list[Line]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Returns (intro, sections): the untitled opening paragraph is the report's introduction."""
    narrative = parse_narrative(lines)
    intro: list[str] = []
    if narrative and narrative[0][0] == "" and narrative[0][1]:
        intro = narrative[0][1][:1]
        rest = narrative[0][1][1:]
        narrative = ([("", rest)] if rest else []) + narrative[1:]
    return intro, narrative
