"""The importer turns the Centre's real documents into structured publication pages."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from publications.importer.build import page_fields
from publications.models import Kind, PublicationIndexPage, PublicationPage
from tests.conftest import built_for_module, fresh
from tests.publications.seeds import ACTION_PLAN, PLAN_2019, PLAN_2021, REPORT_2023, import_seeds

pytestmark = pytest.mark.django_db

SEEDS = {
    "000_9de5f256173c22d7.txt": ("work-plan-2021", Kind.WORK_PLAN, 2021, 2021),
    "001_efe1931634866b74.txt": ("work-plan-2019", Kind.WORK_PLAN, 2019, 2019),
    "002_076f8ab5def927c7.txt": ("action-plan-2017-2018", Kind.ACTION_PLAN, 2017, 2018),
    "003_a9eecb14d69d6bb7.txt": ("work-report-2023", Kind.WORK_REPORT, 2023, 2023),
}


def seed(name):
    return (settings.SEEDS_DIR / name).read_text(encoding="utf-8")


# The four seeds imported whole into the minimal site's archive, as the demo imports them: once
# for the module (seconds each); the tests read them, or change them inside their transaction.
built_imports = built_for_module(
    lambda site: import_seeds(site.page("plans-and-reports"), list(SEEDS))
)


@pytest.fixture
def imported(built_imports, db):
    """`imported(name)`: the Cyrillic page of the seed `name`, imported once for the module."""
    pages = fresh(built_imports)
    return lambda name: pages[SEEDS[name][0]]


@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_becomes_a_publication_of_the_right_kind_and_period(imported, name):
    imported(name)
    slug, kind, start, end = SEEDS[name]
    page = PublicationPage.objects.get(locale__language_code="sr", slug=slug)
    assert (page.kind, page.year_start, page.year_end) == (kind, start, end)
    assert page.live and page.summary
    assert page.documents, "the source file is attached"


def test_2021_plan_is_structure_not_a_blob(imported):
    imported(PLAN_2021)
    page = PublicationPage.objects.get(locale__language_code="sr", slug="work-plan-2021")
    goals = [block.value for block in page.body if block.block_type == "general_goal"]
    assert [goal["number"] for goal in goals] == ["I", "II", "III", "IV"]
    specific = [s["number"] for goal in goals for s in goal["specific_goals"]]
    assert specific[0] == "1.1" and specific[-1] == "4.2"
    assert specific == sorted(specific, key=lambda n: tuple(map(int, n.split("."))))
    targets = {
        indicator["target"]
        for goal in goals
        for s in goal["specific_goals"]
        for indicator in s["indicators"]
    }
    assert {"130", "65 %", "12"} <= targets
    identification = [
        indicator
        for goal in goals
        for s in goal["specific_goals"]
        for indicator in s["indicators"]
        if indicator["target"] == "130"
    ]
    assert "идентификациј" in identification[0]["text"].lower()


def test_2021_plan_page_shows_goals_with_anchors_and_targets(imported, client):
    imported(PLAN_2021)
    html = client.get("/plans-and-reports/work-plan-2021/").content.decode()
    for anchor in ('id="goal-i"', 'id="goal-1-1"', 'id="goal-4-2"', 'href="#goal-2-3"'):
        assert anchor in html
    assert "<strong>130</strong>" in html
    assert "Индикатори успешности" in html


def test_2019_plan_keeps_activities_and_outcomes(imported):
    imported(PLAN_2019)
    page = PublicationPage.objects.get(locale__language_code="sr", slug="work-plan-2019")
    assert str(page.adopted) == "2019-03-05"
    goals = [block.value for block in page.body if block.block_type == "general_goal"]
    assert [goal["number"] for goal in goals] == ["I", "II", "III"]
    activities = [t for g in goals for s in g["specific_goals"] for t in s["tasks"]]
    outcomes = [o for g in goals for s in g["specific_goals"] for o in s["outcomes"]]
    assert len(activities) >= 20 and len(outcomes) >= 10


def test_action_plan_recovers_goals_and_activities_in_latin_script(imported, client):
    imported(ACTION_PLAN)
    page = PublicationPage.objects.get(locale__language_code="sr", slug="action-plan-2017-2018")
    goals = [block.value for block in page.body if block.block_type == "action_goal"]
    assert [goal["number"] for goal in goals] == ["1", "2", "3", "4", "5"]
    assert all(goal["rows"] for goal in goals)
    assert goals[0]["rows"][0]["activity"] == "Unapređenje partnerstva na lokalnom nivou"
    html = client.get(page.url).content.decode()
    assert 'lang="sr-Latn"' in html, "a Latin-script body on the Cyrillic site says so"


def test_report_drops_the_site_chrome(imported, client):
    imported(REPORT_2023)
    html = client.get("/plans-and-reports/work-report-2023/").content.decode()
    assert "Сви циљеви који су постављени за 2023. годину" in html
    for chrome in ("Пратите нас", "Детаљно упутство за жртве"):
        assert chrome not in html


def test_importing_again_changes_nothing(imported):
    imported(PLAN_2021)
    from wagtail.models import Page, Revision

    pages, revisions = Page.objects.count(), Revision.objects.count()
    archive = PublicationIndexPage.objects.get(locale__language_code="sr")
    out = StringIO()
    call_command(
        "import_publication",
        str(settings.SEEDS_DIR / "000_9de5f256173c22d7.txt"),
        "--update",
        "--archive",
        archive.slug,
        stdout=out,
    )
    assert "unchanged" in out.getvalue()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def link_statistic(page, target, statistic):
    """What an editor does in the admin: link the indicator whose target reads `target`."""

    def walk(node):
        if isinstance(node, dict):
            if "statistic" in node and target in json.dumps(node, ensure_ascii=False):
                node["statistic"] = statistic
                return True
            return any(walk(value) for value in node.values())
        return isinstance(node, list) and any(walk(value) for value in node)

    body = page.body.get_prep_value()
    assert walk(body)
    page.body = body
    page.save_revision().publish()


def test_update_replaces_an_edited_import(imported, tmp_path):
    imported(PLAN_2021)
    plan = PublicationPage.objects.get(locale__language_code="sr", slug="work-plan-2021")
    link_statistic(plan, "65", "response_share")
    source = seed("000_9de5f256173c22d7.txt").replace(
        "идентификација - 130", "идентификација - 140"
    )
    path = tmp_path / "plan-2021.txt"
    path.write_text(source, encoding="utf-8")
    out = StringIO()
    call_command("import_publication", str(path), "--update", stdout=out)
    assert "updated" in out.getvalue()
    page = PublicationPage.objects.get(locale__language_code="sr", slug="work-plan-2021")
    assert "140" in json.dumps(page.body.get_prep_value(), ensure_ascii=False)
    # The editor's link of the "65 %" indicator to a statistic: the update keeps it.
    assert '"statistic": "response_share"' in json.dumps(page.body.get_prep_value())


def test_import_refuses_what_it_cannot_read(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(CommandError):
        call_command("import_publication", str(path))
    with pytest.raises(CommandError):
        call_command("import_publication", str(tmp_path / "missing.txt"))


def test_page_fields_are_deterministic_apart_from_block_ids():
    first = page_fields(seed("000_9de5f256173c22d7.txt"))
    second = page_fields(seed("000_9de5f256173c22d7.txt"))
    assert first["slug"] == second["slug"] == "work-plan-2021"
    strip = lambda s: json.dumps(  # noqa: E731
        json.loads(s, object_hook=lambda d: {k: v for k, v in d.items() if k != "id"})
    )
    assert strip(first["body"]) == strip(second["body"])
