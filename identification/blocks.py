"""The blocks of an indicator set: groups of indicators, each indicator with its weight and the
people it applies to. Their ids (Wagtail's block ids) are the same in every language of a set,
so the check and the referral form name an indicator by its id."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

GENERAL = "general"
STRONG = "strong"
WEIGHTS = [(GENERAL, _("General")), (STRONG, _("Strong"))]

CHILDREN = "children"
ADULTS = "adults"
BOTH = "both"
APPLIES = [(CHILDREN, _("Children")), (ADULTS, _("Adults")), (BOTH, _("Children and adults"))]


class IndicatorBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("indicator"), max_length=300)
    explanation = blocks.TextBlock(label=_("short explanation"))
    example = blocks.TextBlock(label=_("example"), required=False)
    weight = blocks.ChoiceBlock(choices=WEIGHTS, default=GENERAL, label=_("weight"))
    applies_to = blocks.ChoiceBlock(choices=APPLIES, default=BOTH, label=_("applies to"))

    class Meta:
        icon = "tick"
        label = _("indicator")


class GroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("group"), max_length=120)
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("indicators"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("group of indicators")


class GroupsBlock(blocks.StreamBlock):
    group = GroupBlock()
