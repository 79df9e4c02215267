"""The head of a document: its title, the years it covers and the date it was adopted."""

import datetime
import re

from .lines import Line
from .text import fix_title

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def take_title(lines: list[Line]) -> tuple[str, int]:
    """Leading short lines up to the one naming the year form the title."""
    picked: list[str] = []
    for idx, ln in enumerate(lines):
        if not ln.text:
            continue
        if len(ln.text) > 160 or len(picked) >= 5:
            break
        picked.append(ln.text)
        if _YEAR.search(ln.text):
            return fix_title(" ".join(picked)), idx + 1
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None:
        return "", len(lines)
    return fix_title(lines[first].text), first + 1


def years_covered(title: str, lines: list[Line]) -> tuple[int, int]:
    years = [int(y) for y in _YEAR.findall(title)]
    if not years:
        for ln in lines[:15]:
            years += [int(y) for y in _YEAR.findall(ln.text)]
            if years:
                break
    if not years:
        return 0, 0
    return min(years), max(years)


_ADOPTED = re.compile(r"\b(?:дана|dana)\s+(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})")


def adoption_date(text: str) -> datetime.date | None:
    m = _ADOPTED.search(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
