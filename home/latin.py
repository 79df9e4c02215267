"""Keeps the Serbian Latin site in step with the Cyrillic source.

Every time a Cyrillic page is published, its Latin translation is rebuilt through
wagtail-localize: each translatable segment of the source gets a transliterated translation, and
the translation is saved and published. Editors therefore write Serbian once; the Latin page is
never edited by hand (an edit there is overwritten on the next publish of the source).
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .translit import to_latin

SOURCE_LANGUAGE = "sr"
TOOL_NAME = "cyrtranslit"


def latin_locale():
    return Locale.objects.filter(language_code=settings.LATIN_LANGUAGE_CODE).first()


def is_source(page):
    return page.locale.language_code == SOURCE_LANGUAGE


@transaction.atomic
def sync_latin(page):
    """Create or update the Latin translation of a published Cyrillic page, and of any of its
    ancestors that lack one (wagtail-localize needs the parent translated first)."""
    locale = latin_locale()
    if locale is None or not is_source(page):
        return None
    page = page.specific
    parent = page.get_parent()
    if parent is not None and not parent.is_root() and is_source(parent):
        if not parent.has_translation(locale):
            sync_latin(parent)

    source, _created = TranslationSource.update_or_create_from_instance(page)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": to_latin(segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "tool_name": TOOL_NAME,
                "has_error": False,
            },
        )
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    # wagtail-localize would publish on commit from an in-memory copy of the page, whose tree
    # fields go stale when children are added in the same transaction; publish now, fresh.
    translation.save_target(publish=False)
    latin = page.get_translation(locale)
    if page.live:
        Revision.objects.get(pk=latin.latest_revision_id).publish()
    return latin


def unpublish_latin(page):
    locale = latin_locale()
    if locale is None or not is_source(page):
        return
    latin = page.get_translation_or_none(locale)
    if latin is not None and latin.live:
        latin.specific.unpublish()


def delete_latin(page):
    locale = latin_locale()
    if locale is None or not is_source(page):
        return
    latin = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
    if latin is not None:
        latin.delete()


# Signal receivers (connected in HomeConfig.ready): the Latin site follows the Cyrillic source
# on every publish, unpublish and delete.
def on_publish(sender, instance, **kwargs):
    sync_latin(instance)


def on_unpublish(sender, instance, **kwargs):
    unpublish_latin(instance)


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        delete_latin(instance)
