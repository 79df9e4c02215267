"""The caches as production sets them up (config/settings/production.py, public role), in this
process: pages, template fragments and rate limits kept apart, a page made private leaving the
page cache at once, the page cache looked up in the request's own language, the header fragment
kept per page, and a Redis that refuses or never answers costing speed, never a report."""

import importlib
import logging
import os
import socket
import sys
import threading

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

import config.settings
from core import frame_cache as frame
from tests.referrals.support import FOLLOW_UP_URL, REPORT_URL, form_token, receipt_codes
from tests.referrals.support import report_data as report_answers

pytestmark = pytest.mark.django_db

REFUSING_REDIS = "redis://127.0.0.1:1/0"


def production_module(monkeypatch, redis_url):
    """config.settings.production as a public-role deployment would load it."""
    env = {
        "SECRET_KEY": "k" * 30 + "-not-a-placeholder-" + "q" * 30,
        "FOLLOWUP_SECRET_KEY": "f" * 30 + "-not-a-placeholder-" + "q" * 30,
        "ALLOWED_HOSTS": "testserver",
        "SITE_ROLE": "public",
        "RECAPTCHA_DISABLED": "true",
        "SECURE_SSL_REDIRECT": "false",
        "INTAKE_TRUSTED_PROXY_COUNT": "0",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PAGE_CACHE_SECONDS", raising=False)
    if redis_url:
        monkeypatch.setenv("REDIS_URL", redis_url)
    else:
        monkeypatch.delenv("REDIS_URL", raising=False)
    # Every settings module that reads the environment when imported is read afresh.
    names = (
        "config.settings.environment",
        "config.settings.intake",
        "config.settings.base",
        "config.settings.production",
    )
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    try:
        return importlib.import_module("config.settings.production")
    finally:
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
        for name in names:
            if name in saved:
                setattr(config.settings, name.rsplit(".", 1)[1], saved[name])


@pytest.fixture
def public_tier(settings, monkeypatch):
    """Switches this test to production's caches and middleware (public role); the URLs stay
    those of the test settings."""

    def apply(redis_url=None):
        production = production_module(monkeypatch, redis_url)
        for name in (
            "CACHES",
            "MIDDLEWARE",
            "CACHE_MIDDLEWARE_SECONDS",
            "CACHE_MIDDLEWARE_ALIAS",
            "CACHE_MIDDLEWARE_KEY_PREFIX",
            "SESSION_ENGINE",
        ):
            if hasattr(production, name):
                setattr(settings, name, getattr(production, name))
        for alias in settings.CACHES:  # the per-process stores outlive a test
            caches[alias].clear()
        frame.forget()
        return production

    return apply


def environment_redis():
    return os.environ.get("REDIS_URL") or None


def page_url(slug, language="sr"):
    return Page.objects.get(slug=slug, locale__language_code=language).url


# --- issue 22, item 2: page traffic cannot wipe the rate limits -----------------------------


def wrong_secret(client):
    return client.post(FOLLOW_UP_URL, {"reference": "CZ-0000-0000", "secret": "A" * 20})


def test_anonymous_page_traffic_does_not_evict_the_follow_up_limit(public_tier):
    public_tier(redis_url=None)  # in-process memory, as without REDIS_URL
    client = Client()
    for _ in range(10):
        assert wrong_secret(client).status_code == 200
    assert wrong_secret(client).status_code == 429
    for number in range(400):
        assert client.get(f"/?utm={number}").status_code == 200
    for _ in range(3):
        assert wrong_secret(client).status_code == 429


# --- issue 22, item 3: a page made private leaves the page cache ----------------------------


def test_a_view_restriction_clears_the_cached_page(public_tier):
    public_tier(environment_redis())
    client = Client()
    about = Page.objects.get(slug="about", locale__language_code="sr")
    assert "<h1>О Центру</h1>" in client.get("/about/").content.decode()  # cached now
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="only-staff-42"
    )
    body = client.get("/about/").content.decode()
    assert "<h1>О Центру</h1>" not in body
    assert 'name="password"' in body
    restriction.delete()
    body = client.get("/about/").content.decode()
    assert "<h1>О Центру</h1>" in body
    assert 'name="password"' not in body


# --- issue 22, item 5: the page cache is looked up in the request's language ----------------


def test_the_page_cache_hits_after_another_language(public_tier, django_assert_num_queries):
    public_tier(environment_redis())
    client = Client()
    first = client.get("/")
    client.get("/en/")
    with django_assert_num_queries(0):  # served from the page cache: nothing rendered
        third = client.get("/")
    assert third.status_code == 200
    assert third.content == first.content


