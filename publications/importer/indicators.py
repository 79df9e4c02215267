"""Success indicators of a plan, each with the numeric target written in it ("130", "65 %")."""

import re

from .document import Indicator
from .text import join

_MONTH = (
    r"(?:јан|феб|мар|апр|мај|јун|јул|авг|сеп|окт|нов|дец"
    r"|jan|feb|mar|apr|maj|jun|jul|avg|sep|okt|nov|dec)"
)
_AT_LEAST_WORD = r"(?:најмање|najmanje|минимум|minimum|до|do)"
_DASH_TARGET = re.compile(
    rf"(?:^|\s)[-–—]\s*(?:{_AT_LEAST_WORD}\s+)?(\d+(?:[.,]\d+)?)\s*(%)?(?![\d.,])(?!\s*{_MONTH})",
    re.I,
)
_AT_LEAST = re.compile(r"\b(?:најмање|najmanje|минимум|minimum)\s+(\d+)\s*(%)?(?!\d)", re.I)
_BARE = re.compile(rf"(?<![\w.,/-])(\d+)\s*(%)?(?![\w.,/-])(?!\s*{_MONTH})", re.I)


def _target(text: str) -> str | None:
    hits = list(_DASH_TARGET.finditer(text))
    m = hits[-1] if hits else _AT_LEAST.search(text)
    if m is None:
        for cand in _BARE.finditer(text):
            n = cand.group(1)
            if len(n) == 4 and n[:2] in ("19", "20"):
                continue  # a year, not a target
            m = cand
            break
    if m is None:
        return None
    return m.group(1) + (" %" if m.group(2) else "")


def _has_own_target(part: str) -> bool:
    if _DASH_TARGET.search(part) or _AT_LEAST.search(part):
        return True
    return not part[:1].isdigit() and _BARE.search(part) is not None


def _tidy_indicator(s: str) -> str:
    # "интервенција -11" / "– најмање 23": one spaced dash before the target.
    s = re.sub(rf"(?<=\S)\s+[-–—]\s*(?=(?:{_AT_LEAST_WORD}\s+)?\d)", " – ", s, flags=re.I)
    s = re.sub(r"\(\s+", "(", s)
    return s.strip()


def read_indicators(raw_items: list[list[str]]) -> list[Indicator]:
    out: list[Indicator] = []
    for raw in raw_items:
        text = join(raw)
        if not text:
            continue
        parts = [p.strip() for p in re.split(r",\s*(?=\D)", text) if p.strip()]
        # One numbered line often packs several measured values ("... -11, проценат ... -65%,
        # ... - 130"); split it only when every comma-separated part carries its own value.
        if len(parts) > 1 and all(_has_own_target(p) for p in parts):
            pieces = [p[:1].upper() + p[1:] for p in parts]
        else:
            pieces = [text]
        for piece in pieces:
            piece = _tidy_indicator(piece)
            out.append(Indicator(text=piece, target=_target(piece)))
    return out
