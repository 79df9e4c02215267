"""Parse plain-text extractions of the Centre's plans and reports into structured data.

The input is text pulled out of PDFs and web pages: lines are broken mid-sentence, tables
are flattened into runs of lines, footnote markers stick to words and Latin look-alike
letters hide inside Cyrillic words. This module recovers the structure the site needs
(work plans, work reports, the national action plan) with the standard library only, so
it can run outside Django and be tested on the raw seed files.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

__all__ = [
    "ActionGoal",
    "ActionRow",
    "GeneralGoal",
    "Indicator",
    "ParsedDocument",
    "SpecificGoal",
    "Task",
    "parse",
]


# --------------------------------------------------------------------------- data model


@dataclass
class Indicator:
    text: str
    target: str | None  # numeric target as written ("130", "65 %"), None when there is none


@dataclass
class Task:
    text: str
    items: list[str] = field(default_factory=list)


@dataclass
class SpecificGoal:
    number: str
    title: str
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)


@dataclass
class GeneralGoal:
    number: str
    title: str
    specific_goals: list[SpecificGoal] = field(default_factory=list)
    # Extras with defaults: some general goals (2021, goal III) carry a description, tasks
    # and indicators directly, without any specific goal in between.
    description: str = ""
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class ActionRow:
    activity: str
    tasks: list[str] = field(default_factory=list)
    responsible: str = ""
    partners: str = ""
    indicators: str = ""
    deadline: str = ""
    resources: str = ""
    risks: str = ""


@dataclass
class ActionGoal:
    number: str
    title: str
    rows: list[ActionRow] = field(default_factory=list)


@dataclass
class ParsedDocument:
    kind: str  # "work_plan" | "work_report" | "action_plan"
    title: str
    year_start: int
    year_end: int
    adopted: datetime.date | None
    summary: str
    intro: list[str] = field(default_factory=list)
    general_goals: list[GeneralGoal] = field(default_factory=list)
    action_goals: list[ActionGoal] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)


# --------------------------------------------------------------------------- characters

_UP = "A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ"
_LOW = "a-zčćžšđа-яђјљњћџ"
_CYR_LOW = "а-яђјљњћџ"
_UPPER_START = re.compile(rf"[„\"(«]?[{_UP}]")

# Latin and Cyrillic letters that look the same; PDFs mix them inside one word.
_LAT_TO_CYR = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "J": "Ј", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    "a": "а", "c": "с", "e": "е", "j": "ј", "o": "о", "p": "р", "x": "х", "y": "у",
}  # fmt: skip
_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def _number_value(s: str) -> int | None:
    s = s.strip().rstrip(".")
    return int(s) if s.isdigit() else _roman_to_int(s)


# --------------------------------------------------------------------------- normalisation


def _majority_cyrillic(text: str) -> bool:
    cyr = sum(1 for c in text if _is_cyr(c))
    lat = sum(1 for c in text if c.isascii() and c.isalpha())
    return cyr >= lat


def _fix_mixed_words(text: str, cyrillic: bool) -> str:
    """Replace look-alike letters of the minority script inside mixed-script words."""
    table = _LAT_TO_CYR if cyrillic else _CYR_TO_LAT

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        has_cyr = any(_is_cyr(c) for c in word)
        has_lat = any(c.isascii() and c.isalpha() for c in word)
        if not (has_cyr and has_lat):
            return word
        foreign = [c for c in word if (c.isascii() and c.isalpha() if cyrillic else _is_cyr(c))]
        # Only a word whose foreign letters all have a twin is an artefact; "ОЕБС-ову"
        # style hybrids with real foreign letters are left alone.
        if all(c in table for c in foreign):
            return "".join(table.get(c, c) for c in word)
        return word

    return re.sub(r"[^\W\d_]+", fix, text)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\u00ad", "")
    text = re.sub(r"[\u00a0\u2007\u202f\t\f\v]", " ", text)
    # Symbol-font bullets land in the Private Use Area.
    text = re.sub(r"[\ue000-\uf8ff]", "•", text)
    # Stray backticks are keyboard slips in the source documents.
    text = text.replace("`", "")
    text = _fix_mixed_words(text, _majority_cyrillic(text))
    # A footnote number glued between two Cyrillic words ("људима1је").
    text = re.sub(rf"(?<=[{_CYR_LOW}])\d{{1,2}}(?=[{_CYR_LOW}])", " ", text)
    return text


def _clean(s: str) -> str:
    """Whitespace and punctuation spacing of one paragraph."""
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"([(„«])\s+", r"\1", s)
    s = re.sub(r"\s+([)“»])", r"\1", s)
    s = re.sub(r"\s+([,;!?])", r"\1", s)
    s = re.sub(r"(?<=[^\W_])([,;])(?=[^\W\d_])", r"\1 ", s)
    s = re.sub(r"(?<=[^\W\d_])(:)(?=[^\W\d_])", r"\1 ", s)
    return s


def _join(lines: list[str]) -> str:
    """Join lines broken inside a sentence; undo a hyphenation split across lines."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if (
            len(out) > 1
            and out[-1] in "-–"
            and out[-2].isalpha()
            and line[0].isalpha()
            and line[0].islower()
        ):
            out = out[:-1] + line
        elif out:
            out += " " + line
        else:
            out = line
    return _clean(out)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 3:
        return False
    return sum(1 for c in letters if c.isupper()) / len(letters) >= 0.9


