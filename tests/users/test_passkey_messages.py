"""django-otp-webauthn's script speaks the staff member's language: the messages it draws while
a passkey is registered or used ("Registering...", "Verification failed. ...") come from its
JavaScript catalogue, and the errors its endpoints return (which the script shows) from the
server's. The library ships no Serbian: both are typed in locale_wagtail/ (Cyrillic), the Latin
derived by `manage.py build_catalogs`."""

import json
import re
from pathlib import Path

import django_otp_webauthn
import pytest
from django.urls import reverse

from core.translit import to_latin
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

SCRIPTS = Path(django_otp_webauthn.__file__).parent / "static" / "django_otp_webauthn"
CYRILLIC = re.compile("[\u0400-\u04ff]")


def library_messages():
    """Every msgid the library's scripts pass to gettext (after an upgrade, new ones too)."""
    found = set()
    for script in SCRIPTS.glob("*.js"):
        found.update(re.findall(r'gettext\("((?:[^"\\]|\\.)*)"\)', script.read_text()))
    return found


def member(language):
    user = make_staff("Triage")
    profile = user.wagtail_userprofile
    profile.preferred_language = language
    profile.save()
    return user


def catalogue(client):
    response = client.get(reverse("otp_webauthn:js-i18n-catalog"))
    assert response.status_code == 200
    # Django leaves the catalogue out of the script when it has nothing to translate.
    found = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)
    return json.loads(found.group(1)) if found else {}


def test_the_passkey_screen_loads_the_catalogue_its_script_reads():
    client = signed_in(member("sr"))
    page = client.get(reverse("two_factor_devices")).content.decode()
    assert f'src="{reverse("otp_webauthn:js-i18n-catalog")}"' in page
    assert "django_otp_webauthn/otp_webauthn_register.js" in page


@pytest.mark.parametrize("language", ["sr", "sr-latn"])
def test_no_message_of_the_library_script_is_left_in_english(language):
    messages = library_messages()
    assert len(messages) >= 20, "the library's scripts were read"
    translated = catalogue(signed_in(member(language)))
    missing = sorted(message for message in messages if not translated.get(message))
    assert not missing, f"{language}: {missing}"
    registering = translated["Registering..."]
    if language == "sr":
        assert registering == "Регистрација…"
        assert all(CYRILLIC.search(translated[message]) for message in messages)
    else:
        assert registering == to_latin("Регистрација…") == "Registracija…"
        assert not any(CYRILLIC.search(translated[message]) for message in messages)


def test_english_staff_keep_the_library_messages_in_english():
    translated = catalogue(signed_in(member("en")))
    assert not any(message in translated for message in library_messages())


def test_an_error_of_the_passkey_endpoints_is_said_in_serbian():
    """What the script shows when the server refuses: here a registration completed without
    being begun (a stale page)."""
    client = signed_in(member("sr"))
    response = client.post(
        reverse("otp_webauthn:credential-registration-complete"),
        json.dumps({}),
        content_type="application/json",
    )
    assert response.status_code >= 400
    detail = response.json()["detail"]
    assert detail == "Поступак није започет или је истекао. Почните поново.", detail
