"""What the importer recovers from the Centre's real documents (the seed files), whatever their
kind, and from small synthetic texts. These tests pin down the structure the site publishes.
"""

import pytest

from publications.importer.parse import parse
from tests.publications.seeds import ALL_SEEDS, CHROME, PLAN_2021, _read, doc, strings


def test_missing_seeds_fail_the_run_with_a_clear_message(monkeypatch, tmp_path):
    # A skip would let a run without the documents look green while testing nothing.
    monkeypatch.setattr("tests.publications.seeds.SEEDS", tmp_path / "nowhere")
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as outcome:
        _read(PLAN_2021)
    assert outcome.type is pytest.fail.Exception
    assert str(tmp_path / "nowhere") in str(outcome.value)
    assert "SEEDS_DIR" in str(outcome.value)


# --------------------------------------------------------------------------- all seeds


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_parsing_is_deterministic_and_ignores_the_filename(name):
    text = _read(name)
    first = parse(text, filename=name)
    assert parse(text, filename=name) == first
    assert parse(text) == first
    assert parse(text, filename="report_2023.txt") == first


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_crlf_line_endings_give_the_same_result(name):
    text = _read(name)
    assert parse(text.replace("\n", "\r\n")) == parse(text)


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_all_text_is_cleaned(name):
    d = doc(name)
    texts = [s for s in strings(d) if s]
    assert texts
    for s in texts:
        # Multi-line table cells keep their line breaks; each line must still be clean.
        for line in s.split("\n"):
            assert line == line.strip(), repr(line)
            assert "  " not in line, repr(line)
            assert "`" not in line, repr(line)
            assert line, repr(s)


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_summary_is_a_few_sentences_of_plain_text(name):
    d = doc(name)
    assert d.summary
    assert "\n" not in d.summary
    assert len(d.summary) <= 450
    assert d.summary.count(". ") <= 3


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_no_site_chrome_anywhere(name):
    blob = "\n".join(strings(doc(name)))
    for chrome in CHROME:
        assert chrome not in blob


# --------------------------------------------------------------------------- synthetic input


def test_chrome_is_cut_from_any_narrative_page():
    text = (
        "Извештај о раду Центра за 2030. годину\n\n"
        "Први пасус извештаја, довољно дугачак да буде увод у текст.\n\n"
        "Други пасус.\n\n"
        "Потребна ти је помоћ?\n\n  • Шта радити?\nПратите нас:\n"
    )
    d = parse(text)
    assert d.kind == "work_report"
    assert (d.year_start, d.year_end) == (2030, 2030)
    assert d.intro == ["Први пасус извештаја, довољно дугачак да буде увод у текст."]
    assert d.sections == [("", ["Други пасус."])]


def test_latin_work_plan_and_compound_indicators():
    text = (
        "PLAN RADA ZA 2022 GODINU\n"
        "Uvodni tekst plana koji je\n"
        "prelomljen u dva reda.\n"
        "OPŠTI CILJ I\n"
        "CENTAR RADI DOBRO\n"
        "Specifični cilj 1.1: Nešto uraditi\n"
        "Zadatak 1\n"
        "Uraditi prvu\n"
        "stvar\n"
        "Indikatori uspešnosti opšteg cilja I\n"
        "Specifični cilj 1.1\n"
        "1. Broj identifikacija - 100, procenat odgovora -50%\n"
        "2. Održano najmanje 4 sastanka\n"
    )
    d = parse(text)
    assert d.kind == "work_plan"
    assert d.title == "Plan rada za 2022. godinu"
    assert d.intro == ["Uvodni tekst plana koji je prelomljen u dva reda."]
    (goal,) = d.general_goals
    assert goal.title == "Centar radi dobro"
    (sg,) = goal.specific_goals
    assert sg.tasks[0].text == "Uraditi prvu stvar"
    assert [(i.text, i.target) for i in sg.indicators] == [
        ("Broj identifikacija – 100", "100"),
        ("Procenat odgovora – 50%", "50 %"),
        ("Održano najmanje 4 sastanka", "4"),
    ]


def test_empty_input_does_not_crash():
    d = parse("")
    assert d.title == "" and d.general_goals == [] and d.sections == []
