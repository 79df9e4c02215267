"""Derives the Serbian Latin catalogue from the Cyrillic one and compiles every catalogue.

The Latin catalogue is generated, never typed (it is git-ignored), so the two scripts can never
drift apart. Compiling uses Django's compilemessages (GNU gettext's msgfmt).
"""

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.translit import to_latin


class Command(BaseCommand):
    help = "Generate locale/sr_Latn from locale/sr by transliteration, then compile catalogues."

    def handle(self, *args, **options):
        locale_dir = settings.LOCALE_PATHS[0]
        for domain in ("django", "djangojs"):
            source = locale_dir / "sr" / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            catalogue = polib.pofile(str(source))
            for entry in catalogue:
                entry.msgstr = to_latin(entry.msgstr)
                entry.msgstr_plural = {k: to_latin(v) for k, v in entry.msgstr_plural.items()}
            catalogue.metadata["Language"] = "sr_Latn"
            catalogue.header = f"Generated from locale/sr/LC_MESSAGES/{domain}.po: do not edit."
            target = locale_dir / "sr_Latn" / "LC_MESSAGES" / f"{domain}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            catalogue.save(str(target))
        call_command("compilemessages", locale=["sr", "sr_Latn"], verbosity=0)
        self.stdout.write("Catalogues built: sr, sr_Latn")
