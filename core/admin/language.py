"""The admin in each staff member's language and script, where Wagtail would mix them.

- Wagtail builds its menu items once per process and keeps them. Two of them are translated at
  that moment (wagtail_localize's "Translations" report and Wagtail's "What's new" help link),
  so every staff member would read them in the language of the first request the process
  served. They are translated again for each request here.
- The Settings menu's footer says "Wagtail v8.0.1" in English whatever the language (Wagtail
  writes it without gettext): it is said in the admin's language here.
- The site's name (a Site record or WAGTAIL_SITE_NAME) is typed in Cyrillic; a staff member who
  reads the admin in Latin script reads it transliterated (the public site does the same).
"""

import copy

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail import VERSION, __version__, hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.wagtail_hooks import SettingsMenuItem

from ..translit import to_latin


def latin_admin():
    return (get_language() or "").lower() == settings.LATIN_LANGUAGE_CODE


def in_admin_script(text):
    """`text` in the script of the admin being rendered."""
    return to_latin(text) if latin_admin() else text


def _relabel(items, matches, label):
    for index, item in enumerate(items):
        if matches(item):
            fresh = copy.copy(item)
            fresh.label = label
            items[index] = fresh


@hooks.register("construct_reports_menu")
def translate_translations_report_label(request, items):
    report_url = reverse("wagtail_localize:translations_report")
    _relabel(items, lambda item: item.url == report_url, gettext("Translations"))


@hooks.register("construct_help_menu")
def translate_whats_new_label(request, items):
    version = f"{VERSION[0]}.{VERSION[1]}"
    label = gettext("What's new in Wagtail %(version)s") % {"version": version}
    _relabel(items, lambda item: item.name.startswith("whats-new-in-wagtail-"), label)


class _TranslatedFooterSettingsMenuItem(SettingsMenuItem):
    def render_component(self, request):
        component = super().render_component(request)
        # Wagtail's own msgid "Wagtail" (locale_wagtail): "Вагтејл 8.0.1", "Vagtejl 8.0.1".
        component.footer_text = f"{gettext('Wagtail')} {__version__}"
        return component


@hooks.register("construct_main_menu")
def translate_settings_menu_footer(request, items):
    for index, item in enumerate(items):
        if type(item) is SettingsMenuItem:
            fresh = copy.copy(item)
            fresh.__class__ = _TranslatedFooterSettingsMenuItem
            items[index] = fresh


class _InAdminScript(Component):
    """A dashboard summary item rendered in the script of the admin."""

    def __init__(self, item):
        self.item = item
        self.order = item.order

    def is_shown(self):
        return self.item.is_shown()

    @property
    def media(self):
        return self.item.media

    def render_html(self, parent_context=None):
        html = self.item.render_html(parent_context)
        # Transliteration changes letters only, never markup: the safe HTML stays safe.
        return mark_safe(to_latin(str(html))) if latin_admin() else html  # noqa: S308


# After Wagtail's own hooks have added the pages, images and documents items.
@hooks.register("construct_homepage_summary_items", order=100)
def summary_in_admin_script(request, items):
    items[:] = [_InAdminScript(item) for item in items]