def test_browsers_asking_for_other_languages_share_the_cached_page(public_tier):
    # The language is the URL's (no prefix: Serbian Cyrillic), whatever the browser prefers.
    public_tier(environment_redis())
    first = Client(HTTP_ACCEPT_LANGUAGE="sr-RS,sr;q=0.9,en;q=0.8").get("/about/")
    other = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    with CaptureQueriesContext(connection) as captured:
        second = other.get("/about/")
    assert len(captured) == 0
    assert second.content == first.content
    assert second["Content-Language"] == "sr"


def test_the_second_round_through_three_languages_is_all_hits(public_tier):
    public_tier(environment_redis())
    about = Page.objects.get(slug="about", locale__language_code="sr")
    urls = ["/", "/sr-latn/", "/en/"] + sorted(
        p.url for p in about.get_translations(inclusive=True).live()
    )
    news = Page.objects.get(slug="news", locale__language_code="sr")
    urls += sorted(p.url for p in news.get_translations(inclusive=True).live())
    assert len(urls) >= 9
    client = Client()
    first = {url: client.get(url) for url in urls}
    assert all(response.status_code == 200 for response in first.values())
    queries = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:  # a hit renders nothing
            again = client.get(url)
        queries[url] = len(captured)
        assert again.content == first[url].content, url
    assert queries == dict.fromkeys(urls, 0)


# --- issue 22, item 8: a 404 does not rewrite a page's cached header ------------------------


def test_a_404_under_a_page_path_leaves_the_page_header_alone(client):
    news = Page.objects.get(slug="news", locale__language_code="sr")
    assert client.get(f"{news.url}?tag=nope").status_code == 404
    body = client.get(news.url).content.decode()
    assert f'<a href="{news.url}" aria-current="page">' in body


# --- issue 11, item 9: Redis down is slower, never an error ---------------------------------


class SilentServer:
    """Accepts connections on the loopback and never answers: a Redis that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.held.append(conn)

    def __enter__(self):
        self.thread.start()
        return f"redis://127.0.0.1:{self.port}/0"

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture(params=["refused", "silent"])
def broken_redis(request):
    if request.param == "refused":
        yield REFUSING_REDIS
    else:
        with SilentServer() as url:
            yield url


def submit(client, data):
    token = form_token(client.get(REPORT_URL))
    return client.post(REPORT_URL, {"token": token, **data})


def test_with_redis_down_pages_render_and_reports_are_received(
    public_tier, broken_redis, caplog
):
    public_tier(broken_redis)
    client = Client(raise_request_exception=False)
    caplog.set_level(logging.WARNING)
    for url in ("/", "/en/", "/about/", REPORT_URL, "/report/"):
        assert client.get(url).status_code == 200, url
    receipts = []
    for number in range(10):
        response = submit(client, report_answers(where=f"Town {number}"))
        assert response.status_code == 200
        receipts.append(receipt_codes(response))
        assert len(receipts[-1]) == 2
    # Page traffic in between (uncached now, so fewer than the 400 of the test above) leaves
    # the per-process counters the limits fall back to alone.
    for number in range(40):
        assert client.get(f"/?utm={number}").status_code == 200
    # The 11th report from this client waits; what was typed stays in the form.
    token = form_token(client.get(REPORT_URL))
    held = client.post(REPORT_URL, {"token": token, **report_answers(where="Eleventh town")})
    assert held.status_code == 429
    assert b"Eleventh town" in held.content
    # A warning says Redis failed, naming the server only, and nothing else in the log names
    # the reporter or what was reported.
    outage = [r for r in caplog.records if r.name == "config.cache"]
    assert outage and all(r.levelno == logging.WARNING for r in outage)
    assert "failed" in outage[0].getMessage()
    for record in caplog.records:
        assert "Town" not in record.getMessage()
        assert "127.0.0.1" not in record.getMessage() or record.name == "config.cache"


def test_with_redis_down_follow_up_guessing_is_still_limited(public_tier):
    public_tier(REFUSING_REDIS)
    client = Client(raise_request_exception=False)
    for _ in range(10):
        assert wrong_secret(client).status_code == 200
    assert wrong_secret(client).status_code == 429


def test_a_redis_url_that_is_not_one_stops_the_start(monkeypatch):
    # A typo is seen at deployment, not as a site that silently runs without its cache.
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must be a redis://"):
        production_module(monkeypatch, "bad")


def test_with_redis_down_staff_sessions_fall_back_to_the_database(public_tier, settings):
    from tests.staff import make_staff, signed_in

    public_tier(REFUSING_REDIS)
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    staff = signed_in(make_staff(superuser=True))
    staff.raise_request_exception = False
    assert staff.get("/admin/").status_code == 200
