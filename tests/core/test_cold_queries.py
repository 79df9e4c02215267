"""The first render after a publish, which every visitor gets on a campaign morning, costs few
queries: with every cache cleared (page and fragment caches, Wagtail's site root paths, the
intake links, the frame version) the home page and the 2021 plan render in at most 12
queries each, and once the shared parts are cached in no more than they did before (issue 20,
docs/benchmarks.md "Cold caches")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import frame_cache
from tests.conftest import _clear_caches, parse_page
from tests.home.test_public_pages import content  # noqa: F401 (the module's pages)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("content")]

PLAN = "/plans-and-reports/work-plan-2021/"
COLD_MOST = 12
# What the pages took once the shared parts were cached, before this was measured.
WARM_MOST = {"/": 6, "/en/": 7, "/help/what-to-do/": 10, PLAN: 12}


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in queries.captured_queries]


def cold_queries(client, path):
    """The queries of a render with every cache cleared; one render first, so that what this
    process keeps for good (content types, compiled templates) is kept, as in a worker that
    has served a page before the publish."""
    queries_for(client, path)
    _clear_caches()
    frame_cache.forget()
    return queries_for(client, path)


# A translated home page looks its translation up where Wagtail's routing starts (the site's
# root is the Cyrillic page): two more than the source's. It took 17 before the translations of
# the home, help and safety pages were each read once per request.
@pytest.mark.parametrize("path, most", [("/", COLD_MOST), (PLAN, COLD_MOST), ("/en/", 14)])
def test_a_cold_page_needs_few_queries(client, path, most):
    queries = cold_queries(client, path)
    assert len(queries) <= most, "\n".join(query[:150] for query in queries)


@pytest.mark.parametrize("path", list(WARM_MOST))
def test_a_warm_page_needs_no_more_queries_than_before(client, path):
    cold_queries(client, path)
    assert len(queries_for(client, path)) <= WARM_MOST[path]


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="not for the public"
    )


def test_a_page_below_a_private_section_asks_for_the_password(client, site_pages):
    """The restriction check of the served page reads the ancestors' restrictions through the
    routing (SitePage.get_view_restrictions): a section's restriction covers its pages."""
    restrict(site_pages.page("help"))
    html = client.get("/help/what-to-do/").content.decode()
    assert "Ако си у опасности" not in html and 'name="password"' in html


def test_an_alias_of_a_private_page_asks_for_the_password(client, site_pages):
    private = site_pages.page("help").get_children().get(slug="what-to-do").specific
    restrict(private)
    private.create_alias(parent=site_pages.page("about"), update_slug="alias-of-what-to-do")
    html = client.get("/about/alias-of-what-to-do/").content.decode()
    assert "Ако си у опасности" not in html and 'name="password"' in html


def test_private_pages_are_left_out_of_the_menu_help_box_and_intake_links(client, site_pages):
    about = site_pages.page("about")
    report = site_pages.page("report")
    private_help = site_pages.page("help").get_children().get(slug="what-to-do")
    for page in (about, report, private_help):
        restrict(page)
    links = parse_page(client.get("/").content.decode()).links
    assert about.url not in links and report.url not in links
    assert private_help.url not in links
    assert site_pages.page("help").url in links  # the section itself is public
    assert site_pages.page("professional-referral").url in links


def test_a_warm_plan_does_not_build_its_body_again(client, monkeypatch):
    """The plan's body HTML is cached; reading the stored body into blocks (a whole action plan
    at once) on every request cost a third of the render (docs/benchmarks.md)."""
    from wagtail.blocks.stream_block import StreamValue

    built = []
    prefetch = StreamValue._prefetch_blocks

    def counted(self, type_name):
        built.append(type_name)
        return prefetch(self, type_name)

    queries_for(client, PLAN)  # the body's HTML is cached now
    monkeypatch.setattr(StreamValue, "_prefetch_blocks", counted)
    queries_for(client, PLAN)
    assert built == []
