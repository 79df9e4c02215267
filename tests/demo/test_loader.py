"""Every step of `load_demo` is idempotent and never undoes an editor's change: on the demo site
itself (the `demo` fixture), moved here from the modules that test the site on the factories."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from campaigns.models import CampaignPage
from demo import campaigns as demo_campaigns
from demo import news as demo_news
from demo import pages as loader
from demo.news import NEWS
from news.models import NewsPage
from tests.campaigns.campaign_support import at, campaign

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


# ---------------------------------------------------------------- pages (from test_latin_sync.py)


def test_demo_loader_is_idempotent():
    pages, revisions = Page.objects.count(), Revision.objects.count()
    loader.load()
    loader.load()
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions


def test_demo_loader_keeps_an_editors_change():
    about = Page.objects.get(locale__language_code="sr", slug="about").specific
    about.intro = "Уредник је ово променио."
    about.save_revision().publish()
    loader.load()
    about.refresh_from_db()
    assert about.intro == "Уредник је ово променио."


# ------------------------------------------------------------ campaigns (from test_campaigns.py)


def test_demo_campaign_step_is_idempotent_and_keeps_edits():
    page = campaign("world-day-2026")
    page.key_message = "Уредник је ово променио."
    page.save_revision().publish()
    counts = [
        model.objects.count() for model in (Page, Revision, get_image_model(), get_document_model())
    ]
    demo_campaigns.load()
    assert counts == [
        model.objects.count() for model in (Page, Revision, get_image_model(), get_document_model())
    ]
    assert campaign("world-day-2026").key_message == "Уредник је ово променио."


def test_demo_campaigns_have_three_languages_and_generated_images():
    for slug in ("world-day-2026", "eu-day-2026", "world-day-2027", "eu-day-2027"):
        pages = {p.locale.language_code: p for p in CampaignPage.objects.filter(slug=slug)}
        assert set(pages) == {"sr", "sr-latn", "en"}, slug
        sr = pages["sr"]
        assert sr.hero_image.width == 1600 and sr.share_image.width == 1200
        assert pages["en"].hero_image_id == sr.hero_image_id
    held = [campaign(slug) for slug in ("world-day-2026", "eu-day-2026")]
    today = datetime.date(2026, 11, 22)
    assert all(p.live and all(e["date"] < today for e in p.sorted_events()) for p in held)
    scheduled = [campaign(slug) for slug in ("world-day-2027", "eu-day-2027")]
    for page in scheduled:
        assert not page.live
        weeks = (page.campaign_date - page.go_live_at.date()).days / 7
        assert 4 <= weeks <= 8


# ---------------------------------------------------------------- news (from test_news.py)


def test_demo_news_step_is_idempotent_and_keeps_edits():
    page = NewsPage.objects.get(slug="shelter-2023", locale__language_code="sr")
    page.summary = "Уредник је ово променио."
    page.save_revision().publish()
    counts = Page.objects.count(), Revision.objects.count()
    demo_news.load()
    assert (Page.objects.count(), Revision.objects.count()) == counts
    page.refresh_from_db()
    assert page.summary == "Уредник је ово променио."


def test_demo_news_comes_from_the_2023_report(settings):
    report = (settings.SEEDS_DIR / "003_a9eecb14d69d6bb7.txt").read_text()
    assert 3 <= len(NEWS) <= 5
    # Phrases the items take from the report are in the report.
    for phrase in [
        "Водича за писање налаза и мишљења",
        "Ментално здравље жртава трговине људима и пружаоца услуга",
        "Putting Victims First – Social path to identification and assistance",
        "успоставимо систем брзог реаговања на пријаве",
        "локалног тима за борбу против трговине људима у Смедереву",
    ]:
        assert phrase in report, phrase
    html = " ".join(
        str(NewsPage.objects.get(slug=e["slug"], locale__language_code="sr").body) for e in NEWS
    )
    assert "Смедереву" in html and "Putting Victims First" in html


# ------------------------------------------------------- campaigns (from test_featured_campaign.py)


def test_demo_2027_campaigns_go_live_in_every_language_when_scheduled(client, time_machine):
    pages = CampaignPage.objects.filter(slug="eu-day-2027")
    assert pages.count() == 3 and not any(page.live for page in pages)
    assert client.get("/en/campaigns/eu-day-2027/").status_code == 404
    time_machine.move_to(at(2027, 9, 6, 9, 1), tick=False)
    call_command("publish_scheduled", stdout=StringIO())
    for prefix in ("", "/sr-latn", "/en"):
        assert client.get(f"{prefix}/campaigns/eu-day-2027/").status_code == 200, prefix
