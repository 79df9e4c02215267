"""Demo step: the guided check's page under the home page and one indicator set per sector under
it (content/identification.toml), in Serbian Cyrillic (published, so the Latin pages follow) and
English. Every set is marked as a demo list until the Centre replaces it. Idempotent, and never
overwrites an editor's change."""

import uuid

from django.db import transaction

from identification.models import IdentificationPage, IndicatorSetPage

from .loader import english_version, publish, read, source_home, stream

CONTENT = read("identification")
INDICATOR_TEXTS = ("text", "explanation", "example")


def groups(entry, language, item_ids):
    """The set's groups as blocks for `stream`, in `language`; every indicator gets the id from
    `item_ids` (one list per group), so that the English version lines up with the source."""
    blocks = []
    for group, ids in zip(entry["groups"], item_ids, strict=True):
        items = [
            {
                "type": "item",
                "id": item_id,
                "value": {
                    **{name: indicator[language][name] for name in INDICATOR_TEXTS},
                    "weight": indicator["weight"],
                    "applies_to": indicator["applies_to"],
                },
            }
            for indicator, item_id in zip(group["indicators"], ids, strict=True)
        ]
        blocks.append({"group": {"title": group[language], "indicators": items}})
    return blocks


def item_ids_of(page):
    return [
        [str(item.id) for item in block.value["indicators"].bound_blocks] for block in page.groups
    ]


def check_page(home, entry):
    existing = home.get_children().filter(slug=entry["slug"]).first()
    if existing is not None:
        return existing.specific
    content = entry["sr"]
    page = IdentificationPage(
        title=content["title"], slug=entry["slug"], intro=content["intro"], show_in_menus=False
    )
    home.add_child(instance=page)
    return publish(page)


def indicator_set(index, entry):
    existing = index.get_children().filter(slug=entry["slug"]).first()
    if existing is not None:
        return existing.specific
    ids = [[str(uuid.uuid4()) for _ in group["indicators"]] for group in entry["groups"]]
    page = IndicatorSetPage(
        title=entry["sr"]["title"],
        slug=entry["slug"],
        intro=entry["sr"]["intro"],
        groups=stream(groups(entry, "sr", ids)),
        demo=True,
    )
    index.add_child(instance=page)
    return publish(page)


@transaction.atomic
def load():
    home = source_home()
    index = check_page(home, CONTENT["index"])
    english_version(index, CONTENT["index"]["en"])
    for entry in CONTENT["sets"]:
        page = indicator_set(index, entry)
        english = dict(entry["en"], groups=groups(entry, "en", item_ids_of(page)))
        english_version(page, english)
    return f"the check and {len(CONTENT['sets'])} indicator sets in each language"
