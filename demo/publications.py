"""Demo step: the "Plans and reports" archive with the Centre's four real documents from the
seeds, imported by the same importer editors use, with English titles and summaries (the full
texts exist in Serbian only; content/publications.toml)."""

from django.conf import settings
from wagtail.models import Locale

from core.latin import save_translation
from publications.importer.store import import_file
from publications.models import Kind, PublicationIndexPage, PublicationPage

from .loader import english_version, publish, read, source_home

CONTENT = read("publications")


def archive_page(home):
    existing = PublicationIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    content = CONTENT["archive"]
    archive = PublicationIndexPage(
        title=content["sr"]["title"],
        slug=content["slug"],
        intro=content["sr"]["intro"],
        show_in_menus=True,
    )
    home.add_child(instance=archive)
    return publish(archive)


def english_publication(page):
    locale = Locale.objects.get(language_code="en")
    if page.has_translation(locale) or page.slug not in CONTENT["english"]:
        return
    # The title and the summary in English; every other segment keeps the Serbian text.
    replacements = CONTENT["english"][page.slug]
    save_translation(
        page,
        locale,
        lambda segment: replacements.get(segment.context.path, segment.string.data),
        tool_name="demo",
    )


def statistical_report(archive):
    """The demo's published statistical report (June 2021), with its English translation."""
    content = CONTENT["statistical_report"]
    existing = PublicationPage.objects.child_of(archive).filter(slug=content["slug"]).first()
    if existing is not None:
        return existing
    page = PublicationPage(
        title=content["title"],
        slug=content["slug"],
        kind=Kind.STATISTICAL_REPORT,
        year_start=2021,
        year_end=2021,
        summary=content["summary"],
        statistics_period=content["period"],
        figures=content["figures"],
    )
    archive.add_child(instance=page)
    page = publish(page)
    replacements = {"title": content["english_title"], "summary": content["english_summary"]}
    english = save_translation(
        page,
        Locale.objects.get(language_code="en"),
        lambda segment: replacements.get(segment.context.path, segment.string.data),
        tool_name="demo",
    )
    publish(english)
    return page


# The 2021 plan's indicators linked to a statistic, found by the words of their text.
LINKED_INDICATORS = {"у року од недељу дана": "response_share"}


def _linked(indicators):
    changed = False
    for indicator in indicators:
        for words, statistic in LINKED_INDICATORS.items():
            if words in indicator["text"] and indicator.get("statistic") != statistic:
                indicator["statistic"] = statistic
                changed = True
    return changed


def link_plan_indicators(plan):
    """Links the 2021 plan's "65 % answered within a week" to the statistic, as an editor
    would in the admin, so the plan shows the figure so far from the published report."""
    if plan.slug != "work-plan-2021":
        return
    changed = False
    for block in plan.body:
        if block.block_type != "general_goal":
            continue
        changed |= _linked(block.value["indicators"])
        for goal in block.value["specific_goals"]:
            changed |= _linked(goal["indicators"])
    if changed:
        publish(plan)


def load():
    home = source_home()
    archive = archive_page(home)
    english_version(archive, CONTENT["archive"]["en"])
    outcomes = []
    for name in CONTENT["seeds"]:
        page, outcome = import_file(settings.SEEDS_DIR / name, archive)
        link_plan_indicators(page)
        english_publication(page)
        outcomes.append(f"{page.slug} {outcome}")
    report = statistical_report(archive)
    outcomes.append(f"{report.slug} published")
    return ", ".join(outcomes)
