"""What the importer recovers from the Centre's real documents (the seed files).

The seeds are plain text extracted from PDFs and web pages, with broken lines, flattened
tables and site chrome. These tests pin down the structure the site publishes from them.
"""

import dataclasses
import datetime
import os
import re
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


def test_missing_seeds_fail_the_run_with_a_clear_message(monkeypatch, tmp_path):
    # A skip would let a run without the documents look green while testing nothing.
    monkeypatch.setattr(f"{__name__}.SEEDS", tmp_path / "nowhere")
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


# --------------------------------------------------------------------------- 2021 work plan


def test_2021_metadata():
    d = doc(PLAN_2021)
    assert d.kind == "work_plan"
    assert d.title == "План рада за 2021. годину"
    assert (d.year_start, d.year_end) == (2021, 2021)
    assert d.adopted is None
    assert d.action_goals == []
    assert d.summary.startswith("Годишњи план рада Центра за заштиту жртава трговине људима")
    # "( у даљем тексту:Центар)" in the source.
    assert "(у даљем тексту: Центар)" in d.summary


def test_2021_intro_joins_lines_and_keeps_the_list():
    d = doc(PLAN_2021)
    assert d.intro[0].startswith("Годишњи план рада Центра")
    assert d.intro[1] == "Такође, план је сачињен на бази поштовања:"
    bullets = [p for p in d.intro if p.startswith("• ")]
    assert len(bullets) == 5
    assert bullets[0] == "• Међународних докумената у области људских права и трговине људима"
    # Goal text must not leak into the introduction.
    assert not any("ЦИЉ" in p or "Задатак" in p for p in d.intro)


def test_2021_general_and_specific_goals():
    d = doc(PLAN_2021)
    # "ОПШTИ ЦИЉ I" is written with a Latin T in the source; it must still be found.
    assert [g.number for g in d.general_goals] == ["I", "II", "III", "IV"]
    numbers = [s.number for g in d.general_goals for s in g.specific_goals]
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "4.1", "4.2"]
    assert [s.number for s in general(d, "II").specific_goals] == ["2.1", "2.2", "2.3"]
    assert general(d, "I").title == "Центар квалитетно и ефикасно обезбеђује услуге за кориснике"
    assert general(d, "IV").title.startswith("Позиционирати и ојачати Центар као јединствену")
    assert general(d, "I").description.startswith("Центар ће наставити да непосредно")
    assert specific(d, "1.4").title == "Унапредити рад прихватилишта"
    assert specific(d, "4.2").title == "Повећати видљивост и позиционираност Центра"
    assert specific(d, "1.1").title == (
        "Континуирано и благовремено обављати послове идентификације, извештавања и вођења "
        "евиденције и документације о корисницима"
    )


def test_2021_tasks():
    d = doc(PLAN_2021)
    counts = {s.number: len(s.tasks) for g in d.general_goals for s in g.specific_goals}
    assert counts == {
        "1.1": 2,
        "1.2": 4,
        "1.3": 5,
        "1.4": 2,
        "2.1": 4,
        "2.2": 2,
        "2.3": 4,
        "4.1": 9,
        "4.2": 4,
    }
    # A line broken mid-sentence (with a stray backtick) is joined back.
    assert specific(d, "1.2").tasks[0].text == (
        "Редефинисати постојећа и сачинити недостајућа стручна упутства и процедуре за "
        "унапређивање процеса идентификације"
    )
    assert specific(d, "4.1").tasks[-1].text == (
        "Реализовати активности на остваривању радних права запослених"
    )
    # General goal III has no specific goal: its task hangs on the general goal itself.
    g3 = general(d, "III")
    assert g3.specific_goals == []
    assert len(g3.tasks) == 1
    assert g3.tasks[0].text.startswith("Иницирати и реализовати обуке")


def test_2021_indicators_belong_to_their_specific_goal():
    d = doc(PLAN_2021)
    counts = {s.number: len(s.indicators) for g in d.general_goals for s in g.specific_goals}
    # 1.1 and 1.3 have one numbered line each that packs several measured values.
    assert counts == {
        "1.1": 8,
        "1.2": 7,
        "1.3": 6,
        "1.4": 2,
        "2.1": 8,
        "2.2": 3,
        "2.3": 9,
        "4.1": 18,
        "4.2": 5,
    }
    g3 = general(d, "III")
    assert len(g3.indicators) == 4
    assert g3.indicators[-1].target == "68"
    # Numbering is structure, not text.
    for g in d.general_goals:
        for ind in g.indicators + [i for s in g.specific_goals for i in s.indicators]:
            assert not re.match(r"\d+\.\s", ind.text), ind.text


def _find(indicators, needle):
    found = [i for i in indicators if needle in i.text]
    assert len(found) == 1, (needle, [i.text for i in indicators])
    return found[0]


