"""Derives the Serbian Latin catalogues from the Cyrillic ones and compiles every catalogue.

Both entries of LOCALE_PATHS get the same treatment: the project's own `locale/` and
`locale_wagtail/` (Wagtail's strings, typed in Cyrillic here because Wagtail ships almost no
Serbian). The Latin catalogues are generated, never typed (they are git-ignored), so the two
scripts can never drift apart. Compiling uses Django's compilemessages (GNU gettext's msgfmt).
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.translit import to_latin


def derive_latin(locale_dir: Path, domain: str) -> bool:
    source = locale_dir / "sr" / "LC_MESSAGES" / f"{domain}.po"
    if not source.exists():
        return False
    catalogue = polib.pofile(str(source))
    for entry in catalogue:
        entry.msgstr = to_latin(entry.msgstr)
        entry.msgstr_plural = {k: to_latin(v) for k, v in entry.msgstr_plural.items()}
    catalogue.metadata["Language"] = "sr_Latn"
    relative = source.relative_to(settings.BASE_DIR)
    catalogue.header = f"Generated from {relative}: do not edit."
    target = locale_dir / "sr_Latn" / "LC_MESSAGES" / f"{domain}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(target))
    return True


class Command(BaseCommand):
    help = "Generate sr_Latn from sr by transliteration in every LOCALE_PATHS entry, then compile."

    def handle(self, *args, **options):
        built = []
        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for domain in ("django", "djangojs"):
                if derive_latin(locale_dir, domain):
                    built.append(f"{locale_dir.name}/{domain}")
        # compilemessages walks the whole tree: the installed packages ship their own .mo files.
        call_command(
            "compilemessages",
            locale=["sr", "sr_Latn"],
            ignore_patterns=[".venv", "venv", "node_modules", ".git"],
            verbosity=0,
        )
        self.stdout.write(f"Catalogues built (sr, sr_Latn): {', '.join(built)}")
