"""The admin's sidebar is cached per user (users/admin_menu.py): never one user's menu for
another, and a change of groups or permissions shows on the very next page."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def sidebar(client):
    """The sidebar's props as the page carries them, and the page's query count."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(ADMIN)
    assert response.status_code == 200
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page has a sidebar"
    return match.group(1), len(captured)


def menu_names(props):
    return set(re.findall(r'"name": "([^"]+)"', json.dumps(json.loads(props))))


def test_each_user_sees_their_own_menu():
    coordinator, editor = make_staff("Coordinator"), make_staff("Editor")
    coordinator_client, editor_client = signed_in(coordinator), signed_in(editor)
    for _ in range(2):  # the second round is read from the cache
        coordinator_props, _queries = sidebar(coordinator_client)
        editor_props, _queries = sidebar(editor_client)
        assert "referrals" in menu_names(coordinator_props)
        assert "referrals" not in menu_names(editor_props)
        assert coordinator.username in coordinator_props
        assert coordinator.username not in editor_props
        assert editor.username in editor_props


def test_the_second_page_reads_the_menu_from_the_cache():
    client = signed_in(make_staff("Coordinator"))
    first, first_queries = sidebar(client)
    again, queries = sidebar(client)
    assert again == first
    assert queries < first_queries


def test_a_new_group_shows_at_once():
    editor = make_staff("Editor")
    client = signed_in(editor)
    assert "referrals" not in menu_names(sidebar(client)[0])
    editor.groups.add(Group.objects.get(name="Coordinator"))
    assert "referrals" in menu_names(sidebar(client)[0])
    # Taken away from the group's side this time.
    Group.objects.get(name="Coordinator").user_set.remove(editor)
    assert "referrals" not in menu_names(sidebar(client)[0])


def test_a_group_losing_a_permission_shows_at_once():
    client = signed_in(make_staff("Coordinator"))
    assert "statistics" in menu_names(sidebar(client)[0])
    coordinators = Group.objects.get(name="Coordinator")
    coordinators.permissions.remove(Permission.objects.get(codename="report_referral"))
    assert "statistics" not in menu_names(sidebar(client)[0])


def test_the_cached_sidebar_holds_no_csrf_token():
    client = signed_in(make_staff("Coordinator"))
    props, _queries = sidebar(client)
    props, _queries = sidebar(client)
    token = client.cookies["csrftoken"].value
    assert token
    assert token not in props