_PROPER = re.compile(
    r"центар|центра|центру|центром|centar|centra|centru|centrom"
    r"|стратегиј\w*|strategij\w*|републик\w*|republik\w*"
    r"|србиј\w*|srbij\w*"
)


def _sentence_case(s: str) -> str:
    """Mostly-CAPS heading -> sentence case, keeping the names the documents capitalise."""
    words = re.findall(r"[^\W\d_]+", s)
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    if not words or len(caps) * 2 < len(words):
        return s
    cyrillic = any(_is_cyr(c) for c in s)

    def lower_caps(m: re.Match[str]) -> str:
        w = m.group(0)
        if not w.isupper():
            return w
        if set(w) <= set("IVXLC") and (len(w) > 1 or cyrillic):
            return w  # Roman numeral; a lone Latin "I" is the conjunction "i"
        low = w.lower()
        return low[0].upper() + low[1:] if _PROPER.fullmatch(low) else low

    return _capitalise(re.sub(r"[^\W\d_]+", lower_caps, s))


def _capitalise(s: str) -> str:
    for i, c in enumerate(s):
        if c.isalpha():
            return s[:i] + c.upper() + s[i + 1 :]
    return s


def _fix_title(s: str) -> str:
    s = _sentence_case(_clean(s))
    # "за 2021 годину" -> "за 2021. годину": Serbian ordinal dot after a year.
    return re.sub(r"\b((?:19|20)\d{2})(?!\.)(\s+(?:годин|godin))", r"\1.\2", s, flags=re.I)


_SENT_END = re.compile(rf"(?<=[.!?…])\s+(?=[„\"(]?[{_UP}])")


