"""Work plans (2021 and 2019 style): the introduction, general and specific goals with their
tasks and outcomes, the success indicators listed per goal, and the closing signature."""

import re

from .document import GeneralGoal
from .kind import GENERAL_GOAL
from .lines import BULLET, TERMINAL, Line, kw
from .plan_goals import GeneralDraft, SpecificDraft, TaskDraft, finish_general
from .text import LOW, UP, UPPER_START, clean, is_caps, join, number_value

_SG_DOTTED = re.compile(
    r"^" + kw("Специфични", "Specifični", "Specificni") + r"\s+" + kw("циљ", "cilj")
    + r"\s+(\d+\.\d+)\.?\s*:?\s*(.*)$",
    re.I,
)  # fmt: skip
_SG_ROMAN = re.compile(
    r"^" + kw("Појединачни", "Pojedinačni", "Pojedinacni") + r"\s+" + kw("циљ", "cilj")
    + r"\s+([IVX]+|\d+)\.?\s*:?\s*(.*)$",
    re.I,
)  # fmt: skip
_TASK = re.compile(
    r"^" + kw("Задатак", "Zadatak", "Активност", "Aktivnost") + r"\s*(\d+)\s*[:.]?\s*(.*)$", re.I
)
_TASKS_HEADER = re.compile(
    r"^" + kw("Активност[и]?", "Aktivnost[i]?", "Задаци", "Zadaci") + r"\s*:?\s*$", re.I
)
_OUTCOMES_HEADER = re.compile(r"^" + kw("Исходи", "Ishodi") + r"\s*:?\s*$", re.I)
_OUTCOME = re.compile(r"^" + kw("Исход", "Ishod") + r"\s*(\d+)\s*[:.]\s*(.*)$", re.I)
# "Индикатори успешности ..." (the source also misspells it "УСПШЕНОСТИ", "УСЕШНОСТИ").
_IND_HEADER = re.compile(r"^" + kw("Индикатори", "Indikatori") + r"\s+(?:ус|us)\w*(.*)$", re.I)
_IND_GOAL = re.compile(kw("циља", "cilja", "циљ", "cilj") + r"\s+([IVX]+|\d+)\s*$", re.I)
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")
_DATELINE = re.compile(
    rf"^[{UP}][{LOW}]+,\s+(?:\d{{1,2}}\.\s*)?[{LOW}{UP}]+\.?\s+(?:19|20)\d{{2}}\.?"
    rf"(?:\s*(?:године|godine))?\.?$"
)
_SIGNATURE = re.compile(r"^(?:У|U)\s+\S+,\s+(?:дана|dana)\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{4}")


