"""The home page's featured campaign: the window around the day at its edges (with time travel, in
the site's time zone), the switch to the next campaign, and scheduled publishing of a copied
campaign."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from campaigns.models import CampaignPage
from home.models import CampaignSettings
from news.models import NewsIndexPage
from tests.campaigns.campaign_support import EU_DAY_2026, WORLD_DAY_2026, at, campaign
from tests.factories import NewsPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("campaigns")]


def featured_on_home(client, path="/"):
    """(title, "current" | "next") of the campaign the home page features, or None."""
    html = client.get(path).content.decode()
    if 'class="featured-campaign"' not in html:
        return None
    section = html.split('class="featured-campaign"', 1)[1].split("</section>", 1)[0]
    heading = section.split("</h2>", 1)[0]
    title = section.split('class="card__title"><a href="', 1)[1].split('">', 1)[1]
    title = title.split("</a>", 1)[0]
    labels = {
        "Актуелна кампања": "current",
        "Aktuelna kampanja": "current",
        "Current campaign": "current",
        "Следећа кампања": "next",
        "Sledeća kampanja": "next",
        "Next campaign": "next",
    }
    kind = next(value for label, value in labels.items() if label in heading)
    return title, kind


@pytest.mark.parametrize(
    "moment, expected",
    [
        # One day before the window opens (21 days before 30 July is 9 July): the next one.
        (at(2026, 7, 8, 23, 59), (WORLD_DAY_2026, "next")),
        # The window opens at midnight in Belgrade (still 8 July in UTC).
        (at(2026, 7, 9, 0, 1), (WORLD_DAY_2026, "current")),
        (at(2026, 7, 30, 12, 0), (WORLD_DAY_2026, "current")),
        # The last day of the window: 7 days after.
        (at(2026, 8, 6, 23, 59), (WORLD_DAY_2026, "current")),
        # One day later 18 October is next, and current from 21 days before it.
        (at(2026, 8, 7, 0, 1), (EU_DAY_2026, "next")),
        (at(2026, 9, 26, 23, 59), (EU_DAY_2026, "next")),
        (at(2026, 9, 27, 0, 1), (EU_DAY_2026, "current")),
        (at(2026, 10, 18, 9, 0), (EU_DAY_2026, "current")),
        (at(2026, 10, 25, 23, 59), (EU_DAY_2026, "current")),
        # After 18 October nothing of next year is live yet: nothing is featured.
        (at(2026, 10, 26, 0, 1), None),
    ],
)
def test_home_page_features_the_campaign_in_its_window(client, time_machine, moment, expected):
    time_machine.move_to(moment, tick=False)
    assert featured_on_home(client) == expected


def test_the_window_is_a_site_setting(client, time_machine):
    options = CampaignSettings.for_site(Site.objects.get(is_default_site=True))
    options.days_before, options.days_after = 3, 1
    options.save()
    for moment, expected in [
        (at(2026, 7, 26, 12), (WORLD_DAY_2026, "next")),
        (at(2026, 7, 27, 12), (WORLD_DAY_2026, "current")),
        (at(2026, 7, 31, 12), (WORLD_DAY_2026, "current")),
        (at(2026, 8, 1, 12), (EU_DAY_2026, "next")),
    ]:
        time_machine.move_to(moment, tick=False)
        assert featured_on_home(client) == expected, moment


def test_after_18_october_next_years_30_july_is_next(client, time_machine):
    # The 2027 campaigns are scheduled; run scheduled publishing when the
    # first goes live, as cron would.
    time_machine.move_to(at(2027, 6, 18, 9, 5), tick=False)
    call_command("publish_scheduled", stdout=StringIO())
    assert featured_on_home(client) == ("Светски дан борбе против трговине људима 2027.", "next")
    # And the rule, at the day after the 2026 window of 18 October closed.
    sr = Locale.objects.get(language_code="sr")
    featured = CampaignPage.objects.featured(datetime.date(2026, 10, 26), sr)
    assert featured.page.slug == "world-day-2027" and not featured.current
    # 2027's 18 October is not live yet (6 September): after 30 July 2027 nothing is next.
    assert CampaignPage.objects.featured(datetime.date(2027, 8, 7), sr) is None


@pytest.mark.parametrize(
    "path, title",
    [
        ("/sr-latn/", "Svetski dan borbe protiv trgovine ljudima 2026."),
        ("/en/", "World Day against Trafficking in Persons 2026"),
    ],
)
def test_each_language_features_its_own_translation(client, time_machine, path, title):
    time_machine.move_to(at(2026, 7, 30, 12), tick=False)
    assert featured_on_home(client, path) == (title, "current")


def test_featured_campaign_is_one_page_query(django_assert_max_num_queries):
    sr = Locale.objects.get(language_code="sr")
    # The private-sections lookup of public(), the page, its hero image's renditions.
    with django_assert_max_num_queries(3):
        featured = CampaignPage.objects.featured(datetime.date(2026, 7, 30), sr.pk, 21, 7)
        assert featured.page.hero_image.title
    assert featured.current


def test_home_page_queries_do_not_grow_with_the_news_shown(client, time_machine):
    time_machine.move_to(at(2026, 7, 30, 12), tick=False)
    index = NewsIndexPage.objects.get(locale__language_code="sr")
    for day in range(1, 6):
        NewsPageFactory(parent=index, date=datetime.date(2026, 7, day))
    options = CampaignSettings.for_site(Site.objects.get(is_default_site=True))

    def queries_with(news_count):
        options.home_news_count = news_count
        options.save()
        client.get("/")  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/").content.decode()
        assert html.count('class="news-item__title"') == news_count
        return len(queries)

    one, five = queries_with(1), queries_with(5)
    assert one == five
    # Measured: 27 with a featured campaign and the news (a content page without them: 17).
    assert five <= 30


def test_scheduled_publishing_of_a_copied_campaign(client, time_machine):
    # 2027's 30 July is prepared already; here an editor prepares it by copying 2026's.
    campaign("world-day-2027", "en").delete()
    campaign("world-day-2027").delete()
    time_machine.move_to(at(2027, 3, 1, 10), tick=False)
    source = campaign("world-day-2026")
    copy = source.copy(
        update_attrs={"title": "Светски дан борбе против трговине људима 2027.", "slug": "wd-2027"},
        keep_live=False,
    ).specific
    copy.year = 2027
    copy.go_live_at = at(2027, 6, 1, 8, 0)
    copy.save_revision().publish()

    copy.refresh_from_db()
    assert not copy.live and copy.campaign_date == datetime.date(2027, 7, 30)
    assert client.get("/campaigns/wd-2027/").status_code == 404
    assert featured_on_home(client) is None

    # Cron runs publish_scheduled every few minutes; the first run after go_live_at
    # publishes it.
    time_machine.move_to(at(2027, 6, 1, 7, 55), tick=False)
    call_command("publish_scheduled", stdout=StringIO())
    copy.refresh_from_db()
    assert not copy.live
    time_machine.move_to(at(2027, 6, 1, 8, 5), tick=False)
    call_command("publish_scheduled", stdout=StringIO())
    copy.refresh_from_db()
    assert copy.live and copy.first_published_at == at(2027, 6, 1, 8, 5)
    assert client.get("/campaigns/wd-2027/").status_code == 200

    # Publishing the Cyrillic page made its Latin page, and it is live too.
    latin = copy.get_translation(Locale.objects.get(language_code="sr-latn")).specific
    assert latin.live and latin.title == "Svetski dan borbe protiv trgovine ljudima 2027."
    assert client.get("/sr-latn/campaigns/wd-2027/").status_code == 200

    title = "Светски дан борбе против трговине људима 2027."
    assert featured_on_home(client) == (title, "next")
    assert featured_on_home(client, "/sr-latn/") == (
        "Svetski dan borbe protiv trgovine ljudima 2027.",
        "next",
    )
    time_machine.move_to(at(2027, 7, 9, 0, 1), tick=False)
    assert featured_on_home(client) == (title, "current")


def test_2027_campaigns_go_live_in_every_language_when_scheduled(client, time_machine):
    pages = CampaignPage.objects.filter(slug="eu-day-2027")
    assert pages.count() == 3 and not any(page.live for page in pages)
    assert client.get("/en/campaigns/eu-day-2027/").status_code == 404
    time_machine.move_to(at(2027, 9, 6, 9, 1), tick=False)
    call_command("publish_scheduled", stdout=StringIO())
    for prefix in ("", "/sr-latn", "/en"):
        assert client.get(f"{prefix}/campaigns/eu-day-2027/").status_code == 200, prefix
    assert featured_on_home(client, "/en/") == ("EU Anti-Trafficking Day 2027", "next")
