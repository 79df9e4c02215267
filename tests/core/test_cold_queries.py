"""The first render after a publish, which every visitor gets on a campaign morning, costs few
queries: with every cache cleared (page and fragment caches, Wagtail's site root paths, the
intake links, the frame version) the home page and the 2021 plan render in at most 12
queries each, and once the shared parts are cached in no more than they did before (issue 20,
docs/benchmarks.md "Cold caches")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import frame_cache
from tests.conftest import _clear_caches
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


@pytest.mark.parametrize("path", ["/", PLAN])
def test_a_cold_page_needs_few_queries(client, path):
    queries = cold_queries(client, path)
    assert len(queries) <= COLD_MOST, "\n".join(query[:150] for query in queries)


@pytest.mark.parametrize("path", list(WARM_MOST))
def test_a_warm_page_needs_no_more_queries_than_before(client, path):
    cold_queries(client, path)
    assert len(queries_for(client, path)) <= WARM_MOST[path]
