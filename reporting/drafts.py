"""The monthly (and, in January, annual) statistical report drafted from the triage queue: a
draft PublicationPage in the Cyrillic archive, its figures as data, an English translation
started through wagtail-localize, and a neutral e-mail to the responsible editors.

A report is found again by its kind and period in the Serbian locale, so running again for
the same period updates the one draft. A report that has ever been published is never touched:
what the public has read is changed by an editor, not by a timer. The Latin page is derived
as usual when an editor publishes the draft (core/latin.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from core.latin import SOURCE_LANGUAGE
from publications.models import Kind, PublicationIndexPage, PublicationPage
from referrals.triage.statistics import period_label

from .figures import build_figures

EDITOR_GROUP = "Editor"


@dataclass
class Outcome:
    page: PublicationPage
    # "created", "updated" or "published" (left alone).
    action: str


def period_code(year, month=None):
    return f"{year}-{month:02d}" if month else str(year)


def title_and_summary(year, month=None):
    with translation.override(SOURCE_LANGUAGE):
        label = period_label(year, month)
        if month:
            title = gettext("Statistical report for %(period)s") % {"period": label}
            summary = gettext(
                "Referrals received by the Centre in %(period)s: by channel, referrer, form of "
                "exploitation, age band and gender, and how quickly they were answered."
            ) % {"period": label}
        else:
            title = gettext("Annual statistical report for %(year)s") % {"year": year}
            summary = gettext(
                "Referrals received by the Centre in %(year)s, month by month: by channel, "
                "referrer, form of exploitation, age band and gender, and how quickly they were "
                "answered."
            ) % {"year": year}
    return title, summary


def source_archive():
    locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    archive = PublicationIndexPage.objects.filter(locale=locale).order_by("path").first()
    if archive is None:
        raise LookupError("no publication archive in the Serbian source locale")
    return archive


def find_report(year, month=None):
    return (
        PublicationPage.objects.filter(
            locale__language_code=SOURCE_LANGUAGE,
            kind=Kind.STATISTICAL_REPORT,
            statistics_period=period_code(year, month),
        )
        .order_by("pk")
        .first()
    )


def _create(year, month, figures):
    title, summary = title_and_summary(year, month)
    page = PublicationPage(
        title=title,
        slug=f"statistical-report-{period_code(year, month)}",
        kind=Kind.STATISTICAL_REPORT,
        year_start=year,
        year_end=year,
        summary=summary,
        statistics_period=period_code(year, month),
        figures=figures,
        live=False,
    )
    source_archive().add_child(instance=page)
    page.save_revision()
    return page


def _update(page, figures):
    # The editor's words in the latest draft stay; only the figures are renewed.
    draft = page.get_latest_revision_as_object()
    draft.figures = figures
    PublicationPage.objects.filter(pk=page.pk).update(figures=figures)
    draft.save_revision()
    return PublicationPage.objects.get(pk=page.pk)


def start_english(page):
    """An English draft through wagtail-localize, its strings still Serbian until translated;
    the figures (stored as data) come across as they are. None without an English locale."""
    locale = Locale.objects.filter(language_code="en").first()
    if locale is None:
        return None
    source, _created = TranslationSource.update_or_create_from_instance(page)
    english, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    english.save_target(publish=False)
    return page.get_translation(locale)


@transaction.atomic
def draft_report(year, month=None):
    existing = find_report(year, month)
    if existing is not None and (existing.live or existing.first_published_at):
        return Outcome(existing, "published")
    figures = build_figures(year, month)
    if existing is None:
        page, action = _create(year, month, figures), "created"
    else:
        page, action = _update(existing, figures), "updated"
    start_english(page)
    return Outcome(page, action)


def recipients():
    if settings.STATISTICAL_REPORT_EMAILS:
        return list(settings.STATISTICAL_REPORT_EMAILS)
    editors = get_user_model().objects.filter(groups__name=EDITOR_GROUP, is_active=True)
    return sorted({user.email for user in editors if user.email})


def notify(outcome):
    """A neutral e-mail with a link to the draft: no figure, nothing about anyone."""
    to = recipients()
    if not to:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[outcome.page.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Statistical report ready for review: %(title)s") % {
            "title": outcome.page.title
        }
        body = gettext(
            "A draft of the statistical report was prepared from the triage queue's statistics. "
            "It is not published: please check it, write what it needs and publish it.\n\n"
            "Open the draft: %(url)s\n"
        ) % {"url": link}
    return send_mail(subject, body, None, to)
