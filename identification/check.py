"""The state of a check, read from the submitted form and validated on every step.

Nothing of a check is kept on the server: each step's form carries the answers given so far as
hidden fields, and this module reads them back as untrusted input. A hidden value that is not
one the previous steps could have written (an unknown sector or indicator, a missing or stray
answer, a step out of range) raises `Tampered`; the page then says so and starts again."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .blocks import ADULTS, CHILDREN, STRONG

YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = [(YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("Don't know"))]
ANSWER_VALUES = {value for value, _label in ANSWERS}
ANSWER_PREFIX = "a-"

# What the Centre advises, from the most to the least urgent.
CALL, REFER, WATCH = "call", "refer", "watch"


class Tampered(ValueError):
    """The hidden state of the form is not one this check wrote."""


@dataclass(frozen=True)
class Indicator:
    id: str
    text: str
    explanation: str
    example: str
    weight: str
    applies_to: str

    @property
    def field_name(self):
        return ANSWER_PREFIX + self.id

    @property
    def strong(self):
        return self.weight == STRONG


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    indicators: list


@dataclass
class State:
    sector: object = None
    child: str = ""
    danger: str = ""
    answers: dict = field(default_factory=dict)


def groups_of(indicator_set, child=UNKNOWN):
    """The set's groups as plain values, keeping only the indicators for this person (a child,
    an adult, or both when unknown); a group left empty is skipped."""
    hidden = {YES: ADULTS, NO: CHILDREN}.get(child)
    groups = []
    for block in indicator_set.groups:
        indicators = [
            Indicator(
                id=str(item.id),
                text=item.value["text"],
                explanation=item.value["explanation"],
                example=item.value["example"],
                weight=item.value["weight"],
                applies_to=item.value["applies_to"],
            )
            for item in block.value["indicators"].bound_blocks
            if item.value["applies_to"] != hidden
        ]
        if indicators:
            title = block.value["title"]
            groups.append(Group(id=str(block.id), title=title, indicators=indicators))
    return groups


def sector_from(value, sets):
    """The live set whose id is `value`, or None."""
    return next((s for s in sets if str(s.pk) == value), None)


def hidden_sector(data, sets):
    sector = sector_from(data.get("sector", ""), sets)
    if sector is None:
        raise Tampered("sector")
    return sector


def hidden_person(data):
    child, danger = data.get("child", ""), data.get("danger", "")
    if child not in ANSWER_VALUES or danger not in ANSWER_VALUES:
        raise Tampered("person")
    return child, danger


def hidden_index(data, groups):
    value = data.get("group", "")
    if not value.isdigit() or int(value) >= len(groups):
        raise Tampered("group")
    return int(value)


def read_answers(data, groups, index):
    """The hidden answers to the groups before `index` (all required, valid) and the visible
    answers to group `index` (the caller reports a missing one as a question left open)."""
    earlier = [i for group in groups[:index] for i in group.indicators]
    current = groups[index].indicators
    allowed = {i.field_name for i in earlier + current}
    if any(name.startswith(ANSWER_PREFIX) and name not in allowed for name in data):
        raise Tampered("answers")
    answers = {}
    for indicator in earlier:
        value = data.get(indicator.field_name, "")
        if value not in ANSWER_VALUES:
            raise Tampered("answers")
        answers[indicator.id] = value
    open_questions = []
    for indicator in current:
        value = data.get(indicator.field_name, "")
        if value in ANSWER_VALUES:
            answers[indicator.id] = value
        else:
            open_questions.append(indicator)
    return answers, open_questions


@dataclass
class Result:
    strong: list
    general: list
    unknown: int
    advice: str


def result_of(groups, state):
    """Which indicators were seen and what the Centre advises: call now when someone is in
    danger now or a strong indicator concerns a child; refer on any strong indicator or two
    general ones; otherwise watch and document."""
    seen = [i for g in groups for i in g.indicators if state.answers.get(i.id) == YES]
    strong = [i for i in seen if i.strong]
    general = [i for i in seen if not i.strong]
    unknown = sum(1 for value in state.answers.values() if value == UNKNOWN)
    if state.danger == YES or (state.child == YES and strong):
        advice = CALL
    elif strong or len(general) >= 2:
        advice = REFER
    else:
        advice = WATCH
    return Result(strong=strong, general=general, unknown=unknown, advice=advice)


def indicators_seen(indicator_set, ids):
    """For the referral form: the indicators of `indicator_set` named by `ids` (as the result
    page posts them), in the set's order, grouped as (group title, [indicators]). An id the set
    does not hold raises Tampered: the form must never trust what it was sent."""
    wanted = set(ids)
    grouped, found = [], set()
    for group in groups_of(indicator_set):
        chosen = [i for i in group.indicators if i.id in wanted]
        found.update(i.id for i in chosen)
        if chosen:
            grouped.append((group.title, chosen))
    if found != wanted:
        raise Tampered("indicators")
    return grouped
