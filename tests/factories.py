"""Factories for the tests: each test makes the pages it asserts on, with texts of its own, so a
change to the demo's wording (home/demo/, loaded by `manage.py load_demo`) breaks no test but
tests/test_demo_smoke.py.

Pages are published through a revision, as an editor publishes: that is what makes the Latin
translation (home/latin.py). `minimal_site()` builds the part of the tree every page needs: the
Cyrillic home with its Latin and English translations, the help and safety pages, the two form
pages and the contacts; tests/conftest.py builds it once per session.
"""

import json
import uuid

import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignIndexPage, CampaignPage
from core.latin import publish_revision, save_translation
from core.models import ContactSettings, SocialSettings
from core.translit import to_latin
from home.models import CampaignSettings, HomePage, StandardPage
from identification.models import IdentificationPage, IndicatorSetPage
from news.models import NewsIndexPage, NewsPage
from publications.models import Kind, PublicationIndexPage, PublicationPage
from referrals.models import ProfessionalReferralPage, ReportPage

CENTRE_PHONE = "+381 11 000 0000"
CENTRE_EMAIL = "info@centar.example"


def stream(*blocks):
    """A StreamField value from (type, value) pairs, in the raw form the field stores."""
    return json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]
    )


def publish(page):
    """Publishes the page as the editor's "Publish" does (the Latin page follows) and returns
    it fresh from the database."""
    publish_revision(page.save_revision().pk)
    return Page.objects.get(pk=page.pk).specific


def locale(language_code):
    return Locale.objects.get(language_code=language_code)


def translate(page, language_code="en", texts=None, untranslated=to_latin):
    """The published translation of `page` into `language_code`, made as wagtail-localize makes
    one: `texts` maps a source string to its translation; a string it lacks is transliterated,
    so an English page made here never shows Cyrillic letters (or, with `untranslated=str`,
    kept in Serbian, as a document published in Serbian only is)."""
    texts = texts or {}
    return save_translation(
        page,
        locale(language_code),
        lambda segment: texts.get(segment.string.data, untranslated(segment.string.data)),
        tool_name="tests",
    ).specific


