"""What an import would change on an existing page, block by block: goals are matched by their
number, headings by their text, other blocks by their place among blocks of their type."""

from dataclasses import dataclass, field

from django.utils.html import strip_tags

from ..blocks import EDITORS_KEYS


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.added or self.removed or self.changed or self.fields)


def without_ids(value):
    """Stream data compared by content: block ids are random on every build, and what an
    editor links (an indicator's statistic) is not in the document."""
    if isinstance(value, dict):
        return {
            k: without_ids(v) for k, v in value.items() if k != "id" and k not in EDITORS_KEYS
        }
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def _label(block) -> str:
    value = block["value"]
    if isinstance(value, dict):
        text = f"{value.get('number', '')} {value.get('title', '')}".strip()
    else:
        text = " ".join(strip_tags(str(value)).split())
    return text[:100] + ("…" if len(text) > 100 else "")


def _keyed(blocks) -> dict:
    keyed, seen = {}, {}
    for block in without_ids(blocks):
        value = block["value"]
        if isinstance(value, dict) and value.get("number"):
            key = (block["type"], value["number"])
        elif block["type"] == "heading":
            key = ("heading", value)
        else:
            seen[block["type"]] = seen.get(block["type"], 0) + 1
            key = (block["type"], seen[block["type"]])
        keyed[key] = block
    return keyed


def compare(old_blocks: list, new_blocks: list) -> Changes:
    """old_blocks and new_blocks as stored (StreamField prep values)."""
    old, new = _keyed(old_blocks), _keyed(new_blocks)
    changes = Changes()
    changes.added = [_label(new[key]) for key in new if key not in old]
    changes.removed = [_label(old[key]) for key in old if key not in new]
    changes.changed = [_label(new[key]) for key in new if key in old and old[key] != new[key]]
    return changes
