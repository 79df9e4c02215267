"""Admin hooks for the editors' screens: Serbian slugs filled in the browser, and a translation
editor in the admin's language whose big button is neither "Convert to alias page" nor
"Delete"."""

import re

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation

from .translation_moderation import SUBMIT_ACTION, submit_translation


@hooks.register("insert_editor_js")
def serbian_slugs():
    # Wagtail's slug filling spells ч, ш, ж as in Russian (ch, sh, zh); the script makes the
    # slug of a Cyrillic title read like the Latin page's title without diacritics.
    return format_html('<script src="{}"></script>', versioned_static("js/admin-slug.js"))


@hooks.register("insert_editor_js")
def translation_editor_strings():
    # wagtail-localize's script writes these in English without gettext; the script replaces
    # them with the admin's words, and gives those who may not publish "Submit for moderation"
    # as the big button instead of "Delete" (core/admin/translation_moderation.py).
    return format_html(
        '<script src="{}" data-heading="{}" data-more-actions="{}" data-submit="{}"></script>',
        versioned_static("js/translation-editor.js"),
        gettext("%(source)s to %(target)s translation"),
        gettext("More actions"),
        gettext("Submit for moderation"),
    )


# "Convert to alias page" replaces a translated page with the Serbian one and throws the
# translation away. wagtail-localize puts the last action of the translation editor's footer on
# its big button: for anyone who may not publish, that is this one. Only superusers keep it.


def may_convert_to_alias(user):
    return user.is_superuser


PROPS_ALIAS_URL = re.compile(r"(&quot;convertToAliasUrl&quot;: )&quot;[^&]*&quot;")


@hooks.register("before_edit_page", order=-1)
def translation_editor_without_alias_conversion(request, page):
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None or page.alias_of_id:
        return None
    if request.method == "POST" and request.POST.get("action") == SUBMIT_ACTION:
        return submit_translation(request, translation, page)
    if request.method != "GET" or may_convert_to_alias(request.user):
        return None
    response = edit_translation.edit_translation(request, translation, page)
    # The editor's React props are JSON in an escaped data attribute; drop the link from them.
    response.content = PROPS_ALIAS_URL.sub(r"\1null", response.content.decode()).encode()
    return response


@hooks.register("construct_page_action_menu")
def no_alias_conversion_in_the_page_menu(menu_items, request, context):
    if not may_convert_to_alias(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


def guarded_convert_to_alias(request, page_id):
    if not may_convert_to_alias(request.user):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


# Before wagtail-localize's own URLs (order), so this path is served by the guarded view.
@hooks.register("register_admin_urls", order=-1)
def guard_converting_to_alias():
    return [path("localize/page/<int:page_id>/convert_to_alias/", guarded_convert_to_alias)]