def _sentences(par: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(par):
        before = par[start : m.start()]
        last_word = re.search(r"(\S+)[.!?…]$", before)
        word = last_word.group(1) if last_word else ""
        # "члана 9. Статута", "Њ. К. В." - a number or initial is not a sentence end.
        if word and (word[-1].isdigit() or (len(word) <= 1 and word.isalpha())):
            continue
        out.append(before.strip())
        start = m.end()
    tail = par[start:].strip()
    if tail:
        out.append(tail)
    return out


def _summary(paragraphs: list[str], fallback: str) -> str:
    for par in paragraphs:
        if par.startswith("•") or len(par) < 40:
            continue
        chosen: list[str] = []
        for sent in _sentences(par):
            if chosen and (len(chosen) >= 3 or len(" ".join(chosen)) + len(sent) > 400):
                break
            chosen.append(sent)
        return " ".join(chosen)
    return fallback


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    text: str  # stripped; "" for a blank line
    indented: bool
    raw: str


_FOOTNOTE_MARK = re.compile(rf"[{_CYR_LOW}](\d{{1,2}})[{_CYR_LOW}]")


def _lines(text: str) -> list[_Line]:
    raw_text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Footnote numbers glued into words tell which leading digits start footnote text.
    footnotes = set(_FOOTNOTE_MARK.findall(raw_text))
    out: list[_Line] = []
    for raw in _normalise(text).split("\n"):
        stripped = raw.strip()
        if re.fullmatch(r"[_\-–—.…\s]+", stripped or "x"):
            stripped = ""  # rules and signature lines
        elif re.fullmatch(r"\d{1,3}", stripped):
            stripped = ""  # page numbers
        else:
            fm = re.match(rf"(\d{{1,2}})[{_UP}]", stripped)
            if fm and fm.group(1) in footnotes and len(stripped) < 200:
                stripped = ""  # footnote text, e.g. "1У даљем тексту: Центар"
        out.append(_Line(stripped, bool(raw[:1].isspace()) and bool(stripped), raw))
    return out


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _take_title(lines: list[_Line]) -> tuple[str, int]:
    """Leading short lines up to the one naming the year form the title."""
    picked: list[str] = []
    for idx, ln in enumerate(lines):
        if not ln.text:
            continue
        if len(ln.text) > 160 or len(picked) >= 5:
            break
        picked.append(ln.text)
        if _YEAR.search(ln.text):
            return _fix_title(" ".join(picked)), idx + 1
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None:
        return "", len(lines)
    return _fix_title(lines[first].text), first + 1


def _years(title: str, lines: list[_Line]) -> tuple[int, int]:
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


def _adopted(text: str) -> datetime.date | None:
    m = _ADOPTED.search(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# --------------------------------------------------------------------------- format detection


def _kw(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_AP_GOAL = re.compile(r"^\s*" + _kw("Cilj", "Циљ") + r"\s+(\d+)\s*[:.]\s*(.*)$", re.I)
_AP_HEADER = re.compile(r"^\s*" + _kw("RIZICI", "РИЗИЦИ", "RESURSI", "РЕСУРСИ") + r"\s*$")
_GG = re.compile(
    r"^"
    + _kw("ОПШТИ", "OPŠTI", "OPSTI")
    + r"\s+"
    + _kw("ЦИЉ", "CILJ")
    + r"\s+([IVX]+|\d+)\.?\s*:?\s*(.*)$",
    re.I,
)


def _detect_kind(title: str, lines: list[_Line]) -> str:
    texts = [ln.text for ln in lines]
    if re.match(r"akcioni\s+plan|акциони\s+план", title, re.I) or (
        any(_AP_GOAL.match(t) for t in texts) and any(_AP_HEADER.match(t) for t in texts)
    ):
        return "action_plan"
    if any(_GG.match(t) for t in texts):
        return "work_plan"
    if re.match(r"(план|plan)\s+(рада|rada)", title, re.I):
        return "work_plan"
    return "work_report"


# --------------------------------------------------------------------------- work plans

_SG_DOTTED = re.compile(
    r"^" + _kw("Специфични", "Specifični", "Specificni") + r"\s+" + _kw("циљ", "cilj")
    + r"\s+(\d+\.\d+)\.?\s*:?\s*(.*)$",
    re.I,
)  # fmt: skip
_SG_ROMAN = re.compile(
    r"^" + _kw("Појединачни", "Pojedinačni", "Pojedinacni") + r"\s+" + _kw("циљ", "cilj")
    + r"\s+([IVX]+|\d+)\.?\s*:?\s*(.*)$",
    re.I,
)  # fmt: skip
_TASK = re.compile(
    r"^" + _kw("Задатак", "Zadatak", "Активност", "Aktivnost") + r"\s*(\d+)\s*[:.]?\s*(.*)$", re.I
)
_TASKS_HEADER = re.compile(
    r"^" + _kw("Активност[и]?", "Aktivnost[i]?", "Задаци", "Zadaci") + r"\s*:?\s*$", re.I
)
_OUTCOMES_HEADER = re.compile(r"^" + _kw("Исходи", "Ishodi") + r"\s*:?\s*$", re.I)
_OUTCOME = re.compile(r"^" + _kw("Исход", "Ishod") + r"\s*(\d+)\s*[:.]\s*(.*)$", re.I)
# "Индикатори успешности ..." (the source also misspells it "УСПШЕНОСТИ", "УСЕШНОСТИ").
_IND_HEADER = re.compile(r"^" + _kw("Индикатори", "Indikatori") + r"\s+(?:ус|us)\w*(.*)$", re.I)
_IND_GOAL = re.compile(_kw("циља", "cilja", "циљ", "cilj") + r"\s+([IVX]+|\d+)\s*$", re.I)
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")
_BULLET = re.compile(r"^(?:[·•▪■◦●‣∙*]|o(?=\s+[" + _UP + r"])|[-–](?=\s))\s*(.*)$")
_DATELINE = re.compile(
    rf"^[{_UP}][{_LOW}]+,\s+(?:\d{{1,2}}\.\s*)?[{_LOW}{_UP}]+\.?\s+(?:19|20)\d{{2}}\.?"
    rf"(?:\s*(?:године|godine))?\.?$"
)
_SIGNATURE = re.compile(r"^(?:У|U)\s+\S+,\s+(?:дана|dana)\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{4}")
_TERMINAL = ".!?:;"


class _TaskB:
    def __init__(self, first: str) -> None:
        self.text: list[str] = [first] if first else []
        self.items: list[list[str]] = []


class _SGB:
    def __init__(self, number: str, first: str) -> None:
        self.number = number
        self.title: list[str] = [first] if first else []
        self.tasks: list[_TaskB] = []
        self.indicators: list[list[str]] = []
        self.outcomes: list[list[str]] = []


class _GGB:
    def __init__(self, number: str, first: str) -> None:
        self.number = number
        self.head: list[str] = [first] if first else []
        self.sgs: list[_SGB] = []
        self.tasks: list[_TaskB] = []
        self.indicators: list[list[str]] = []


def _parse_work_plan(lines: list[_Line]) -> tuple[list[str], list[GeneralGoal], list[str]]:
    """Returns (intro paragraphs, general goals, leftover paragraphs)."""
    intro: list[list[str]] = []  # each: lines of one paragraph; bullets start with "• "
    extra: list[str] = []
    ggs: list[_GGB] = []
    gg: _GGB | None = None
    sg: _SGB | None = None
    task: _TaskB | None = None
    cursor: list[str] | None = None
    region = "intro"
    ind_target: _SGB | _GGB | None = None
    in_tail = False
    signature: list[str] = []

    def current_gg() -> _GGB:
        nonlocal gg
        if gg is None:
            gg = _GGB("", "")
            ggs.append(gg)
        return gg

    for ln in lines:
        t = ln.text
        if not t:
            continue
        if _SIGNATURE.match(t) or in_tail:
            # Closing block: place and date, then the signatory laid out in a side column.
            for seg in re.split(r"\s{3,}", ln.raw.strip()):
                if _SIGNATURE.match(seg):
                    extra.append(_clean(seg))
                elif seg.strip():
                    signature.append(seg)
            in_tail = True
            continue

        m = _IND_HEADER.match(t)
        if m and region != "intro":
            region = "indicators"
            gm = _IND_GOAL.search(m.group(1))
            if gm:
                want = _number_value(gm.group(1))
                found = next((g for g in ggs if _number_value(g.number) == want), None)
                if found is None:
                    found = _GGB(gm.group(1), "")
                    ggs.append(found)
                ind_target = gg = found
            cursor = None
            continue

        m = _GG.match(t)
        if m:
            region = "goals"
            gg = _GGB(m.group(1).upper(), m.group(2))
            ggs.append(gg)
            sg = task = None
            cursor = gg.head
            continue

        m = _SG_DOTTED.match(t) or _SG_ROMAN.match(t)
        if m and region != "intro":
            number = m.group(1)
            if m.re is _SG_ROMAN:
                g = current_gg()
                number = f"{_number_value(g.number) or len(ggs)}.{_number_value(number)}"
            if region == "indicators":
                found_sg = next((s for g in ggs for s in g.sgs if s.number == number), None)
                if found_sg is None:
                    found_sg = _SGB(number, m.group(2))
                    current_gg().sgs.append(found_sg)
                ind_target = found_sg
                cursor = None
                continue
            sg = _SGB(number, m.group(2))
            current_gg().sgs.append(sg)
            task = None
            cursor = sg.title
            continue

        if region == "goals" and _TASKS_HEADER.match(t):
            cursor = None
            continue
        m = _TASK.match(t)
        if m and region == "goals":
            task = _TaskB(m.group(2))
            (sg.tasks if sg is not None else current_gg().tasks).append(task)
            cursor = task.text
            continue
        if region == "goals" and _OUTCOMES_HEADER.match(t):
            task = None
            cursor = None
            continue
        m = _OUTCOME.match(t)
        if m and region == "goals" and sg is not None:
            task = None
            sg.outcomes.append([m.group(2)])
            cursor = sg.outcomes[-1]
            continue

        if region == "indicators":
            m = _NUMBERED.match(t)
            target = ind_target if ind_target is not None else current_gg()
            if m:
                target.indicators.append([m.group(2)])
                cursor = target.indicators[-1]
                continue
            if cursor is None:
                target.indicators.append([t])
                cursor = target.indicators[-1]
            else:
                cursor.append(t)
            continue

        if region == "intro":
            if _NUMBERED.match(t) and _is_caps(t):
                continue  # "1. УВОД": the intro's own heading
            if _DATELINE.match(t):
                extra.append(_clean(t))
                continue
            bm = _BULLET.match(t)
            is_bullet = bool(bm) or (ln.indented and _UPPER_START.match(t) is not None)
            body = bm.group(1) if bm else t
            prev = intro[-1][-1] if intro else ""
            if is_bullet:
                intro.append(["• " + body])
            elif not intro or prev.rstrip()[-1:] in _TERMINAL:
                intro.append([t])
            else:
                intro[-1].append(t)
            continue

        # Goal region, no marker: a sub-item of the open task, or a continuation line.
        bm = _BULLET.match(t)
        if bm and task is not None:
            task.items.append([bm.group(1)])
            cursor = task.items[-1]
            continue
        if cursor is not None:
            cursor.append(t)
        else:
            extra.append(_clean(t))

    if signature:
        extra.append(_join(signature))
    goals = [_finish_gg(g) for g in ggs]
    return [_join(p) for p in intro], goals, [p for p in extra if p]


def _text(lines: list[str]) -> str:
    return _capitalise(_join(lines))


def _finish_task(tb: _TaskB) -> Task:
    return Task(_text(tb.text), [_text(i) for i in tb.items if _join(i)])


def _finish_gg(g: _GGB) -> GeneralGoal:
    head = [h for h in g.head if h.strip()]
    if head and _is_caps(head[0]):
        n = 0
        while n < len(head) and _is_caps(head[n]):
            n += 1
        title, desc = head[:n], head[n:]
    else:
        title, desc = head, []
    sgs = [
        SpecificGoal(
            number=s.number,
            title=_text(s.title),
            tasks=[_finish_task(t) for t in s.tasks],
            indicators=_indicators(s.indicators),
            outcomes=[_text(o) for o in s.outcomes if _join(o)],
        )
        for s in g.sgs
    ]
    return GeneralGoal(
        number=g.number,
        title=_sentence_case(_text(title)),
        specific_goals=sgs,
        description=_text(desc),
        tasks=[_finish_task(t) for t in g.tasks],
        indicators=_indicators(g.indicators),
    )


# --------------------------------------------------------------------------- indicators

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


def _indicators(raw_items: list[list[str]]) -> list[Indicator]:
    out: list[Indicator] = []
    for raw in raw_items:
        text = _join(raw)
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


# --------------------------------------------------------------------------- action plan

_AP_MARK = re.compile(
    rf"(?<![\d.])(?P<nums>\d{{1,2}}(?:\s*\.?\s*(?:,|\bi\b|\bи\b)\s*\d{{1,2}})*)\s*\.(?!\d)\s*(?=[{_UP}])"
)
_DEADLINE = re.compile(
    r"kontinuiran|kvartal|polugodi|do\s*kraja|tokom|континуиран|квартал|полугоди|до\s*краја|током"
    r"|(?<!\d)(?:19|20)\d{2}(?!\d)",
    re.I,
)
_RISK_START = re.compile(
    r"^(?:nizak|niska|nedostat|nedovolj|preoptere|optere[cć]en|stepen\s+prioriteta|razli[cč]it"
    r"|низак|ниска|недостат|недовољ|преоптере|оптерећен|степен\s+приоритета|различит|rizik|ризик)",
    re.I,
)


def _nums(s: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", s)]


def _split_marked(line: str, last: int) -> tuple[list[tuple[str, str]], int]:
    """Split one flattened table line into numbered items, trusting only plausible numbers."""
    items: list[tuple[str, str]] = []
    cuts: list[tuple[int, int, str]] = []
    for m in _AP_MARK.finditer(line):
        nums = _nums(m.group("nums"))
        at_start = m.start() == 0
        if at_start or nums[0] in (last, last + 1):
            cuts.append((m.start(), m.end(), m.group("nums")))
            last = nums[-1]
    if not cuts or cuts[0][0] != 0:
        head_end = cuts[0][0] if cuts else len(line)
        items.append(("", line[:head_end]))
    for i, (_, end, nums_s) in enumerate(cuts):
        nxt = cuts[i + 1][0] if i + 1 < len(cuts) else len(line)
        label = re.sub(r"\s+", " ", nums_s).replace(" .", ".")
        label = re.sub(r"\.\s*(?=i\b|и\b)", ". ", label)
        items.append((label, line[end:nxt]))
    return items, last


def _starts_list(line: str) -> bool:
    m = _AP_MARK.match(line)
    return bool(m) and _nums(m.group("nums"))[0] == 1


def _join_resources(lines: list[str], tasks: list[str]) -> str:
    """Resource cells repeat each task's name before its costs; keep one entry per line
    of the cell, gluing back only lines that were cut mid-entry."""
    heads = [re.sub(r"\W+", "", t.lower())[:25] for t in tasks if len(t) > 10]
    out: list[str] = []
    for line in lines:
        line = _clean(line)
        key = re.sub(r"\W+", "", line.lower())
        names_task = any(h and key.startswith(h) for h in heads)
        if out and not names_task and (out[-1][-1:] in "-–" or line[:1].islower()):
            out[-1] = _join([out[-1], line])
        else:
            out.append(line)
    return "\n".join(out)


class _RowB:
    def __init__(self, activity: str) -> None:
        self.activity = activity
        self.lists: list[list[list[str]]] = []  # list -> item -> [label, text, more text...]
        self.deadline: list[str] = []
        self.rest: list[str] = []


def _finish_row(rb: _RowB) -> ActionRow:
    def items(n: int) -> list[tuple[str, str]]:
        lists = rb.lists[n:] if n == 2 else rb.lists[n : n + 1]
        return [(it[0], _join(it[1:])) for lst in lists for it in lst if _join(it[1:])]

    def render(pairs: list[tuple[str, str]]) -> str:
        return "\n".join(f"{label}. {text}" if label else text for label, text in pairs)

    risk_at = next((i for i, ln in enumerate(rb.rest) if _RISK_START.match(ln)), len(rb.rest))
    tasks = [text for _, text in items(0)]
    deadline = _join(rb.deadline)
    deadline = re.sub(
        r"^(Kontinuirano|Континуирано)\s*(do|до)\s*(kraja|краја)", r"\1 \2 \3", deadline
    )
    return ActionRow(
        activity=_join([rb.activity]),
        tasks=tasks,
        responsible=render(items(1)),
        partners="",
        indicators=render(items(2)),
        deadline=deadline,
        resources=_join_resources(rb.rest[:risk_at], tasks),
        risks=_join(rb.rest[risk_at:]),
    )


def _parse_action_plan(lines: list[_Line]) -> tuple[list[ActionGoal], list[str]]:
    texts = [ln.text for ln in lines if ln.text]
    goals: list[tuple[str, str, list[str]]] = []
    extra: list[str] = []
    for t in texts:
        m = _AP_GOAL.match(t)
        if m:
            goals.append((m.group(1), m.group(2), []))
        elif goals:
            goals[-1][2].append(t)
        else:
            extra.append(_clean(t))

    result: list[ActionGoal] = []
    for number, title, body in goals:
        # Column headers ("AKTIVNOSTI", "ROKOVI AKTIVNOSTI", ...) repeat under every goal.
        body = [
            b for b in body if not (_is_caps(b) and len(b.split()) <= 5 and not re.search(r"\d", b))
        ]
        rows: list[_RowB] = []
        state = "start"
        last = 0
        for i, line in enumerate(body):
            nxt = body[i + 1] if i + 1 < len(body) else ""
            numbered = _AP_MARK.match(line) is not None
            if state != "lists" and not numbered and _starts_list(nxt):
                rows.append(_RowB(line))
                state, last = "lists", 0
                continue
            if not rows:
                extra.append(_clean(line))
                continue
            row = rows[-1]
            if state == "lists":
                if numbered:
                    if _starts_list(line) or not row.lists:
                        row.lists.append([])
                        last = 0
                    parts, last = _split_marked(line, last)
                    for label, text in parts:
                        if label or not row.lists[-1]:
                            row.lists[-1].append([label, text])
                        else:
                            row.lists[-1][-1].append(text)
                elif _DEADLINE.search(line):
                    row.deadline.append(line)
                    state = "deadline"
                elif row.lists and row.lists[-1]:
                    row.lists[-1][-1].append(line)
                else:
                    row.rest.append(line)
            elif state == "deadline" and line[:1].islower() and len(line.split()) <= 3:
                row.deadline.append(line)
            else:
                state = "rest"
                row.rest.append(line)
        result.append(ActionGoal(number, _join([title]), [_finish_row(r) for r in rows]))
    return result, [e for e in extra if e]


# --------------------------------------------------------------------------- reports

_CHROME = re.compile(
    r"^(?:[•·]\s*)?(?:Потребна ти је помоћ|Potrebna ti je pomoć|Пратите нас|Pratite nas"
    r"|Детаљно упутство за жртве|Detaljno uputstvo za žrtve|Шта радити\?|Šta raditi\?"
    r"|Коме се обратити\?|Kome se obratiti\?|Најкраћи пут до помоћи\?|Najkraći put do pomoći\?)",
    re.I,
)


def _parse_narrative(lines: list[_Line]) -> list[tuple[str, list[str]]]:
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
        bm = _BULLET.match(ln.text)
        if bm or (cur and cur[-1].rstrip()[-1:] in _TERMINAL):
            if cur:
                blocks.append(cur)
            cur = ["• " + bm.group(1)] if bm else [ln.text]
        else:
            cur.append(ln.text)
    if cur:
        blocks.append(cur)
    paragraphs = [p for p in (_join(b) for b in blocks) if p]

    sections: list[tuple[str, list[str]]] = []
    heading = ""
    body: list[str] = []
    for i, par in enumerate(paragraphs):
        is_heading = (
            len(par) <= 90
            and par[-1:] not in _TERMINAL + ",…"
            and not par.startswith("•")
            and i + 1 < len(paragraphs)
        )
        if is_heading:
            if body or heading:
                sections.append((heading, body))
            heading, body = _sentence_case(par), []
        else:
            body.append(par)
    if body or heading:
        sections.append((heading, body))
    return sections


# --------------------------------------------------------------------------- entry point


def parse(text: str, *, filename: str = "") -> ParsedDocument:
    """Parse one extracted document. The format comes from the content; ``filename`` is
    accepted for callers' logging and does not influence the result."""
    del filename  # deliberately unused: detection must not depend on names
    lines = _lines(text)
    title, after = _take_title(lines)
    body = lines[after:]
    kind = _detect_kind(title, body)
    year_start, year_end = _years(title, lines)
    adopted = _adopted(_normalise(text))

    intro: list[str] = []
    general_goals: list[GeneralGoal] = []
    action_goals: list[ActionGoal] = []
    sections: list[tuple[str, list[str]]] = []

    if kind == "work_plan":
        intro, general_goals, extra = _parse_work_plan(body)
        if extra:
            sections.append(("", extra))
    elif kind == "action_plan":
        action_goals, extra = _parse_action_plan(body)
        if extra:
            sections.append(("", extra))
    else:
        narrative = _parse_narrative(body)
        if narrative and narrative[0][0] == "" and narrative[0][1]:
            # The untitled opening paragraph is the report's introduction.
            intro = narrative[0][1][:1]
            rest = narrative[0][1][1:]
            narrative = ([("", rest)] if rest else []) + narrative[1:]
        sections = narrative

    fallback = title if title.endswith(".") or not title else title + "."
    return ParsedDocument(
        kind=kind,
        title=title,
        year_start=year_start,
        year_end=year_end,
        adopted=adopted,
        summary=_summary(intro, fallback),
        intro=intro,
        general_goals=general_goals,
        action_goals=action_goals,
        sections=sections,
    )
