"""Varnish in front of the public tier (deploy/varnish/default.vcl; docs/operations.md,
"Scale-out switches"): the public pages are served from its cache, the forms never are, nobody
but the internal tier can empty it, and a publish or a settings change on the internal tier
(FRONTEND_CACHE_PURGE_URL) makes the next request fresh in Cyrillic, Latin and English.

Debian's varnishd (make varnish) in front of a real gunicorn with the production settings, on a
copy of the test database with the demo site; the internal tier's changes are made by
`manage.py shell` with the internal tier's environment, as an editor's publish would be."""

import os
import re
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
import requests
from django.conf import settings
from django.db import connections

from tests.servers import (
    free_port,
    gunicorn,
    manage,
    production_environment,
    stop,
    tier_environment,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[2]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
HOST = "centar.example"
PAGES = {"sr": "/", "sr-latn": "/sr-latn/", "en": "/en/"}

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="a copy of the test database is made with PostgreSQL's CREATE DATABASE TEMPLATE",
    ),
    pytest.mark.skipif(not Path(VARNISHD).exists(), reason="varnish is installed by make test"),
    # The test database must exist (pytest-django makes it only for tests that ask for it).
    pytest.mark.django_db,
]


def psql(database, statement):
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    subprocess.run(
        ["psql", "-h", server.hostname, "-p", str(server.port or 5432)]
        + ["-U", server.username or "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-qc"]
        + [statement],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return f"postgres://{server.username or 'postgres'}@{server.hostname}:{server.port or 5432}"


def start_varnish(folder, app_port, ports):
    """Varnish with the project's VCL, its backend pointed at the test's gunicorn."""
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    assert '.port = "8001";' in vcl
    (folder / "default.vcl").write_text(vcl.replace('"8001"', f'"{app_port}"'))
    return subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(folder / "varnish")]
        + ["-a", f"127.0.0.1:{ports['varnish']}", "-a", f"purge=127.0.0.1:{ports['purge']}"]
        + ["-f", str(folder / "default.vcl"), "-s", "malloc,32m"],
        stdout=(folder / "varnish.log").open("w"),
        stderr=subprocess.STDOUT,
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, triage_keys):
    folder = Path(tempfile.mkdtemp(prefix="cpvht-varnish-"))
    suffix = secrets.token_hex(4)
    database = f"cpvht_varnish_{suffix}"
    source = settings.DATABASES["default"]["NAME"]
    # The demo site as the session built it; a template may have no other connection open.
    with django_db_blocker.unblock():
        connections.close_all()
    server = psql("postgres", f'CREATE DATABASE {database} TEMPLATE "{source}"')
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/12"
    ports = {"varnish": free_port(), "purge": free_port()}
    public_env = production_environment(
        "public",
        HOST,
        folder / "var",
        f"{server}/{database}",
        redis_url,
        CACHE_KEY_PREFIX=f"varnish{suffix}-public",
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL=None,
        # The session's key pair (tests/conftest.py): the forms are served only with a key.
        TRIAGE_PUBLIC_KEY_FILE=str(triage_keys["public"]),
        INTAKE_TRUSTED_PROXY_COUNT="1",
    )
    internal_env = tier_environment(
        public_env,
        "internal",
        f"staff.{HOST}",
        CACHE_KEY_PREFIX=f"varnish{suffix}-internal",
        PUBLIC_CACHE_KEY_PREFIX=f"varnish{suffix}-public",
        FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{ports['purge']}",
    )
    processes = []
    try:
        manage(internal_env, "collectstatic", "--noinput", "-v0")
        app, app_port = gunicorn(public_env, folder / "gunicorn.log")
        processes.append(app)
        varnish = start_varnish(folder, app_port, ports)
        processes.append(varnish)
        wait_for(ports["varnish"], varnish)
        wait_for(ports["purge"], varnish)
        yield {"ports": ports, "internal_env": internal_env, "folder": folder}
    finally:
        for process in reversed(processes):
            stop(process)
        store = redis.Redis.from_url(redis_url)
        for key in store.scan_iter(f"varnish{suffix}-*"):
            store.delete(key)
        psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(folder, ignore_errors=True)


def get(site, path, method="GET", port="varnish"):
    """A visitor without cookies, through Varnish (nginx in front adds the https scheme)."""
    return requests.request(
        method,
        f"http://127.0.0.1:{site['ports'][port]}{path}",
        headers={"Host": HOST, "X-Forwarded-Proto": "https"},
        allow_redirects=False,
        timeout=30,
    )


def is_hit(response):
    # Varnish names the request and, for an answer from its cache, the one that stored it.
    return len(response.headers.get("X-Varnish", "").split()) == 2


def warm(site, path):
    first = get(site, path)
    assert first.status_code == 200, (path, first.status_code)
    second = get(site, path)
    assert is_hit(second), (path, second.headers.get("X-Varnish"), second.headers)
    assert "Age" in second.headers
    return second.text


def test_public_pages_are_served_from_the_cache_in_every_language(site):
    for path in [*PAGES.values(), "/news/", "/sr-latn/news/", "/en/news/"]:
        warm(site, path)


def test_the_forms_and_what_is_posted_are_never_cached(site):
    for path in ["/report/", "/en/report/", "/professional-referral/"]:
        for _ in range(2):
            page = get(site, path)
            assert page.status_code == 200, path
            assert "csrfmiddlewaretoken" in page.text
            assert not is_hit(page), path
    posted = get(site, "/en/report/", method="POST")
    assert posted.status_code == 403  # no CSRF token: the application answered, not a cache
    assert not is_hit(get(site, "/healthz"))


def test_nobody_but_the_internal_tier_empties_the_cache(site):
    warm(site, "/")
    # Through nginx (the visitors' listener) a PURGE is refused, even from this machine.
    refused = get(site, "/", method="PURGE")
    assert refused.status_code == 405
    assert is_hit(get(site, "/"))


def run_on_internal_tier(site, code):
    manage(site["internal_env"], "shell", "-c", code)


def test_a_publish_shows_at_once_in_every_language(site):
    for path in PAGES.values():
        assert "4KQ7" not in warm(site, path)
    run_on_internal_tier(
        site,
        "from home.models import HomePage\n"
        "for code, lead in (('sr', 'Дежурни тим 4KQ7 ради и недељом.'),"
        " ('en', 'The 4KQ7 team works on Sundays too.')):\n"
        "    page = HomePage.objects.get(locale__language_code=code)\n"
        "    page.lead = lead\n"
        "    page.save_revision().publish()\n",
    )
    expected = {
        "sr": "Дежурни тим 4KQ7 ради и недељом.",
        # The Latin page follows the Cyrillic one on its publish (core/latin.py).
        "sr-latn": "Dežurni tim 4KQ7 radi i nedeljom.",
        "en": "The 4KQ7 team works on Sundays too.",
    }
    for code, path in PAGES.items():
        page = get(site, path)
        assert expected[code] in page.text, (code, page.headers.get("X-Varnish"))


def test_a_settings_change_shows_at_once_in_every_language(site):
    for path in PAGES.values():
        assert "+381 11 765 4321" not in warm(site, path)
    run_on_internal_tier(
        site,
        "from core.models import ContactSettings\n"
        "s = ContactSettings.objects.first(); s.centre_phone = '+381 11 765 4321'; s.save()\n",
    )
    for code, path in PAGES.items():
        page = get(site, path)
        assert "+381 11 765 4321" in re.sub(r"\s+", " ", page.text), code
