"""The Centre's own short guides for staff, under /admin/guides/ and in the admin's Help menu.

Each guide is a template typed twice: in Serbian Cyrillic (templates/guides/sr/) and in English
(templates/guides/en/). A member of staff whose admin is in Serbian Latin reads the Cyrillic one
transliterated as it is sent, so the Latin text is never typed and never falls behind.

Screenshots: `{% screenshot "name" "text alternative" %}` in a guide shows
static/guides/<language>/<name>.png (sr, sr-latn or en) once that file exists, and nothing before;
the browser walk-through makes them (docs/publishing.md).
The guides ask for triage-queue, triage-safe-contact, publishing-news-editor, campaigns-copy and
translations-editor. Button names are written `{% ui "Save Draft" %}`: the admin's own message
id, so the guide names what the screen shows in the reader's language.

Any member of staff who may use the admin reads all four: they are served by admin URLs, which
Wagtail lets in only with `wagtailadmin.access_admin` (the public role mounts no admin at all).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Workflow

from core.translit import to_latin


@dataclass(frozen=True)
class Guide:
    name: str  # in the URL, the template's file name and the screenshots' names
    title: Promise
    summary: Promise
    icon: str


GUIDES = [
    Guide(
        "triage",
        _("Receiving and handling referrals"),
        _("The queue and its deadlines, opening a case, safe contact, notes, status."),
        "warning",
    ),
    Guide(
        "publishing",
        _("Publishing"),
        _("A news item from draft to the site, moderation, unpublishing, the home page."),
        "doc-full",
    ),
    Guide(
        "campaigns",
        _("Campaigns"),
        _("30 July and 18 October: next year's campaign from last year's page."),
        "calendar",
    ),
    Guide(
        "translations",
        _("Translations"),
        _("Serbian Latin made for you, English with the translation editor."),
        "globe",
    ),
]
BY_NAME = {guide.name: guide for guide in GUIDES}


def text_language():
    """The folder of the guides' text for the admin's current language: English for English,
    the Cyrillic source for both Serbian scripts."""
    return "en" if get_language() == "en" else "sr"


def is_latin():
    return get_language() == settings.LATIN_LANGUAGE_CODE


def screenshot_path(name):
    """The static path of screenshot `name` in the reader's language, or None while there is no
    such file (they are made later, by a walk through the admin). A Latin reader gets the
    Cyrillic screenshot until a Latin one exists."""
    languages = [get_language(), text_language()]
    for language in dict.fromkeys(languages):
        candidate = f"guides/{language}/{name}.png"
        if finders.find(candidate):
            return candidate
    return None


def screenshot_url(name):
    found = screenshot_path(name)
    return static(found) if found else None


def publication_workflow_name():
    """The name of the workflow editors submit pages to (the "Submit to …" action carries it),
    else a description of it while the site has none."""
    workflow = Workflow.objects.active().filter(workflow_pages__isnull=False).order_by("pk").first()
    return workflow.name if workflow else _("Publication")


class GuideIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guides/index.html"
    page_title = _("Centre's guides")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guides"] = [
            {"guide": guide, "url": reverse("centre_guide", args=[guide.name])} for guide in GUIDES
        ]
        return context


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guides/guide.html"

    def dispatch(self, request, *args, **kwargs):
        self.guide = BY_NAME.get(kwargs["name"])
        if self.guide is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.guide.title

    def get_header_icon(self):
        return self.guide.icon

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("centre_guides"), "label": _("Centre's guides")},
            {"url": "", "label": self.guide.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = render_to_string(
            f"guides/{text_language()}/{self.guide.name}.html",
            {"workflow_name": publication_workflow_name()},
            request=self.request,
        )
        # to_latin changes Cyrillic letters only: tags, attributes and entities are ASCII and
        # pass through, so the rendered (already escaped) HTML stays as safe as it was.
        context["guide_body"] = mark_safe(to_latin(body) if is_latin() else body)  # noqa: S308
        context["guide"] = self.guide
        context["others"] = [guide for guide in GUIDES if guide is not self.guide]
        return context


def admin_urls():
    return [
        path("guides/", GuideIndexView.as_view(), name="centre_guides"),
        path("guides/<slug:name>/", GuideView.as_view(), name="centre_guide"),
    ]


# Before Wagtail's own help items (What's new 1000, Editor Guide 1100, Shortcuts 1200).
INDEX_ORDER = 500


def help_menu_items():
    """One hook function per item (Wagtail asks each for one): the index, then each guide."""
    items = [
        lambda: MenuItem(
            _("Centre's guides"),
            reverse("centre_guides"),
            name="centre-guides",
            icon_name="help",
            order=INDEX_ORDER,
        )
    ]
    for number, guide in enumerate(GUIDES, start=1):
        items.append(
            lambda guide=guide, number=number: MenuItem(
                guide.title,
                reverse("centre_guide", args=[guide.name]),
                name=f"centre-guide-{guide.name}",
                icon_name=guide.icon,
                order=INDEX_ORDER + number,
            )
        )
    return items