def test_2021_indicator_targets():
    d = doc(PLAN_2021)
    s11 = specific(d, "1.1").indicators
    assert _find(s11, "спроведених идентификација").target == "130"
    assert _find(s11, "у року од недељу дана").target == "65 %"
    assert _find(s11, "неодложних интревенција").target == "11"
    assert _find(s11, "у предвиђеном року").target == "80 %"
    assert _find(s11, "формално идентификованих жртава").target == "59"
    assert _find(s11, "Сачинити процедуру праћења оптерећености").target is None
    assert _find(specific(d, "4.1").indicators, "месечних статистичких").target == "12"
    assert _find(specific(d, "1.3").indicators, "планова заштите").target == "150"
    assert _find(specific(d, "2.1").indicators, "главним претресима").target == "210"
    assert _find(specific(d, "2.3").indicators, "упућено најмање").target == "10"
    # Dates are not targets.
    days = _find(specific(d, "4.2").indicators, "30 јул и 18 октобар")
    assert days.target is None
    assert days.text.endswith("(30 јул и 18 октобар)")


def test_2021_dateline_is_kept():
    d = doc(PLAN_2021)
    assert ("", ["Београд, март 2021"]) in d.sections


# --------------------------------------------------------------------------- 2019 work plan


def test_2019_metadata():
    d = doc(PLAN_2019)
    assert d.kind == "work_plan"
    assert d.title == "План рада Центра за заштиту жртава трговине људима за 2019. годину"
    assert (d.year_start, d.year_end) == (2019, 2019)
    assert d.adopted == datetime.date(2019, 3, 5)
    assert d.summary.startswith("Центар за заштиту жртава трговине људима је установа")


def test_2019_intro_drops_the_footnote():
    d = doc(PLAN_2019)
    first = d.intro[0]
    assert first.startswith("Центар за заштиту жртава трговине људима је установа у систему")
    assert "људима1је" not in first
    assert first.endswith("Конвенције Савета Европе о борби против трговине људима.")
    # The footnote text itself ("1У даљем тексту: Центар") is an artefact.
    assert not any("даљем тексту" in s for s in strings(d))
    assert d.intro[1] == "План рада Центра за 2019-у годину сачињен је на бази поштовања:"
    bullets = [p for p in d.intro[2:] if p.startswith("• ")]
    assert len(bullets) == 6
    assert bullets[4] == (
        "• Савремених стручних захетва за рад са корисницима у систему социјалне заштите и "
        "уважавања усвојених стандарда у систему социјалне заштите;"
    )


def test_2019_goals_activities_and_outcomes():
    d = doc(PLAN_2019)
    assert [g.number for g in d.general_goals] == ["I", "II", "III"]
    assert general(d, "I").title == (
        "Центар квалитетно и ефикасно обавља поверене послове идентификације, координације "
        "и подршке жртвама трговине људима"
    )
    assert general(d, "II").title == "Центар има одговарајуће услове за обављање поверених послова"
    numbers = [s.number for g in d.general_goals for s in g.specific_goals]
    assert numbers == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3"]
    activities = {s.number: len(s.tasks) for g in d.general_goals for s in g.specific_goals}
    assert activities == {
        "1.1": 3,
        "1.2": 4,
        "1.3": 5,
        "2.1": 3,
        "2.2": 5,
        "3.1": 5,
        "3.2": 3,
        "3.3": 5,
    }
    outcomes = {s.number: len(s.outcomes) for g in d.general_goals for s in g.specific_goals}
    assert outcomes == {
        "1.1": 3,
        "1.2": 2,
        "1.3": 2,
        "2.1": 0,
        "2.2": 4,
        "3.1": 1,
        "3.2": 2,
        "3.3": 1,
    }
    s11 = specific(d, "1.1")
    assert s11.title == (
        "Идентификација жртава трговине људима се спроводи благовремено, брзо и ефикасно по "
        "свим поднетим пријавама"
    )
    first = s11.tasks[0]
    assert first.text == (
        "Развијање модела прелиминарне идентификације у заједници са дефинисаним корацима у "
        "идентификацији и пријављивању сумње на трогину људима"
    )
    assert len(first.items) == 9
    assert first.items[0] == (
        "Иницирање и сарадња у процесу прелиминарне идентификације у основним и средњим "
        "школама у Србији"
    )
    # "Активнoст 3" has a Latin "o" in the source.
    assert s11.tasks[2].text.startswith("Обезбеђивање оптималног коришћења људских")
    assert s11.tasks[2].items == ["Редовна организација и праћење оптерећености стручних радника"]
    assert s11.outcomes[2] == (
        "Идентификација је обављена у најкраћем могућем року, препознате су потребе жртава на "
        "основу којих се омогућава даљи процес подршке и заштите права жртава"
    )
    assert (
        specific(d, "3.3")
        .tasks[0]
        .text.endswith("Европског дана борбе против трговине људима (18. октобар)")
    )
    assert all(s.indicators == [] for g in d.general_goals for s in g.specific_goals)


def test_2019_signature_is_kept_out_of_the_goals():
    d = doc(PLAN_2019)
    assert d.sections == [
        ("", ["У Београду, дана 05.03.2019. године", "Председник Управног одбора Љубан Каран"])
    ]
    assert not any("Председник" in o for o in specific(d, "3.3").outcomes)


# --------------------------------------------------------------------------- action plan


