"""The management commands `make run` relies on."""

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from core.translit import has_cyrillic, to_latin


def test_latin_catalogue_is_generated_from_the_cyrillic_one():
    call_command("build_catalogs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    locale_dir = settings.LOCALE_PATHS[0]
    cyrillic = polib.pofile(str(locale_dir / "sr" / "LC_MESSAGES" / "django.po"))
    latin = polib.pofile(str(locale_dir / "sr_Latn" / "LC_MESSAGES" / "django.po"))

    def texts(entry):
        return [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())

    source = {entry.msgid: texts(entry) for entry in cyrillic if not entry.obsolete}
    derived = {entry.msgid: texts(entry) for entry in latin if not entry.obsolete}
    assert source.keys() == derived.keys()
    for msgid, translations in source.items():
        assert translations and all(translations), f"untranslated: {msgid!r}"
        assert derived[msgid] == [to_latin(text) for text in translations]
        assert not any(has_cyrillic(text) for text in derived[msgid])
    assert (locale_dir / "sr_Latn" / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Љубав", "Ljubav"),
        ("ЉУБАВ", "LJUBAV"),
        ("Џеп", "Džep"),
        ("ЊЕГОВ", "NJEGOV"),
        ("ђак ћуприја", "đak ćuprija"),
        ('<a href="/x">Центар</a> 192', '<a href="/x">Centar</a> 192'),
    ],
)
def test_transliteration(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.django_db
def test_dev_superuser_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("dev_superuser")


@pytest.mark.django_db
def test_dev_superuser_prints_working_credentials(settings, tmp_path, client, capsys):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("dev_superuser")
    call_command("dev_superuser")
    output = capsys.readouterr().out.strip().splitlines()
    assert output[:3] == output[3:], "the same credentials on every run"
    password = output[0].split(" / ")[1].split()[0]
    assert (tmp_path / "dev-superuser-password").stat().st_mode & 0o077 == 0
    # The printed password and the printed code open the admin.
    client.post("/admin/login/", {"username": "admin", "password": password})
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    call_command("dev_otp_code")
    code = capsys.readouterr().out.strip()
    assert client.post("/admin/two-factor/verify/", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_dev_superuser_makes_a_demo_moderator_who_can_publish(settings, tmp_path, client, capsys):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("dev_superuser")
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "Demo moderator" in line]
    assert line.startswith("Demo moderator: moderator / ")
    password = line.split(" / ")[1].split()[0]
    client.post("/admin/login/", {"username": "moderator", "password": password})
    call_command("dev_otp_code", "moderator")
    code = capsys.readouterr().out.strip()
    assert client.post("/admin/two-factor/verify/", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    moderator = get_user_model().objects.get(username="moderator")
    assert [group.name for group in moderator.groups.all()] == ["Moderator"]
    assert not moderator.is_superuser
    assert Page.objects.get(depth=2, locale__language_code="sr").permissions_for_user(
        moderator
    ).can_publish()


@pytest.mark.django_db
def test_dev_otp_code_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("dev_otp_code")
