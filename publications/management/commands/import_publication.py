from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publications.importer.store import import_file
from publications.models import PublicationIndexPage


class Command(BaseCommand):
    help = (
        "Import a plan or report in the Centre's plain-text form as a structured publication "
        "page (2021-style and 2019-style work plans, action plans, work reports)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--archive", help="slug of the Cyrillic archive page (default: the only one)"
        )
        parser.add_argument("--update", action="store_true", help="replace an earlier import")
        parser.add_argument("--draft", action="store_true", help="save without publishing")
        parser.add_argument("--no-attach", action="store_true", help="do not attach the file")

    def handle(self, *args, files, archive, update, draft, no_attach, **options):
        archives = PublicationIndexPage.objects.filter(locale__language_code="sr")
        if archive:
            archives = archives.filter(slug=archive)
        if archives.count() != 1:
            raise CommandError("name the archive page with --archive SLUG (none or several found)")
        index = archives.get()
        for path in files:
            if not path.is_file():
                raise CommandError(f"no such file: {path}")
            try:
                page, outcome = import_file(
                    path, index, update=update, publish=not draft, attach=not no_attach
                )
            except (ValueError, UnicodeDecodeError) as error:
                raise CommandError(f"{path.name}: {error}") from error
            self.stdout.write(f"{path.name}: {outcome} — {page.title} ({page.url_path})")
