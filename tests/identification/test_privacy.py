"""Nothing of a check is kept: abandoning it half-way leaves no row in any table, no file, no
session, no cache entry and no log line; and a check is not a referral."""

import logging
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches

from identification.check import groups_of
from tests.identification.support import CHECK, hidden_fields, post, school_set, walk_to_result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("indicator_sets")]

ROOT = Path(settings.BASE_DIR)


def row_counts():
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
    }


def files():
    """Every file under the media and var folders, but the test databases: under pytest-xdist
    the other worker's SQLite journal comes and goes with its own tests (rows are counted
    above)."""
    places = [Path(settings.MEDIA_ROOT), ROOT / "var"]
    return {
        os.path.join(folder, name)
        for place in places
        if place.exists()
        for folder, _dirs, names in os.walk(place)
        for name in names
        if ".sqlite3" not in name
    }


def cache_keys():
    keys = set()
    for alias in settings.CACHES:
        backend = caches[alias]
        client = getattr(backend, "_cache", None)
        if hasattr(client, "get_client"):
            keys |= {(alias, key) for key in client.get_client(write=False).keys("*")}
        elif hasattr(client, "keys"):
            keys |= {(alias, key) for key in client.keys()}
    return keys


def half_way(client):
    """Chooses the school set, says it is a child, answers the first group (all yes) and
    stops: the state of a person who closes the page on the second group."""
    sector = school_set()
    person = post(client, [("stage", "sector"), ("sector", str(sector.pk))])
    first = post(client, hidden_fields(person) + [("child", "yes"), ("danger", "yes")])
    group = groups_of(sector, "yes")[0]
    second = post(client, hidden_fields(first) + [(i.field_name, "yes") for i in group.indicators])
    assert 'value="1"' in second.content.decode()
    return [person, first, second]


def test_abandoning_half_way_leaves_no_row_no_file_no_cache_entry_no_log_line(client, caplog):
    # Once before counting: the site's shared frame (header, footer) is cached on a first visit
    # by anyone, whatever page they open; that is not the check's doing.
    half_way(client)
    rows, stored, keys = row_counts(), files(), cache_keys()
    caplog.set_level(logging.DEBUG)
    responses = half_way(client)
    assert row_counts() == rows
    assert files() == stored
    assert cache_keys() == keys
    assert caplog.records == []
    for response in responses:
        assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_finished_check_is_not_a_referral(client, caplog):
    rows = row_counts()
    sector = school_set()
    strong = {i.id for g in groups_of(sector, "yes") for i in g.indicators if i.strong}
    caplog.set_level(logging.DEBUG)
    walk_to_result(client, sector, seen=strong)
    assert row_counts() == rows
    assert caplog.records == []


def test_no_answer_ever_travels_in_a_url_or_browser_storage(client):
    html = client.get(CHECK).content.decode()
    assert 'method="post"' in html and 'method="get"' not in html
    result = walk_to_result(client, school_set())[-1].content.decode()
    for step in (html, result):
        assert "localStorage" not in step and "sessionStorage" not in step
