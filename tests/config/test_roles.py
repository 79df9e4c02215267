"""SITE_ROLE decides what is mounted: the public tier serves no admin URL at all."""

import importlib

import pytest
from django.urls import clear_url_caches

import config.urls

ADMIN_PATHS = ["/admin/", "/admin/login/", "/admin/pages/", "/admin/settings/"]


@pytest.fixture
def role(settings):
    def switch(name):
        settings.SITE_ROLE = name
        clear_url_caches()
        importlib.reload(config.urls)

    yield switch
    settings.SITE_ROLE = "all"
    clear_url_caches()
    importlib.reload(config.urls)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_public_role_has_no_admin_urls(client, role, path):
    role("public")
    response = client.get(path)
    assert response.status_code == 404


@pytest.mark.django_db
def test_public_role_still_serves_the_site(client, role):
    role("public")
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["internal", "all"])
def test_internal_roles_mount_the_admin(client, role, name):
    role(name)
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"password" in response.content
