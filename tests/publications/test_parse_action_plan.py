"""What the importer recovers from the action plan 2017-2018 (seed 002), a flattened table."""

from tests.publications.seeds import ACTION_PLAN, doc, strings

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
