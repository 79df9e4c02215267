"""The national action plan: its table, flattened by the extraction into runs of lines, read
back into goals and rows (activity, tasks, responsible, indicators, deadline, resources, risks)."""

import re

from .document import ActionGoal, ActionRow
from .kind import ACTION_GOAL
from .lines import Line
from .text import UP, clean, is_caps, join

_AP_MARK = re.compile(
    rf"(?<![\d.])(?P<nums>\d{{1,2}}(?:\s*\.?\s*(?:,|\bi\b|\bи\b)\s*\d{{1,2}})*)\s*\.(?!\d)\s*(?=[{UP}])"
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
        line = clean(line)
        key = re.sub(r"\W+", "", line.lower())
        names_task = any(h and key.startswith(h) for h in heads)
        if out and not names_task and (out[-1][-1:] in "-–" or line[:1].islower()):
            out[-1] = join([out[-1], line])
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
        return [(it[0], join(it[1:])) for lst in lists for it in lst if join(it[1:])]

    def render(pairs: list[tuple[str, str]]) -> str:
        return "\n".join(f"{label}. {text}" if label else text for label, text in pairs)

    risk_at = next((i for i, ln in enumerate(rb.rest) if _RISK_START.match(ln)), len(rb.rest))
    tasks = [text for _, text in items(0)]
    deadline = join(rb.deadline)
    deadline = re.sub(
        r"^(Kontinuirano|Континуирано)\s*(do|до)\s*(kraja|краја)", r"\1 \2 \3", deadline
    )
    return ActionRow(
        activity=join([rb.activity]),
        tasks=tasks,
        responsible=render(items(1)),
        partners="",
        indicators=render(items(2)),
        deadline=deadline,
        resources=_join_resources(rb.rest[:risk_at], tasks),
        risks=join(rb.rest[risk_at:]),
    )


def _goal_bodies(texts: list[str], extra: list[str]) -> list[tuple[str, str, list[str]]]:
    """(number, title, lines) of each goal; lines before the first goal go to ``extra``."""
    goals: list[tuple[str, str, list[str]]] = []
    for t in texts:
        m = ACTION_GOAL.match(t)
        if m:
            goals.append((m.group(1), m.group(2), []))
        elif goals:
            goals[-1][2].append(t)
        else:
            extra.append(clean(t))
    return goals


def _list_line(row: _RowB, line: str, numbered: bool, last: int) -> tuple[str, int]:
    """One line while a row's numbered lists are read: returns (state, last item number)."""
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
        return "deadline", last
    elif row.lists and row.lists[-1]:
        row.lists[-1][-1].append(line)
    else:
        row.rest.append(line)
    return "lists", last


def _rows(body: list[str], extra: list[str]) -> list[_RowB]:
    """A row starts at the line before a list numbered from 1 (its activity); lines before the
    first row go to ``extra``."""
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
            extra.append(clean(line))
            continue
        row = rows[-1]
        if state == "lists":
            state, last = _list_line(row, line, numbered, last)
        elif state == "deadline" and line[:1].islower() and len(line.split()) <= 3:
            row.deadline.append(line)
        else:
            state = "rest"
            row.rest.append(line)
    return rows


def parse_action_plan(lines: list[Line]) -> tuple[list[ActionGoal], list[str]]:
    """Returns (goals, leftover paragraphs)."""
    extra: list[str] = []
    goals = _goal_bodies([ln.text for ln in lines if ln.text], extra)
    result: list[ActionGoal] = []
    for number, title, body in goals:
        # Column headers ("AKTIVNOSTI", "ROKOVI AKTIVNOSTI", ...) repeat under every goal.
        body = [
            b for b in body if not (is_caps(b) and len(b.split()) <= 5 and not re.search(r"\d", b))
        ]
        rows = _rows(body, extra)
        result.append(ActionGoal(number, join([title]), [_finish_row(r) for r in rows]))
    return result, [e for e in extra if e]
