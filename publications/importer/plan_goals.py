"""Goals, specific goals and tasks of a work plan while they are read, then finished into the
document's data."""

from .document import GeneralGoal, SpecificGoal, Task
from .indicators import read_indicators
from .text import capitalise, is_caps, join, sentence_case


class TaskDraft:
    def __init__(self, first: str) -> None:
        self.text: list[str] = [first] if first else []
        self.items: list[list[str]] = []


class SpecificDraft:
    def __init__(self, number: str, first: str) -> None:
        self.number = number
        self.title: list[str] = [first] if first else []
        self.tasks: list[TaskDraft] = []
        self.indicators: list[list[str]] = []
        self.outcomes: list[list[str]] = []


class GeneralDraft:
    def __init__(self, number: str, first: str) -> None:
        self.number = number
        self.head: list[str] = [first] if first else []
        self.sgs: list[SpecificDraft] = []
        self.tasks: list[TaskDraft] = []
        self.indicators: list[list[str]] = []


def _text(lines: list[str]) -> str:
    return capitalise(join(lines))


def _finish_task(tb: TaskDraft) -> Task:
    return Task(_text(tb.text), [_text(i) for i in tb.items if join(i)])


def finish_general(g: GeneralDraft) -> GeneralGoal:
    head = [h for h in g.head if h.strip()]
    if head and is_caps(head[0]):
        n = 0
        while n < len(head) and is_caps(head[n]):
            n += 1
        title, desc = head[:n], head[n:]
    else:
        title, desc = head, []
    sgs = [
        SpecificGoal(
            number=s.number,
            title=_text(s.title),
            tasks=[_finish_task(t) for t in s.tasks],
            indicators=read_indicators(s.indicators),
            outcomes=[_text(o) for o in s.outcomes if join(o)],
        )
        for s in g.sgs
    ]
    return GeneralGoal(
        number=g.number,
        title=sentence_case(_text(title)),
        specific_goals=sgs,
        description=_text(desc),
        tasks=[_finish_task(t) for t in g.tasks],
        indicators=read_indicators(g.indicators),
    )
