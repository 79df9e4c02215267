"""What the parser found in a document, counted for the preview: the editor sees the structure
before any page exists, and every line it could not place."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..importer.document import ParsedDocument


@dataclass
class Outline:
    general_goals: int = 0
    specific_goals: int = 0
    tasks: int = 0
    indicators: int = 0
    targets: list[str] = field(default_factory=list)
    outcomes: int = 0
    action_goals: int = 0
    action_rows: int = 0
    sections: int = 0
    unplaced: list[str] = field(default_factory=list)

    def counts(self):
        """(label, number) for the preview's table, the empty ones left out."""
        rows = [
            (_("General goals"), self.general_goals),
            (_("Specific goals"), self.specific_goals),
            (_("Tasks and activities"), self.tasks),
            (_("Indicators"), self.indicators),
            (_("Indicators with a target"), len(self.targets)),
            (_("Outcomes"), self.outcomes),
            (_("Action plan goals"), self.action_goals),
            (_("Action plan rows"), self.action_rows),
            (_("Sections"), self.sections),
        ]
        return [(label, n) for label, n in rows if n]

    def has_structure(self):
        return bool(self.general_goals or self.action_goals or self.sections)


def outline(doc: ParsedDocument) -> Outline:
    found = Outline()
    for goal in doc.general_goals:
        found.general_goals += 1
        found.tasks += len(goal.tasks)
        _indicators(found, goal.indicators)
        for specific in goal.specific_goals:
            found.specific_goals += 1
            found.tasks += len(specific.tasks)
            found.outcomes += len(specific.outcomes)
            _indicators(found, specific.indicators)
    for goal in doc.action_goals:
        found.action_goals += 1
        found.action_rows += len(goal.rows)
    if doc.kind == "work_report":
        found.sections = len(doc.sections) + bool(doc.intro)
    else:
        # A plan's only untitled section is what the parser could not place in its goals.
        found.unplaced = [p for heading, ps in doc.sections if not heading for p in ps if p]
    return found


def _indicators(found: Outline, indicators):
    found.indicators += len(indicators)
    found.targets += [i.target for i in indicators if i.target]
