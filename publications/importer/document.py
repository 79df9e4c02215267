"""What the importer recovers from one document: plain data, no Django, so the parsing can run
and be tested on the raw seed files."""

import datetime
from dataclasses import dataclass, field


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
