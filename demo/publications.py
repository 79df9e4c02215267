"""Demo step: the "Plans and reports" archive with the Centre's four real documents from the
seeds, imported by the same importer editors use, with English titles and summaries (the full
texts exist in Serbian only; content/publications.toml)."""

from django.conf import settings
from wagtail.models import Locale

from core.latin import save_translation
from publications.importer.store import import_file
from publications.models import PublicationIndexPage

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


def load():
    home = source_home()
    archive = archive_page(home)
    english_version(archive, CONTENT["archive"]["en"])
    outcomes = []
    for name in CONTENT["seeds"]:
        page, outcome = import_file(settings.SEEDS_DIR / name, archive)
        english_publication(page)
        outcomes.append(f"{page.slug} {outcome}")
    return ", ".join(outcomes)
