"""The source as lines: rules, page numbers and footnote text blanked, and the line markers
(keywords, bullets, sentence ends) every kind of document shares."""

import re
from dataclasses import dataclass

from .text import CYR_LOW, UP, normalise


@dataclass
class Line:
    text: str  # stripped; "" for a blank line
    indented: bool
    raw: str


_FOOTNOTE_MARK = re.compile(rf"[{CYR_LOW}](\d{{1,2}})[{CYR_LOW}]")


def split_lines(text: str) -> list[Line]:
    raw_text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Footnote numbers glued into words tell which leading digits start footnote text.
    footnotes = set(_FOOTNOTE_MARK.findall(raw_text))
    out: list[Line] = []
    for raw in normalise(text).split("\n"):
        stripped = raw.strip()
        if re.fullmatch(r"[_\-–—.…\s]+", stripped or "x"):
            stripped = ""  # rules and signature lines
        elif re.fullmatch(r"\d{1,3}", stripped):
            stripped = ""  # page numbers
        else:
            fm = re.match(rf"(\d{{1,2}})[{UP}]", stripped)
            if fm and fm.group(1) in footnotes and len(stripped) < 200:
                stripped = ""  # footnote text, e.g. "1У даљем тексту: Центар"
        out.append(Line(stripped, bool(raw[:1].isspace()) and bool(stripped), raw))
    return out


def kw(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


BULLET = re.compile(r"^(?:[·•▪■◦●‣∙*]|o(?=\s+[" + UP + r"])|[-–](?=\s))\s*(.*)$")
TERMINAL = ".!?:;"
