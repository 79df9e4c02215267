"""The importer fills the publication blocks through their own definitions: a block field it
fills cannot be renamed or removed without the import failing."""

import dataclasses
import datetime
import json

import pytest
from wagtail import blocks

from publications.importer.build import BlockFieldError, body_blocks, struct_value
from publications.importer.document import (
    ActionGoal,
    ActionRow,
    GeneralGoal,
    Indicator,
    ParsedDocument,
    SpecificGoal,
    Task,
)
from publications.models import PublicationPage


def every_field_filled():
    """A document with a distinct text in every field the importer turns into a block."""
    task = Task(text="task", items=["task item"])
    indicator = Indicator(text="indicator", target="130")
    specific = SpecificGoal(
        number="1.1",
        title="specific title",
        tasks=[Task(text="specific task", items=["specific task item"])],
        indicators=[Indicator(text="specific indicator", target="65 %")],
        outcomes=["outcome"],
    )
    general = GeneralGoal(
        number="I",
        title="general title",
        specific_goals=[specific],
        description="description",
        tasks=[task],
        indicators=[indicator],
    )
    row = ActionRow(
        activity="activity",
        tasks=["row task"],
        responsible="responsible",
        partners="partners",
        indicators="row indicators",
        deadline="deadline",
        resources="resources",
        risks="risks",
    )
    return ParsedDocument(
        kind="work_plan",
        title="title",
        year_start=2021,
        year_end=2021,
        adopted=datetime.date(2021, 3, 5),
        summary="summary",
        intro=["intro"],
        general_goals=[general],
        action_goals=[ActionGoal(number="1", title="action title", rows=[row])],
        sections=[("section heading", ["section text"])],
    )


def plain(value):
    """Stored stream data without its random ids, lists of items as plain lists, and without
    what an editor sets and no document holds (an indicator's statistic, left empty)."""
    if isinstance(value, list):
        items = [
            v["value"] if isinstance(v, dict) and v.get("type") == "item" else v for v in value
        ]
        return [plain(v) for v in items]
    if isinstance(value, dict):
        return {
            k: plain(v)
            for k, v in value.items()
            if k != "id" and not (k == "statistic" and v == "")
        }
    return value


def test_every_field_the_importer_fills_is_stored_under_the_same_name():
    doc = every_field_filled()
    stored = plain(json.loads(json.dumps(body_blocks(doc))))
    assert [block["type"] for block in stored] == [
        "paragraph",
        "general_goal",
        "action_goal",
        "heading",
        "paragraph",
    ]
    assert stored[1]["value"] == plain(dataclasses.asdict(doc.general_goals[0]))
    assert stored[2]["value"] == plain(dataclasses.asdict(doc.action_goals[0]))
    assert stored[0]["value"] == "<p>intro</p>"
    assert stored[3:] == [
        {"type": "heading", "value": "section heading"},
        {"type": "paragraph", "value": "<p>section text</p>"},
    ]


def test_the_stored_body_is_what_the_page_block_reads_back():
    body = body_blocks(every_field_filled())
    stream_block = PublicationPage.body.field.stream_block
    value = stream_block.to_python(body)
    assert plain(stream_block.get_prep_value(value)) == plain(body)
    goal = value[1].value
    assert goal["specific_goals"][0]["indicators"][0]["target"] == "65 %"
    assert value[2].value["rows"][0]["risks"] == "risks"


def test_a_field_the_block_lacks_stops_the_import_with_its_name():
    # The same definition as IndicatorBlock with "target" renamed: the importer must not drop it.
    renamed = blocks.StructBlock([("text", blocks.TextBlock()), ("goal", blocks.CharBlock())])
    with pytest.raises(BlockFieldError, match="'target'"):
        struct_value(renamed, Indicator(text="identifications", target="130"))


def test_a_missing_target_is_stored_empty():
    indicator_block = PublicationPage.body.field.stream_block.child_blocks["general_goal"]
    indicator_block = indicator_block.child_blocks["indicators"].child_block
    value = struct_value(indicator_block, Indicator(text="reports", target=None))
    assert indicator_block.get_prep_value(value) == {
        "text": "reports",
        "target": "",
        "statistic": "",
    }
