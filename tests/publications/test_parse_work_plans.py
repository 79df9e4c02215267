"""What the importer recovers from the work plans for 2021 and 2019 (seeds 000 and 001)."""

import datetime
import re

from tests.publications.seeds import PLAN_2019, PLAN_2021, doc, general, specific, strings

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
