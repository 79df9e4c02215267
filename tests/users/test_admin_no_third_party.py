"""No admin page makes a staff member's browser ask another host for anything: Wagtail draws
the avatar from Gravatar by default, which sends a hash of the person's e-mail to a third
party on every page. (The browser test tests/browser/test_admin_requests.py records the
requests themselves.)"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

# What a browser fetches on its own: src, srcset, and the href of <link> (stylesheets, icons).
FETCHED = re.compile(
    r"""<(?:img|script|iframe|source|video|audio|embed|input)\b[^>]*?\s(?:src|srcset)=["']([^"']+)"""
    r"""|<link\b[^>]*?\shref=["']([^"']+)""",
    re.I,
)


def foreign(html):
    urls = [a or b for a, b in FETCHED.findall(html)]
    return [u for u in urls if re.match(r"(?:https?:)?//", u) and "//testserver" not in u]


def test_admin_pages_fetch_nothing_from_another_host():
    editor = make_staff("Editor")
    editor.email = "editor@example.org"
    editor.save()
    client = signed_in(editor)
    page = Page.objects.filter(depth=3).first()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_account"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
        assert foreign(html) == [], url
