"""Shared fixtures: the demo site is built once per test session, in the test database, from the
real seeds and help texts; each test then runs in a transaction that is rolled back."""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from wagtail.models import Page

from tests.staff import make_staff, signed_in


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())


def _clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def clear_cache():
    # Wagtail keeps site root paths in the cache; a rolled-back test must not leak them. Every
    # alias: pages, fragments and rate limits too (config/cache.py).
    _clear_caches()
    yield
    _clear_caches()


@pytest.fixture
def admin_client(db):
    """A superuser signed in through the real admin login and second factor: the admin
    accepts nothing less, so neither do the tests."""
    return signed_in(make_staff(superuser=True))


@pytest.fixture
def editor_client(db):
    """A member of the Editor group, signed in with both factors."""
    return signed_in(make_staff("Editor"))


@pytest.fixture
def live_pages(db):
    """Every live page of the demo site, in every language."""
    return list(Page.objects.live().filter(depth__gt=1).specific().order_by("path"))


class PageText(HTMLParser):
    """Collects what a visitor sees or hears (text, alt, title, aria-label) and every URL the
    page makes the browser load on its own (scripts, styles, images, frames...)."""

    RESOURCE_ATTRS = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
        "object": "data",
        "track": "src",
    }
    LOADED_LINK_RELS = {
        "stylesheet",
        "icon",
        "preload",
        "prefetch",
        "modulepreload",
        "manifest",
        "apple-touch-icon",
        "dns-prefetch",
        "preconnect",
    }

    def __init__(self):
        super().__init__()
        self.texts = []
        self.resources = []
        self.links = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        for name in ("alt", "title", "aria-label", "placeholder", "value"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "meta" and attrs.get("content") and attrs.get("name") != "viewport":
            self.texts.append(attrs["content"])
        if tag in self.RESOURCE_ATTRS and attrs.get(self.RESOURCE_ATTRS[tag]):
            self.resources.append(attrs[self.RESOURCE_ATTRS[tag]])
        if tag in ("img", "source") and attrs.get("srcset"):
            self.resources.extend(part.split()[0] for part in attrs["srcset"].split(","))
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & self.LOADED_LINK_RELS:
                self.resources.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style") and "url(" in attrs["style"]:
            self.resources.append(attrs["style"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def parse_page(html):
    parser = PageText()
    parser.feed(html)
    return parser


TEST_KEY_PASSPHRASE = "test passphrase, not a secret"


@pytest.fixture(scope="session", autouse=True)
def triage_keys(tmp_path_factory):
    """One triage key pair for the session, on disk like a real deployment's; the settings
    point at it (the public key for sealing, the encrypted private key for staff)."""
    from django.test import override_settings

    from referrals import crypto, keys

    directory = tmp_path_factory.mktemp("triage-keys")
    pub = crypto.write_keypair(directory, TEST_KEY_PASSPHRASE.encode())
    paths = {
        "public": directory / f"{pub.key_id}.pub",
        "private": directory / f"{pub.key_id}.key",
    }
    override = override_settings(
        TRIAGE_PUBLIC_KEY_FILE=str(paths["public"]),
        TRIAGE_PRIVATE_KEY_FILE=str(paths["private"]),
        TRIAGE_KEY_PASSPHRASE=TEST_KEY_PASSPHRASE,
        TRIAGE_KEY_PASSPHRASE_FILE="",
    )
    override.enable()
    keys.forget()
    yield {"dir": directory, "key_id": pub.key_id, **paths}
    override.disable()
    keys.forget()
