"""Demo step: the "Plans and reports" archive with the Centre's four real documents from the
seeds, imported by the same importer editors use, with English titles and summaries (the full
texts exist in Serbian only)."""

from wagtail.models import Locale

from home.demo.loader import english_version, publish, source_home
from home.latin import save_translation

from .importer.store import import_file
from .models import PublicationIndexPage

SEEDS = [
    "000_9de5f256173c22d7.txt",
    "001_efe1931634866b74.txt",
    "002_076f8ab5def927c7.txt",
    "003_a9eecb14d69d6bb7.txt",
]

ARCHIVE = {
    "sr": {
        "title": "Планови и извештаји о раду",
        "intro": (
            "Годишњи планови рада, извештаји о раду, акциони планови и други документи "
            "Центра, по врсти и години."
        ),
    },
    "en": {
        "title": "Plans and reports",
        "intro": (
            "The Centre's annual work plans, work reports, action plans and other documents, "
            "by kind and year."
        ),
    },
}

# English titles and summaries; the full texts are published in Serbian only.
ENGLISH = {
    "work-plan-2021": (
        "Work plan for 2021",
        "The Centre's annual work plan for 2021, based on its strategic development plan "
        "2021–2025: four general goals, their specific goals and tasks, and success "
        "indicators with targets, such as 130 identifications and 65 % of referrals answered "
        "within a week.",
    ),
    "work-plan-2019": (
        "Work plan for 2019",
        "The Centre's work plan for 2019, adopted on 5 March 2019: three general goals with "
        "individual goals, activities and expected outcomes.",
    ),
    "action-plan-2017-2018": (
        "Action plan for 2017 and 2018 for the Strategy to prevent and combat trafficking in "
        "human beings, especially women and children, and to protect victims",
        "The national action plan for 2017 and 2018: five goals, each with activities, tasks, "
        "responsible institutions and partners, indicators, deadlines, resources and risks.",
    ),
    "work-report-2023": (
        "Work report for 2023",
        "A summary of the Centre's work in 2023: the goals set for the year were met fully or "
        "in large part, and the plans for 2024.",
    ),
}


def archive_page(home):
    existing = PublicationIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    archive = PublicationIndexPage(
        title=ARCHIVE["sr"]["title"],
        slug="plans-and-reports",
        intro=ARCHIVE["sr"]["intro"],
        show_in_menus=True,
    )
    home.add_child(instance=archive)
    return publish(archive)


def english_publication(page):
    locale = Locale.objects.get(language_code="en")
    if page.has_translation(locale) or page.slug not in ENGLISH:
        return
    title, summary = ENGLISH[page.slug]
    replacements = {"title": title, "summary": summary}
    save_translation(
        page,
        locale,
        lambda segment: replacements.get(segment.context.path, segment.string.data),
        tool_name="demo",
    )


def load():
    from django.conf import settings

    home = source_home()
    archive = archive_page(home)
    english_version(archive, ARCHIVE["en"])
    outcomes = []
    for name in SEEDS:
        page, outcome = import_file(settings.SEEDS_DIR / name, archive)
        english_publication(page)
        outcomes.append(f"{page.slug} {outcome}")
    return ", ".join(outcomes)
