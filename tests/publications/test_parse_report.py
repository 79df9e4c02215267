"""What the importer recovers from the work report for 2023 (seed 003), a web page."""

from tests.publications.seeds import REPORT_2023, doc

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
