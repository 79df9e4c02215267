"""Account → Locale offers real time-zone names only, and saves one. Wagtail lists every file
of the server's tz database by default, "localtime" among them on Debian: not a zone name, the
browser refuses it and the admin's script stopped on it ("Invalid time zone specified:
localtime"). The browser's own view of the list: tests/browser/test_admin_account.py."""

import re

import pytest
from wagtail.users.models import UserProfile

from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db


def offered_zones(html):
    select = re.search(
        r'<select[^>]*name="locale-current_time_zone"[^>]*>(.*?)</select>', html, re.S
    )
    assert select, "the account screen offers a time zone"
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_the_account_screen_offers_no_localtime_and_saves_a_zone():
    staff = make_staff("Triage")
    client = signed_in(staff)
    zones = offered_zones(client.get("/admin/account/").content.decode())
    assert "Europe/Belgrade" in zones
    assert "localtime" not in zones

    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Ana",
            "name_email-last_name": "Petrović",
            "name_email-email": "ana@example.org",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "Europe/Belgrade",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
        },
    )
    assert response.status_code == 302, "saved"
    assert UserProfile.get_for_user(staff).current_time_zone == "Europe/Belgrade"
    assert "Europe/Belgrade" in client.get("/admin/account/").content.decode()
