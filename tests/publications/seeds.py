"""The Centre's real documents (the seed files) for the parsing tests, and helpers to look
into what the importer makes of them.

The seeds are plain text extracted from PDFs and web pages, with broken lines, flattened
tables and site chrome.
"""

import dataclasses
import os
from pathlib import Path

import pytest

from publications.importer.document import ParsedDocument
from publications.importer.parse import parse

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
