"""Hardening of the public tier's error pages: language links of a 404 stay on this site, the 500
page keeps the quick exit and the numbers without the database or the cache; and documents are
served only through Wagtail's view."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import path
from wagtail.documents import get_document_model
from wagtail.models import Site

from config import urls as site_urls
from core.models import ContactSettings
from tests.core.hardening_support import anchors, quick_exit_href

# ---------------------------------------------------------------- 1. language links of a 404


HOSTILE_PATHS = [
    "//evil.example/search/",
    "//evil.example/",
    "/%5Cevil.example/x",
    "/%5C%5Cevil.example/x/",
    "/en//evil.example/search/",
    "/sr-latn/%5Cevil.example/",
    "/%09/evil.example/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE_PATHS)
def test_language_links_of_a_404_never_leave_the_site(client, hostile):
    # An absolute URL, so that the test client keeps the path's leading "//" as the path.
    response = client.get("http://testserver" + hostile)
    assert response.status_code == 404
    links = [a["href"] for a in anchors(response) if "hreflang" in a]
    assert len(links) == len(django_settings.LANGUAGES)
    for href in links:
        assert href.startswith("/") and not href.startswith("//"), (hostile, href)
        assert "\\" not in href, (hostile, href)
    # A path that is no view of this site has no translation: each language's home instead.
    assert links == ["/", "/sr-latn/", "/en/"]


@pytest.mark.django_db
def test_language_links_of_a_view_still_lead_to_its_translation(client):
    response = client.get("/en/search/?q=help")
    links = [a["href"] for a in anchors(response) if "hreflang" in a]
    assert links == ["/search/", "/sr-latn/search/", "/en/search/"]


# ---------------------------------------------------------------- 9. the 500 page


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]
EMERGENCY = ["tel:192", "tel:194", "tel:112"]


def server_error(language="sr"):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/broken/")
    assert response.status_code == 500
    return response


@pytest.mark.urls(__name__)
def test_500_page_has_quick_exit_and_numbers_without_the_database():
    # No django_db mark: any query fails, as it would with the database down.
    response = server_error()
    assert quick_exit_href(response) == django_settings.QUICK_EXIT_DEFAULT_URL
    links = [a["href"] for a in anchors(response)]
    assert set(EMERGENCY) <= set(links)
    html = response.content.decode()
    assert '<script src="/static/js/quick-exit.js" defer></script>' in html


@pytest.mark.urls(__name__)
def test_500_page_without_the_cache(settings):
    # Every cache a Redis where nothing listens.
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
        for alias in settings.CACHES
    }
    response = server_error("en")
    assert quick_exit_href(response) == django_settings.QUICK_EXIT_DEFAULT_URL
    assert set(EMERGENCY) <= {a["href"] for a in anchors(response)}


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_500_page_shows_the_centres_numbers_and_exit_from_the_settings():
    contacts = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contacts.quick_exit_url = "https://weather.example/belgrade"
    contacts.police = "192"
    contacts.save()
    response = server_error()
    assert quick_exit_href(response) == "https://weather.example/belgrade"
    links = {a["href"] for a in anchors(response)}
    assert set(EMERGENCY) <= links
    assert "tel:" + contacts.centre_phone.replace(" ", "") in links


@pytest.mark.django_db
def test_404_page_has_quick_exit_and_numbers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert quick_exit_href(response).startswith("https://")
    assert set(EMERGENCY) <= {a["href"] for a in anchors(response)}


@pytest.mark.django_db
def test_readme_states_the_referrer_policy_the_site_sends(client):
    readme = (django_settings.BASE_DIR / "README.md").read_text()
    stated = re.findall(r"`Referrer-Policy: ([a-z-]+)`", readme)
    assert stated == [client.get("/")["Referrer-Policy"]]


# ---------------------------------------------------------------- documents


@pytest.mark.django_db
def test_documents_are_served_only_through_the_view(client):
    document = get_document_model().objects.create(
        title="Letak", file=ContentFile(b"leaflet text", name="letak.txt")
    )
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    # Served by the view (which applies privacy and collection rules), never sent to /media/.
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"leaflet text"
