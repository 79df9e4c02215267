"""Demo step: the two form pages under the home page (content/forms.toml), in Serbian Cyrillic
(published, so the Latin pages follow) and English. Idempotent, and never overwrites an editor's
change."""

from django.db import transaction

from referrals.models import ProfessionalReferralPage, ReportPage

from .loader import english_version, publish, read, source_home, stream

CONTENT = read("forms")
# The page models the data file names in `type`.
MODELS = {model.__name__: model for model in (ReportPage, ProfessionalReferralPage)}


def form_page(home, entry):
    existing = home.get_children().filter(slug=entry["slug"]).first()
    if existing is not None:
        return existing.specific
    content = entry["sr"]
    page = MODELS[entry["type"]](
        title=content["title"],
        slug=entry["slug"],
        intro=content["intro"],
        body=stream(content["body"]),
        show_in_menus=False,
    )
    home.add_child(instance=page)
    return publish(page)


@transaction.atomic
def load():
    home = source_home()
    for entry in CONTENT["pages"]:
        page = form_page(home, entry)
        english_version(page, entry["en"])
    return f"{len(CONTENT['pages'])} form pages in each language"
