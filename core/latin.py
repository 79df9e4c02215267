"""Keeps the Serbian Latin site in step with the Cyrillic source.

Every time a Cyrillic page is published, its Latin translation is rebuilt through
wagtail-localize: each translatable segment of the source gets a transliterated translation, and
the translation is saved and published. Editors therefore write Serbian once; the Latin page is
never edited by hand (an edit there is overwritten on the next publish of the source).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, validate_translation_links

from config.tasks import coalesced_index_updates

from .translit import to_latin

SOURCE_LANGUAGE = "sr"
TOOL_NAME = "cyrtranslit"


def latin_locale():
    return Locale.objects.filter(language_code=settings.LATIN_LANGUAGE_CODE).first()


def is_source(page):
    return page.locale.language_code == SOURCE_LANGUAGE


def publish_revision(revision_id):
    """Publish a revision from a fresh copy of its page: a page object held in memory while
    children were added has a stale child count, and publishing it would hide the children."""
    Revision.objects.get(pk=revision_id).publish()


@transaction.atomic
def save_translation(page, locale, translate, tool_name):
    """Create or update the translation of `page` into `locale` through wagtail-localize, with
    `translate(segment)` giving the text of each string segment of the source, and publish it
    if the source is live. Editors then see it as an ordinary wagtail-localize translation.
    The translation is saved several times on the way: it is indexed once, at the end."""
    with coalesced_index_updates():
        return _save_translation(page, locale, translate, tool_name)


def _save_translation(page, locale, translate, tool_name):
    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = source.stringsegment_set.select_related("string", "context").order_by("order")
    store_strings(list(segments), locale, translate, tool_name)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    # wagtail-localize would publish on commit from its in-memory copy of the page: publish now.
    translation.save_target(publish=False)
    target = page.get_translation(locale)
    if page.live:
        publish_revision(target.latest_revision_id)
    return target


def store_strings(segments, locale, translate, tool_name):
    """The translation of each string segment, in three queries instead of two a segment: the
    ones already stored and unchanged are left alone (a republish with the same text writes
    nothing), the changed ones updated together, the new ones inserted together. What
    StringTranslation.save() adds is done here too: a translation whose markup or links do not
    match its source is marked `has_error`. (Its post_save signal, which bulk writes do not
    send, sets a page's draft title from the title's translation: save_target, which follows,
    sets the title and draft title from the same strings.)"""
    stored = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=locale,
            translation_of__in={segment.string_id for segment in segments},
            context__in={segment.context_id for segment in segments},
        )
    }
    machine = StringTranslation.TRANSLATION_TYPE_MACHINE
    added, changed, now = {}, {}, timezone.now()
    for segment in segments:
        key = (segment.string_id, segment.context_id)
        data = translate(segment)
        values = {
            "data": data,
            "translation_type": machine,
            "tool_name": tool_name,
            "has_error": not _valid(segment.string.data, data),
            "field_error": "",
        }
        row = stored.get(key) or added.get(key)
        if row is None:
            added[key] = StringTranslation(
                translation_of_id=segment.string_id,
                locale=locale,
                context_id=segment.context_id,
                **values,
            )
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = now
            changed[key] = row
    StringTranslation.objects.bulk_create(added.values())
    if changed:  # (`values` is the last segment's: the same fields for every segment)
        StringTranslation.objects.bulk_update(changed.values(), [*values, "updated_at"])


def _valid(source, translated):
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source, translated)
    except ValueError:
        return False
    return True


def sync_latin(page):
    """Create or update the Latin translation of a published Cyrillic page, and of any of its
    ancestors that lack one (wagtail-localize needs the parent translated first)."""
    locale = latin_locale()
    if locale is None or not is_source(page):
        return None
    page = page.specific
    parent = page.get_parent()
    if parent is not None and not parent.is_root() and not parent.has_translation(locale):
        sync_latin(parent)
    return save_translation(
        page, locale, lambda segment: to_latin(segment.string.data), tool_name=TOOL_NAME
    )


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
