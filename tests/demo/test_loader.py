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


# ---------------------------------------------------------------- campaigns (from test_campaigns.py)


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