class _WorkPlanReader:
    """Reads a work plan line by line. The region says where the reader is ("intro", "goals" or
    an "indicators" section); the cursor is the text a continuation line is added to."""

    def __init__(self) -> None:
        self.intro: list[list[str]] = []  # each: lines of one paragraph; bullets start with "• "
        self.extra: list[str] = []
        self.ggs: list[GeneralDraft] = []
        self.gg: GeneralDraft | None = None
        self.sg: SpecificDraft | None = None
        self.task: TaskDraft | None = None
        self.cursor: list[str] | None = None
        self.region = "intro"
        self.ind_target: SpecificDraft | GeneralDraft | None = None
        self.in_tail = False
        self.signature: list[str] = []

    def current_gg(self) -> GeneralDraft:
        if self.gg is None:
            self.gg = GeneralDraft("", "")
            self.ggs.append(self.gg)
        return self.gg

    def read(self, ln: Line) -> None:
        if not ln.text:
            return
        # The order matters: a marker is looked for before the line is taken as plain text.
        if (
            self._tail(ln)
            or self._indicator_header(ln.text)
            or self._general_goal(ln.text)
            or self._specific_goal(ln.text)
            or self._goal_marker(ln.text)
        ):
            return
        if self.region == "indicators":
            self._indicator_line(ln.text)
        elif self.region == "intro":
            self._intro_line(ln)
        else:
            self._goal_line(ln.text)

    def _tail(self, ln: Line) -> bool:
        """Closing block: place and date, then the signatory laid out in a side column."""
        if not (_SIGNATURE.match(ln.text) or self.in_tail):
            return False
        for seg in re.split(r"\s{3,}", ln.raw.strip()):
            if _SIGNATURE.match(seg):
                self.extra.append(clean(seg))
            elif seg.strip():
                self.signature.append(seg)
        self.in_tail = True
        return True

    def _indicator_header(self, t: str) -> bool:
        m = _IND_HEADER.match(t)
        if not m or self.region == "intro":
            return False
        self.region = "indicators"
        gm = _IND_GOAL.search(m.group(1))
        if gm:
            want = number_value(gm.group(1))
            found = next((g for g in self.ggs if number_value(g.number) == want), None)
            if found is None:
                found = GeneralDraft(gm.group(1), "")
                self.ggs.append(found)
            self.ind_target = self.gg = found
        self.cursor = None
        return True

    def _general_goal(self, t: str) -> bool:
        m = GENERAL_GOAL.match(t)
        if not m:
            return False
        self.region = "goals"
        self.gg = GeneralDraft(m.group(1).upper(), m.group(2))
        self.ggs.append(self.gg)
        self.sg = self.task = None
        self.cursor = self.gg.head
        return True

    def _specific_goal(self, t: str) -> bool:
        m = _SG_DOTTED.match(t) or _SG_ROMAN.match(t)
        if not m or self.region == "intro":
            return False
        number = m.group(1)
        if m.re is _SG_ROMAN:
            g = self.current_gg()
            number = f"{number_value(g.number) or len(self.ggs)}.{number_value(number)}"
        if self.region == "indicators":
            found = next((s for g in self.ggs for s in g.sgs if s.number == number), None)
            if found is None:
                found = SpecificDraft(number, m.group(2))
                self.current_gg().sgs.append(found)
            self.ind_target = found
            self.cursor = None
            return True
        self.sg = SpecificDraft(number, m.group(2))
        self.current_gg().sgs.append(self.sg)
        self.task = None
        self.cursor = self.sg.title
        return True

    def _goal_marker(self, t: str) -> bool:
        """Task and outcome headers and numbered items, inside the goals only."""
        if self.region != "goals":
            return False
        if _TASKS_HEADER.match(t):
            self.cursor = None
            return True
        m = _TASK.match(t)
        if m:
            self.task = TaskDraft(m.group(2))
            (self.sg.tasks if self.sg is not None else self.current_gg().tasks).append(self.task)
            self.cursor = self.task.text
            return True
        if _OUTCOMES_HEADER.match(t):
            self.task = None
            self.cursor = None
            return True
        m = _OUTCOME.match(t)
        if m and self.sg is not None:
            self.task = None
            self.sg.outcomes.append([m.group(2)])
            self.cursor = self.sg.outcomes[-1]
            return True
        return False

    def _indicator_line(self, t: str) -> None:
        m = _NUMBERED.match(t)
        target = self.ind_target if self.ind_target is not None else self.current_gg()
        if m:
            target.indicators.append([m.group(2)])
            self.cursor = target.indicators[-1]
        elif self.cursor is None:
            target.indicators.append([t])
            self.cursor = target.indicators[-1]
        else:
            self.cursor.append(t)

    def _intro_line(self, ln: Line) -> None:
        t = ln.text
        if _NUMBERED.match(t) and is_caps(t):
            return  # "1. УВОД": the intro's own heading
        if _DATELINE.match(t):
            self.extra.append(clean(t))
            return
        bm = BULLET.match(t)
        is_bullet = bool(bm) or (ln.indented and UPPER_START.match(t) is not None)
        body = bm.group(1) if bm else t
        prev = self.intro[-1][-1] if self.intro else ""
        if is_bullet:
            self.intro.append(["• " + body])
        elif not self.intro or prev.rstrip()[-1:] in TERMINAL:
            self.intro.append([t])
        else:
            self.intro[-1].append(t)

    def _goal_line(self, t: str) -> None:
        """A line without a marker: a sub-item of the open task, or a continuation line."""
        bm = BULLET.match(t)
        if bm and self.task is not None:
            self.task.items.append([bm.group(1)])
            self.cursor = self.task.items[-1]
        elif self.cursor is not None:
            self.cursor.append(t)
        else:
            self.extra.append(clean(t))

    def result(self) -> tuple[list[str], list[GeneralGoal], list[str]]:
        if self.signature:
            self.extra.append(join(self.signature))
        goals = [finish_general(g) for g in self.ggs]
        return [join(p) for p in self.intro], goals, [p for p in self.extra if p]


def parse_work_plan(lines: list[Line]) -> tuple[list[str], list[GeneralGoal], list[str]]:
    """Returns (intro paragraphs, general goals, leftover paragraphs)."""
    reader = _WorkPlanReader()
    for ln in lines:
        reader.read(ln)
    return reader.result()