def test_action_plan_metadata():
    d = doc(ACTION_PLAN)
    assert d.kind == "action_plan"
    assert d.title == (
        "Akcioni plan za sprovođenje Strategije prevencije i suzbijanja trgovine ljudima, "
        "posebno ženama i decom i zaštite žrtava za 2017. i 2018. godinu"
    )
    assert (d.year_start, d.year_end) == (2017, 2018)
    assert d.adopted is None
    assert d.general_goals == []


def test_action_plan_goals_and_activities():
    d = doc(ACTION_PLAN)
    assert [g.number for g in d.action_goals] == ["1", "2", "3", "4", "5"]
    assert d.action_goals[0].title == (
        "Sistemski ojačano partnerstvo u odgovoru na trgovinu ljudima na lokalnom, "
        "nacionalnom i međunarodnom nivou"
    )
    assert d.action_goals[4].title.startswith("Deca su zaštićena od trgovine ljudima")
    assert [len(g.rows) for g in d.action_goals] == [3, 3, 3, 3, 3]
    assert [r.activity for r in d.action_goals[0].rows] == [
        "Unapređenje partnerstva na lokalnom nivou",
        "Unapređenje partnerstva na nacionalnom nivou",
        "Unapređenje partnerstva na međunarodnom nivou",
    ]
    assert d.action_goals[3].rows[0].activity == (
        "Podizanje kapaciteta Centra za zaštitu žrtava trgovine ljudima"
    )
    # Column headers are not rows or text.
    blob = "\n".join(strings(d.action_goals))
    assert "ODGOVORNA INSTITUCIJA" not in blob
    assert "\nRIZICI" not in blob


def test_action_plan_rows_recover_the_table_columns():
    d = doc(ACTION_PLAN)
    for goal in d.action_goals:
        for row in goal.rows:
            assert row.tasks, row.activity
            assert row.responsible, row.activity
            assert row.indicators, row.activity
            assert row.deadline, row.activity
            assert row.risks, row.activity
    first = d.action_goals[0].rows[0]
    assert first.tasks == [
        "Analizirati rad formiranih Lokalnih timova za borbu protiv trgovine ljudima i "
        "preporuke za unapređenje rada",
        "Zajedničke preventivne aktivnosti",
        "Godišnji sastanak mreže Lokalnih timova za borbu protiv trgovine ljudima",
    ]
    assert first.responsible.split("\n") == [
        "1. i 2. Savet za borbu protiv trgovine ljudima, organi jedinica lokalne samouprave "
        "i partneri;",
        "3. Nacionalni koordinator i partneri",
    ]
    assert first.indicators.split("\n")[1] == "2. Broj uspešno ostvarenih zajedničkih akcija"
    assert first.deadline == "Kontinuirano do kraja 2018. godine"
    assert "102.000 RSD za 2017. godinu" in first.resources
    assert first.risks == "Nizak prioritet u planiranju rada"

    # Items glued together in one line ("...postupanje2. Izraditi...") are split apart.
    national = d.action_goals[0].rows[1]
    assert len(national.tasks) == 7
    assert national.tasks[1] == (
        "Izraditi i usvojiti sektorske akcione planove partnera Strategije u skladu sa potrebama"
    )
    assert national.deadline == "Drugi kvartal 2018. godine"
    assert national.risks.startswith("Nizak prioritet u planiranju rada; različite politike")

    # A row whose responsible cell lists "1,2,3,4,5,6,7." at once.
    children = d.action_goals[4].rows[2]
    assert len(children.tasks) == 7
    assert children.responsible.startswith("1,2,3,4,5,6,7. Ministarstvo za rad")
    assert "9. Usvojen Protokol o postupanju" in children.indicators

    # A risk split across lines with a hyphen ("Preoptereće–" / "nost ...") is rejoined.
    early_warning = d.action_goals[1].rows[2]
    assert early_warning.risks == "Preopterećenost članova Radne grupe"
    assert early_warning.deadline == "Drugi kvartal 2017. godine"


# --------------------------------------------------------------------------- 2023 report


def test_report_metadata():
    d = doc(REPORT_2023)
    assert d.kind == "work_report"
    assert d.title == "Извештај о раду Центра за 2023. годину"
    assert (d.year_start, d.year_end) == (2023, 2023)
    assert d.adopted is None
    assert d.general_goals == [] and d.action_goals == []
    assert d.summary.startswith("Сви циљеви који су постављени за 2023. годину")


def test_report_text_is_kept_and_chrome_dropped():
    d = doc(REPORT_2023)
    assert len(d.intro) == 1
    assert d.intro[0].startswith("Сви циљеви који су постављени")
    assert len(d.sections) == 1
    heading, paragraphs = d.sections[0]
    assert heading == ""
    assert len(paragraphs) == 14
    assert paragraphs[0].startswith("У току године на коју се овај извештај односи")
    assert any("Прихватилишта" in p for p in paragraphs)
    assert paragraphs[-1] == (
        "Све годишње планове и извештаје о раду можете погледати на страници – "
        "Планови и извештаји о раду."
    )


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
