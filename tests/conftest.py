"""Shared fixtures: a minimal site (tests/factories.py) is built once per test session in the
test database; each test then runs in a transaction that is rolled back, and makes with the
factories the pages it asserts on.

A test that needs the whole demo site (manage.py load_demo) requests the `demo` fixture, as
tests/test_demo_smoke.py does with `pytestmark = pytest.mark.usefixtures("demo")`: the demo then
replaces the minimal site for the tests that request it, which run before all the others (under
pytest-xdist, one worker starts with them while the other runs the rest) and the demo is rolled
back after the last of them. Write new tests with the factories instead: a test on the demo
breaks when its wording changes.

Markers are given by folder (pytest_collection_modifyitems): `browser` for tests/browser, `server`
for the tests that start gunicorn, nginx, Varnish or PostgreSQL clusters, or another Python
process (a `manage.py` command, production settings imported afresh: the second or more of
start-up each costs is most of such a test), marked one by one where a module has both kinds;
`make test-fast` deselects both."""

import hashlib
from contextlib import ExitStack, contextmanager
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page

from home.models import HomePage
from tests.factories import MinimalSite, minimal_site, remove_pages
from tests.staff import make_staff, signed_in

TESTS = Path(__file__).resolve().parent

# The property tests (Hypothesis) try 60 examples each under `make test`; `make test-fast`
# chooses the "fast" profile (--hypothesis-profile=fast), a handful each, enough to catch a
# property broken by most changes while the full suite keeps the search wide.
hypothesis_settings.register_profile("full", max_examples=60)
hypothesis_settings.register_profile("fast", max_examples=8)


def pytest_configure(config):
    hypothesis_settings.load_profile(config.getoption("hypothesis_profile") or "full")


# Tests that start production-like servers (tests/servers.py), clusters of their own, or
# processes under the production settings.
SERVER_TESTS = [
    TESTS / "deploy",
    TESTS / "config" / "test_settings.py",
    TESTS / "config" / "test_security_headers.py",
    TESTS / "config" / "test_cache_outage.py",
    TESTS / "referrals" / "test_concurrency.py",
]


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    """A wrapper around the other plugins' hooks: the markers are given before them (so that
    pytest-xdist's hook sees the demo's group), the order is set after them (pytest-django
    sorts by kind of database use, which would put the demo's after tests that commit)."""
    for item in items:
        path = Path(str(item.path))
        # Under pytest-xdist (make test-fast) a worker runs a whole module, so a module's
        # pages (`built_for_module`) are built once; and one worker builds the demo and runs
        # every test on it.
        demo = _uses_demo(item)
        item.add_marker(pytest.mark.xdist_group("demo" if demo else item.nodeid.split("::")[0]))
        if TESTS / "browser" in path.parents:
            item.add_marker(pytest.mark.browser)
        if any(path == place or place in path.parents for place in SERVER_TESTS):
            item.add_marker(pytest.mark.server)
    result = yield
    # The tests on the demo site first, together: its transaction is open from the first to the
    # last of them (pytest_runtest_teardown). First, because pytest-xdist hands out the groups
    # in this order: the demo's, the longest, then starts at once beside the others instead of
    # running alone at the end.
    items.sort(key=lambda item: not _uses_demo(item))
    return result


def _uses_demo(item):
    return "demo" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test on the demo (the function's fixtures are torn down by now), the demo
    is rolled back, so the tests that follow see the minimal site."""
    if _uses_demo(item) and (nextitem is None or not _uses_demo(nextitem)):
        _close_demo()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    with django_db_blocker.unblock():
        stamp = _minimal_site_stamp() if django_db_keepdb else None
        if stamp and stamp.exists() and stamp.read_text() == _code_digest():
            if HomePage.objects.filter(locale__language_code="sr").exists():
                return
        with transaction.atomic():
            minimal_site()
        if stamp:
            stamp.write_text(_code_digest())


def _minimal_site_stamp():
    """With --reuse-db on SQLite (`make test-fast`), the committed minimal site outlives the run;
    a file beside the database says which code built it, so that the next run builds it again
    only when a Python file changed (it takes seconds per worker)."""
    name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite" or not Path(name).is_file():
        return None
    return Path(f"{name}.minimal-site")


def _code_digest():
    """Every Python file of the project (the tests' only through the factories), by name, size
    and time of change: cheap, and any edit or checkout changes it."""
    digest = hashlib.sha256()
    skipped = {".venv", "node_modules", "var", "tests", ".git"}
    folders = [p for p in TESTS.parent.iterdir() if p.is_dir() and p.name not in skipped]
    paths = [path for folder in folders for path in folder.rglob("*.py")]
    for path in sorted([*paths, TESTS / "factories.py"]):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@pytest.fixture
def site_pages(db):
    """The minimal site's pages and settings (tests/factories.py, MinimalSite)."""
    return MinimalSite()


def _remove_site():
    remove_pages()
    for label in ("core.ContactSettings", "core.SocialSettings", "home.CampaignSettings"):
        apps.get_model(label).objects.all().delete()


@contextmanager
def kept(django_db_blocker):
    """A transaction that outlives single tests and is rolled back at the end: what is made
    in it is seen by every test run meanwhile (each test's own transaction is a savepoint
    inside it) and by no test after. For content that a module's tests only read (the
    `module_content` fixtures) and for the demo."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def built_for_module(build):
    """A module-scoped fixture that builds pages once for a module's tests, which only read them
    or change them inside their own transaction (`kept`): `build(MinimalSite())` returns
    {name: page}. Read it through `fresh` in a function-scoped fixture, so that no test sees
    another's in-memory changes."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with kept(django_db_blocker):
            with django_db_blocker.unblock():
                pages = build(MinimalSite())
            yield {name: page.pk for name, page in pages.items()}

    return fixture


def fresh(primary_keys):
    """{name: page} read again from the database, as the test's own objects."""
    return {name: Page.objects.get(pk=pk).specific for name, pk in primary_keys.items()}


# The demo's open transaction, from its first test to its last.
_demo_site = {}


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """The demo site in place of the minimal one, built once, in a transaction rolled back after
    the last test that requests it: those tests run together, first
    (pytest_collection_modifyitems), so no other test sees it."""
    if _demo_site.get("closed"):
        pytest.fail("the demo was rolled back already: its tests must run together")
    stack = ExitStack()
    stack.enter_context(kept(django_db_blocker))
    _demo_site["stack"] = stack
    with django_db_blocker.unblock():
        _remove_site()
        call_command("load_demo", stdout=StringIO())
    yield
    _close_demo()


def _close_demo():
    if stack := _demo_site.pop("stack", None):
        stack.close()
        _demo_site["closed"] = True


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
    """Every live page of the site, in every language: a test that loops over them asserts first
    that there are some."""
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
def cheaper_key_files():
    """Key files written by the tests use scrypt's lowest accepted cost (2**15, a quarter of
    production's 128 MiB and 0.3 s), as the tests hash passwords with MD5: every load is
    still real scrypt and AES-GCM. The commands run in a subprocess keep the production cost,
    which tests/referrals/test_key_commands.py checks."""
    from referrals import crypto

    production, crypto.SCRYPT_N = crypto.SCRYPT_N, 2**15
    yield
    crypto.SCRYPT_N = production


@pytest.fixture(scope="session", autouse=True)
def triage_keys(tmp_path_factory, cheaper_key_files):
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
