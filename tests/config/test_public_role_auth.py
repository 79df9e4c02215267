"""The public role signs nobody in: no login view answers there, no authentication backend is
configured, and no visitor gets a session cookie, not even by posting a staff member's right
password or a private page's password (docs/triage.md, "Signing in")."""

import importlib

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import config.urls
from config.settings import base
from tests.staff import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

LOGIN_PATHS = ["/_util/login/", "/en/_util/login/", "/sr-latn/_util/login/"]


@pytest.fixture
def role(settings):
    """Switches SITE_ROLE and what the settings derive from it, as base.py does at start."""

    def switch(name):
        settings.SITE_ROLE = name
        _apps, middleware, backends = base.sign_in_settings(
            name, settings.INSTALLED_APPS, settings.MIDDLEWARE
        )
        settings.MIDDLEWARE = middleware
        settings.AUTHENTICATION_BACKENDS = backends
        clear_url_caches()
        importlib.reload(config.urls)

    yield switch
    clear_url_caches()
    settings.SITE_ROLE = "all"
    importlib.reload(config.urls)


def assert_no_session(response):
    assert "sessionid" not in response.cookies, "a session cookie was set"
    assert not Session.objects.exists(), "a session was stored"


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_a_staff_password_posted_to_the_public_role_signs_nobody_in(client, role, path):
    staff = make_staff(superuser=True)
    role("public")
    assert client.get(path).status_code == 404
    response = client.post(path, {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 404
    assert_no_session(response)


def test_the_public_role_has_no_authentication_backend():
    # What base.py computes for the public role at start (production sets nothing else).
    _apps, middleware, backends = base.sign_in_settings(
        "public", base.INSTALLED_APPS, base.MIDDLEWARE
    )
    assert backends == []
    assert not any("axes" in name for name in middleware)


@pytest.fixture
def about_page():
    return Page.objects.get(slug="about", locale__language_code="sr").specific


def test_a_page_private_to_signed_in_users_is_not_found_on_the_public_role(
    client, role, about_page
):
    PageViewRestriction.objects.create(page=about_page, restriction_type=PageViewRestriction.LOGIN)
    role("public")
    response = client.get(about_page.url)
    # Not a redirect to a sign-in page: there is none on this role.
    assert response.status_code == 404
    assert_no_session(response)


def test_a_password_protected_page_is_not_found_and_its_password_opens_no_session(
    client, role, about_page
):
    restriction = PageViewRestriction.objects.create(
        page=about_page, restriction_type=PageViewRestriction.PASSWORD, password="page secret"
    )
    role("public")
    response = client.get(about_page.url)
    assert response.status_code == 404
    for prefix in ("", "/en"):
        response = client.post(
            f"{prefix}/_util/authenticate_with_password/{restriction.pk}/{about_page.pk}/",
            {"password": "page secret", "return_url": about_page.url},
        )
        assert response.status_code == 404
        assert_no_session(response)


def test_a_document_in_a_password_protected_collection_opens_no_session(client, role):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="collection secret",
    )
    document = get_document_model()(title="Minutes", collection=collection)
    document.file.save("minutes.txt", ContentFile(b"minutes"), save=True)
    role("public")
    assert client.get(document.url).status_code == 404
    response = client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "collection secret", "return_url": document.url},
    )
    assert response.status_code == 404
    assert_no_session(response)


@pytest.mark.parametrize("path", ["/", "/en/", "/en/report/", "/search/?q=centar"])
def test_a_visitor_gets_no_session_cookie(client, role, path):
    role("public")
    response = client.get(path)
    assert response.status_code == 200
    assert_no_session(response)


def test_the_internal_role_keeps_one_sign_in_door_the_admin(client, role, about_page):
    """Staff sign in at /admin/login/ only (throttled, then a second factor); Wagtail's
    front-end login is not served there either, and a private page sends to the admin's."""
    PageViewRestriction.objects.create(page=about_page, restriction_type=PageViewRestriction.LOGIN)
    staff = make_staff(superuser=True)
    role("internal")
    response = client.post("/_util/login/", {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 404
    assert_no_session(response)
    response = client.get(about_page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
