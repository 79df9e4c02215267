"""The Centre's real documents (the seed files) for the parsing tests, and helpers to look
into what the importer makes of them.

The seeds are plain text extracted from PDFs and web pages, with broken lines, flattened
tables and site chrome.
"""

import dataclasses
import json
import os
from pathlib import Path

import pytest

from core.latin import save_translation
from publications.importer.build import page_fields
from publications.importer.document import ParsedDocument
from publications.importer.parse import parse
from publications.importer.store import import_file
from tests.factories import PublicationPageFactory, locale

_DEFAULT_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEEDS = Path(os.environ.get("SEEDS_DIR") or _DEFAULT_SEEDS)

PLAN_2021 = "000_9de5f256173c22d7.txt"
PLAN_2019 = "001_efe1931634866b74.txt"
ACTION_PLAN = "002_076f8ab5def927c7.txt"
REPORT_2023 = "003_a9eecb14d69d6bb7.txt"
ALL_SEEDS = [PLAN_2021, PLAN_2019, ACTION_PLAN, REPORT_2023]

CHROME = [
    "Потребна ти је помоћ",
    "Пратите нас",
    "Шта радити?",
    "Коме се обратити?",
    "Најкраћи пут до помоћи?",
    "Детаљно упутство за жртве",
    "посвећен је борби против ове врсте криминала",
]


def _read(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.fail(
            f"seed file missing: {path}. These tests need the Centre's seed documents: "
            "set SEEDS_DIR to their folder (by default ../shared/seeds next to the project)."
        )
    return path.read_text(encoding="utf-8")


_cache: dict[str, ParsedDocument] = {}


def doc(name: str) -> ParsedDocument:
    if name not in _cache:
        _cache[name] = parse(_read(name), filename=name)
    return _cache[name]


def strings(obj):
    """Every string inside a parsed document, for checks that apply to all text."""
    if isinstance(obj, str):
        yield obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from strings(getattr(obj, f.name))
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from strings(item)


def specific(d: ParsedDocument, number: str):
    found = [s for g in d.general_goals for s in g.specific_goals if s.number == number]
    assert len(found) == 1, f"specific goal {number}: {len(found)} matches"
    return found[0]


def general(d: ParsedDocument, number: str):
    found = [g for g in d.general_goals if g.number == number]
    assert len(found) == 1, f"general goal {number}: {len(found)} matches"
    return found[0]


# The English title and summary of each seed's page; its full text stays in Serbian, as the
# Centre publishes it.
ENGLISH = {
    "work-plan-2021": ("Work plan for 2021", "The Centre's goals and targets for 2021."),
    "work-plan-2019": ("Work plan for 2019", "The Centre's goals and activities for 2019."),
    "action-plan-2017-2018": ("Action plan for 2017 and 2018", "The national action plan."),
    "work-report-2023": ("Work report for 2023", "What the Centre did in 2023."),
}


def english_version(page):
    """The English translation of an imported page: its title and summary in English."""
    # By field, not by text: the summary is often the body's first paragraph too.
    english = dict(zip(("title", "summary"), ENGLISH[page.slug], strict=True))
    save_translation(
        page,
        locale("en"),
        lambda segment: english.get(segment.context.path, segment.string.data),
        tool_name="tests",
    )


def import_seeds(archive, names=ALL_SEEDS, blocks=None):
    """The seeds imported into `archive` (a Cyrillic publication index), published (the Latin
    pages follow) and translated into English: {slug: page}. By the importer editors use,
    source file attached; or, with `blocks`, as pages of the importer's fields with only the
    body's first `blocks` blocks: enough for a listing, and a fraction of the time."""
    pages = {}
    for name in names:
        if blocks is None:
            page, _outcome = import_file(SEEDS / name, archive)
        else:
            fields = page_fields(_read(name), filename=name)
            fields["body"] = json.dumps(json.loads(fields["body"])[:blocks], ensure_ascii=False)
            page = PublicationPageFactory(parent=archive, **fields)
        english_version(page)
        pages[page.slug] = page
    return pages
