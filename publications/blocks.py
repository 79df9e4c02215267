"""Blocks that follow how the Centre writes its plans: general goal → specific goal → tasks →
success indicators with targets → outcomes; and, for action plans, rows of activity, tasks,
responsible institutions, indicators, deadline, resources and risks."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BodyBlock

from .statistics import STATISTICS

# Keys of a block's stored value that an editor sets and no imported document holds: the
# importer neither compares them nor overwrites them (publications/importer/store.py).
EDITORS_KEYS = frozenset({"statistic"})


def anchor(prefix, number):
    return slugify(f"{prefix}-{number}".replace(".", "-"))


class AnchoredGoal:
    """A numbered goal renders with an anchor (goal-1-1), so the table of contents can link it."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor("goal", value["number"])
        return context


class IndicatorBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Indicator"))
    target = blocks.CharBlock(required=False, label=_("Target"), help_text=_("e.g. 130 or 65 %"))
    # The published plan then shows the figure of the year so far beside the target, from the
    # last published statistical report of the plan's year (publications/report_views.py).
    statistic = blocks.ChoiceBlock(
        choices=STATISTICS,
        required=False,
        default="",
        label=_("Figure so far"),
        help_text=_("The statistic that shows how far the year has come towards the target."),
    )

    class Meta:
        icon = "success"
        label = _("Indicator")


class TaskBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Task"))
    items = blocks.ListBlock(blocks.TextBlock(), required=False, default=[], label=_("Sub-items"))

    class Meta:
        icon = "list-ul"
        label = _("Task")


class SpecificGoalBlock(AnchoredGoal, blocks.StructBlock):
    number = blocks.CharBlock(max_length=10, label=_("Number"))
    title = blocks.TextBlock(label=_("Specific goal"))
    tasks = blocks.ListBlock(TaskBlock(), required=False, default=[], label=_("Tasks"))
    indicators = blocks.ListBlock(
        IndicatorBlock(), required=False, default=[], label=_("Success indicators")
    )
    outcomes = blocks.ListBlock(blocks.TextBlock(), required=False, default=[], label=_("Outcomes"))

    class Meta:
        icon = "pick"
        label = _("Specific goal")
        template = "publications/blocks/specific_goal.html"


class GeneralGoalBlock(AnchoredGoal, blocks.StructBlock):
    number = blocks.CharBlock(max_length=10, label=_("Number"))
    title = blocks.TextBlock(label=_("General goal"))
    description = blocks.TextBlock(required=False, label=_("Description"))
    tasks = blocks.ListBlock(TaskBlock(), required=False, default=[], label=_("Tasks"))
    indicators = blocks.ListBlock(
        IndicatorBlock(), required=False, default=[], label=_("Success indicators")
    )
    specific_goals = blocks.ListBlock(
        SpecificGoalBlock(), required=False, default=[], label=_("Specific goals")
    )

    class Meta:
        icon = "placeholder"
        label = _("General goal")
        template = "publications/blocks/general_goal.html"


class ActionRowBlock(blocks.StructBlock):
    activity = blocks.TextBlock(label=_("Activity"))
    tasks = blocks.ListBlock(blocks.TextBlock(), required=False, default=[], label=_("Tasks"))
    responsible = blocks.TextBlock(required=False, label=_("Responsible institution"))
    partners = blocks.TextBlock(required=False, label=_("Partners"))
    indicators = blocks.TextBlock(required=False, label=_("Indicators"))
    deadline = blocks.TextBlock(required=False, label=_("Deadline"))
    resources = blocks.TextBlock(required=False, label=_("Resources"))
    risks = blocks.TextBlock(required=False, label=_("Risks"))

    class Meta:
        icon = "table"
        label = _("Activity")


class ActionGoalBlock(AnchoredGoal, blocks.StructBlock):
    number = blocks.CharBlock(max_length=10, label=_("Number"))
    title = blocks.TextBlock(label=_("Goal"))
    rows = blocks.ListBlock(ActionRowBlock(), required=False, default=[], label=_("Activities"))

    class Meta:
        icon = "table"
        label = _("Action plan goal")
        template = "publications/blocks/action_goal.html"


class PublicationBodyBlock(BodyBlock):
    """The content pages' body, plus the goals of plans and action plans."""

    general_goal = GeneralGoalBlock()
    action_goal = ActionGoalBlock()