class SitePageFactory(wagtail_factories.PageFactory):
    """A page of the site under `parent`, published unless `published=False` (a draft)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Страница {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, published=True, **kwargs):
        if not published:
            kwargs.setdefault("live", False)
        page = super()._create(model_class, *args, **kwargs)
        return publish(page) if published else page


class HomePageFactory(SitePageFactory):
    class Meta:
        model = HomePage

    title = "Почетна"
    slug = "home"
    lead = "Увод почетне стране."


class StandardPageFactory(SitePageFactory):
    class Meta:
        model = StandardPage

    intro = "Увод странице."
    body = factory.LazyFunction(lambda: stream(("paragraph", "<p>Текст странице.</p>")))


class ReportPageFactory(SitePageFactory):
    class Meta:
        model = ReportPage

    title = "Пријави или потражи помоћ"
    slug = "report"
    intro = "Пријава може бити анонимна."


class ProfessionalReferralPageFactory(SitePageFactory):
    class Meta:
        model = ProfessionalReferralPage

    title = "Упућивање за стручњаке"
    slug = "professional-referral"
    intro = "Упућивање стручњака."


class NewsIndexPageFactory(SitePageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Вести"
    slug = "news"


class NewsPageFactory(SitePageFactory):
    """A news item under a NewsIndexPageFactory page (the minimal site's: `news`)."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Вест {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "Кратак садржај вести."

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # `tags`: NewsTag objects, added before the first save as an editor adds them.
        tags = kwargs.pop("tags", ())
        page = model_class(**kwargs)
        page.tags.add(*tags)
        parent.add_child(instance=page)
        return page


class PublicationIndexPageFactory(SitePageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Планови и извештаји"
    slug = "plans-and-reports"


class PublicationPageFactory(SitePageFactory):
    """A publication under a PublicationIndexPageFactory page."""

    class Meta:
        model = PublicationPage

    kind = Kind.WORK_PLAN
    year_start = 2021
    year_end = factory.SelfAttribute("year_start")
    summary = "Сажетак публикације."
    body = factory.LazyFunction(
        lambda: stream(("heading", "Увод"), ("paragraph", "<p>Текст публикације.</p>"))
    )


class IdentificationPageFactory(SitePageFactory):
    class Meta:
        model = IdentificationPage

    title = "Провера индикатора"
    slug = "identification"
    intro = "Изаберите свој сектор."


def indicator(text, weight="general", applies_to="both"):
    """An indicator of an IndicatorSetPageFactory's `groups`, explained and with an example."""
    return {
        "type": "item",
        "id": str(uuid.uuid4()),
        "value": {
            "text": text,
            "explanation": f"Објашњење: {text}",
            "example": f"Пример: {text}",
            "weight": weight,
            "applies_to": applies_to,
        },
    }


# Two groups, each with more than one question for a child; strong signs for a child, and signs
# that concern only children or only adults.
INDICATOR_GROUPS = [
    (
        "Знаци код детета",
        [
            indicator("Дете каже да ради да би вратило дуг.", "strong", "children"),
            indicator("Неко други држи документа особе.", "strong"),
            indicator("Дете често изостаје из школе.", "general", "children"),
        ],
    ),
    (
        "Знаци у окружењу",
        [
            indicator("Особа ради без плате.", "strong", "adults"),
            indicator("Особа не зна адресу где живи.", "general"),
            indicator("Особу свуда прати иста одрасла особа.", "general"),
        ],
    ),
]


class IndicatorSetPageFactory(SitePageFactory):
    """One sector's indicators under an IdentificationPageFactory page (INDICATOR_GROUPS)."""

    class Meta:
        model = IndicatorSetPage

    title = "Школе"
    slug = "schools"
    intro = "Индикатори за запослене у школама."
    groups = factory.LazyFunction(
        lambda: stream(
            *(("group", {"title": title, "indicators": items}) for title, items in INDICATOR_GROUPS)
        )
    )


class CampaignIndexPageFactory(SitePageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "Кампање"
    slug = "campaigns"
    show_in_menus = True


class ImageFactory(wagtail_factories.ImageFactory):
    """A generated PNG: `file__filename`, `file__width`, `file__height` set its name and size."""

    title = factory.Sequence(lambda n: f"Слика {n}")
    file = factory.django.ImageField(filename="image.png", width=800, height=450, format="PNG")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Документ {n}")
    file = factory.django.FileField(filename="document.txt", data=b"text of the document")


def picture(filename, width, height):
    return ImageFactory(file__filename=filename, file__width=width, file__height=height)


class CampaignPageFactory(SitePageFactory):
    """A campaign under a CampaignIndexPageFactory page, with its hero and share images (named
    after the slug) and no events, actions or materials unless given."""

    class Meta:
        model = CampaignPage

    title = factory.LazyAttribute(lambda o: f"Кампања {o.slug}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    observance = "world-day"
    year = 2026
    key_message = factory.LazyAttribute(lambda o: f"Кључна порука кампање {o.year}.")
    hero_image = factory.LazyAttribute(lambda o: picture(f"{o.slug}-hero.png", 800, 400))
    hero_alt = factory.LazyAttribute(lambda o: f"Датум кампање {o.year}.")
    share_image = factory.LazyAttribute(lambda o: picture(f"{o.slug}-share.png", 1200, 630))
    share_description = factory.LazyAttribute(lambda o: f"Опис за друштвене мреже {o.year}.")


# The English of the minimal site's Cyrillic texts; the rest is transliterated.
ENGLISH = {
    "Почетна": "Home",
    "Увод почетне стране.": "The home page's lead.",
    "Помоћ": "Help",
    "Безбедно прегледање": "Browsing safely",
    "О Центру": "About the Centre",
    "Вести": "News",
    "Планови и извештаји": "Plans and reports",
    "Пријави или потражи помоћ": "Report or get help",
    "Пријава може бити анонимна.": "A report may be anonymous.",
    "Упућивање за стручњаке": "Referral by professionals",
    "Упућивање стручњака.": "A professional's referral.",
    "Увод странице.": "The page's introduction.",
    "<p>Текст странице.</p>": "<p>The page's text.</p>",
}


class MinimalSite:
    """The pages of `minimal_site()`, looked up fresh, by language ("sr", "sr-latn", "en")."""

    def page(self, slug="home", language_code="sr"):
        pages = Page.objects.filter(locale__language_code=language_code)
        if slug == "home":
            return pages.get(depth=2).specific
        return pages.get(depth=3, slug=slug).specific

    @property
    def home(self):
        return self.page()

    @property
    def site(self):
        return Site.objects.get(is_default_site=True)

    @property
    def contacts(self):
        return ContactSettings.for_site(self.site)


def remove_pages():
    """Deletes every page but the root (and with the last home page, the default site)."""
    # One at a time, looked up again: deleting a Cyrillic page deletes its Latin page too.
    while page := Page.objects.filter(depth=2).order_by("path").first():
        page.delete()


def minimal_site():
    """Root → the Cyrillic home (with its Latin and English translations), its help, safety and
    about pages, the news and the publication archive (empty), the report and professional
    referral pages, the default site and its contacts."""
    root = Page.get_first_root_node()
    # Wagtail's installation leaves a welcome page; the site's home takes its place.
    remove_pages()
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = "Центар за заштиту жртава трговине људима"
    site.save()
    menu = {"show_in_menus": True}
    pages = {
        "help": StandardPageFactory(parent=home, title="Помоћ", slug="help", **menu),
        "safety": StandardPageFactory(parent=home, title="Безбедно прегледање", slug="safety"),
        "about": StandardPageFactory(parent=home, title="О Центру", slug="about", **menu),
        "news": NewsIndexPageFactory(parent=home, **menu),
        "plans-and-reports": PublicationIndexPageFactory(parent=home, **menu),
        "report": ReportPageFactory(parent=home),
        "professional-referral": ProfessionalReferralPageFactory(parent=home),
    }
    home.help_page = pages["help"]
    home = publish(home)
    english_home = translate(home, texts=ENGLISH)
    for page in pages.values():
        translate(page, texts=ENGLISH)
    english_home.help_page = pages["help"].get_translation(english_home.locale)
    publish(english_home)
    contacts = ContactSettings.for_site(site)
    contacts.centre_phone, contacts.centre_email = CENTRE_PHONE, CENTRE_EMAIL
    contacts.safety_page = pages["safety"]
    contacts.save()
    # Created now rather than by the first visitor, whose request would renew the frame cache.
    SocialSettings.for_site(site)
    CampaignSettings.for_site(site)
    return MinimalSite()
