"""The Centre's own guides for staff (triage, publishing, campaigns, translations), reached from
the admin's Help menu before Wagtail's editor guide, in the language each member of staff chose
for the admin: Serbian Cyrillic, Serbian Latin (transliterated from the Cyrillic) or English."""

import importlib
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.urls import clear_url_caches
from django.utils import translation
from wagtail.models import Workflow

import config.urls
from core.translit import has_cyrillic, to_latin
from tests.staff import make_staff, signed_in
from users.templatetags.guide_tags import screenshot

pytestmark = pytest.mark.django_db

GUIDES = ["triage", "publishing", "campaigns", "translations"]
CYRILLIC_TITLES = {
    "triage": "Пријем и обрада пријава",
    "publishing": "Објављивање",
    "campaigns": "Кампање",
    "translations": "Преводи",
}
ENGLISH_TITLES = {
    "triage": "Receiving and handling referrals",
    "publishing": "Publishing",
    "campaigns": "Campaigns",
    "translations": "Translations",
}
# What each guide must tell in every language (a word of its steps, not only its title).
CYRILLIC_FACTS = {
    "triage": ["24 сата", "7 дана", "дневник"],
    "publishing": ["алтернативни текст", "модерациј"],
    "campaigns": ["30. јул", "18. октобар"],
    "translations": ["латиниц", "нацрт"],
}
ENGLISH_FACTS = {
    "triage": ["24 hours", "7 days", "audit log"],
    "publishing": ["alternative text", "moderation"],
    "campaigns": ["30 July", "18 October"],
    "translations": ["Latin", "Convert to alias page"],
}


def staff(group, language):
    user = make_staff(group)
    profile = user.wagtail_userprofile
    profile.preferred_language = language
    profile.save()
    return user


class _Article(HTMLParser):
    """The text of the guide itself (<article class="centre-guide">), not the admin around it;
    alt texts count, since a screen reader reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag == "article"
            if attrs.get("alt"):
                self.parts.append(attrs["alt"])
        elif tag == "article" and "centre-guide" in (attrs.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def guide_text(response):
    parser = _Article()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def unpack(node, shared=None):
    """Wagtail's sidebar props are telepath-packed: a value used twice is given once as
    {"_val": value, "_id": n} and then as {"_ref": n}. The plain JSON."""
    shared = {} if shared is None else shared
    if isinstance(node, list):
        return [unpack(value, shared) for value in node]
    if not isinstance(node, dict):
        return node
    if "_ref" in node:
        return shared[node["_ref"]]
    if "_val" in node:
        shared[node["_id"]] = value = unpack(node["_val"], shared)
        return value
    return {key: unpack(value, shared) for key, value in node.items()}


def help_menu(response):
    """(label, url, name) of each item of the sidebar's Help menu, in order."""
    html = response.content.decode()
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "the admin page has its sidebar"
    found = []

    def walk(node):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type") == "wagtail.sidebar.SubMenuItem" and args[0]["name"] == "help":
                for item in args[1]:
                    spec = item["_args"][0]
                    found.append((spec["label"], spec.get("url"), spec["name"]))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(unpack(json.loads(match.group(1))))
    assert found, "the sidebar has a Help menu"
    return found


def test_the_help_menu_of_a_cyrillic_admin_lists_the_centres_guides_before_wagtails():
    client = signed_in(staff("Triage", "sr"))
    items = help_menu(client.get("/admin/"))
    labels = [label for label, _url, _name in items]
    assert labels[:5] == ["Водичи Центра", *CYRILLIC_TITLES.values()], labels
    urls = [url for _label, url, _name in items]
    assert urls[:5] == ["/admin/guides/", *(f"/admin/guides/{name}/" for name in GUIDES)]
    names = [name for _label, _url, name in items]
    assert "editor-guide" in names[5:], "Wagtail's own editor guide stays, after the Centre's"


def test_the_help_menu_of_an_english_admin_names_the_guides_in_english():
    client = signed_in(staff("Editor", "en"))
    labels = [label for label, _url, _name in help_menu(client.get("/admin/"))]
    assert labels[:5] == ["Centre's guides", *ENGLISH_TITLES.values()], labels


def test_the_index_lists_the_four_guides_in_the_admin():
    client = signed_in(staff("Editor", "sr"))
    response = client.get("/admin/guides/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="wagtail-sidebar-props"' in html, "drawn in Wagtail's admin frame"
    for name, title in CYRILLIC_TITLES.items():
        assert f'href="/admin/guides/{name}/"' in html
        assert title in html


@pytest.mark.parametrize("name", GUIDES)
def test_each_guide_opens_in_cyrillic(name):
    # Any member of staff reads all four: an editor reads the triage guide too.
    client = signed_in(staff("Editor", "sr"))
    response = client.get(f"/admin/guides/{name}/")
    assert response.status_code == 200
    text = guide_text(response)
    assert CYRILLIC_TITLES[name] in response.content.decode()
    for fact in CYRILLIC_FACTS[name]:
        assert fact in text, f"{name}: «{fact}» missing"
    assert len(text) > 1200, f"{name}: a guide of one screen, not a stub ({len(text)} characters)"


@pytest.mark.parametrize("name", GUIDES)
def test_each_guide_opens_in_latin_for_a_latin_admin(name):
    client = signed_in(staff("Triage", "sr-latn"))
    response = client.get(f"/admin/guides/{name}/")
    assert response.status_code == 200
    text = guide_text(response)
    assert text, "the guide is there"
    assert not has_cyrillic(text), [w for w in text.split() if has_cyrillic(w)][:10]
    # Derived from the Cyrillic text, not typed a second time.
    for fact in CYRILLIC_FACTS[name]:
        assert to_latin(fact) in text, f"{name}: «{to_latin(fact)}» missing"
    assert to_latin(CYRILLIC_TITLES[name]) in response.content.decode()


@pytest.mark.parametrize("name", GUIDES)
def test_each_guide_opens_in_english_for_an_english_admin(name):
    client = signed_in(staff("Coordinator", "en"))
    response = client.get(f"/admin/guides/{name}/")
    assert response.status_code == 200
    text = guide_text(response)
    # Cyrillic only where the admin itself shows Serbian data: the name of the workflow.
    for workflow in Workflow.objects.values_list("name", flat=True):
        text = text.replace(workflow, "")
    assert not has_cyrillic(text), [w for w in text.split() if has_cyrillic(w)][:10]
    for fact in ENGLISH_FACTS[name]:
        assert fact in text, f"{name}: «{fact}» missing"
    assert ENGLISH_TITLES[name] in response.content.decode()


def test_an_unknown_guide_is_not_found():
    client = signed_in(staff("Editor", "sr"))
    assert client.get("/admin/guides/passwords/").status_code == 404


@pytest.mark.parametrize("path", ["/admin/guides/", "/admin/guides/triage/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_account_without_admin_access_is_not_shown_a_guide():
    user = staff(None, "sr")
    client = signed_in(user)
    response = client.get("/admin/guides/triage/")
    assert response.status_code == 302
    assert "centre-guide" not in response.content.decode()


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


@pytest.mark.parametrize("path", ["/admin/guides/", "/admin/guides/triage/"])
def test_the_public_role_does_not_serve_the_guides(client, role, path):
    role("public")
    assert client.get(path).status_code == 404


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_a_screenshot_is_shown_only_when_its_file_exists(settings, tmp_path):
    # A guide may name a screenshot before the walk-through has made it: no file, no image.
    with translation.override("en"):
        assert screenshot("not-made-yet", "A screen") == ""
    client = signed_in(staff("Triage", "sr"))

    folder = tmp_path / "guides" / "sr"
    folder.mkdir(parents=True)
    (folder / "triage-queue.png").write_bytes(PNG)
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    html = client.get("/admin/guides/triage/").content.decode()
    match = re.search(r'<img [^>]*src="/static/guides/sr/triage-queue\.png"[^>]*>', html)
    assert match, "the screenshot is shown once its file exists"
    alt = re.search(r'alt="([^"]*)"', match.group(0))
    assert alt and has_cyrillic(alt.group(1)), "with a text alternative in the reader's script"

    # A Latin reader gets the Cyrillic screenshot (until a Latin one exists) with a Latin text.
    latin = signed_in(staff("Triage", "sr-latn"))
    html = latin.get("/admin/guides/triage/").content.decode()
    match = re.search(r'<img [^>]*src="/static/guides/sr/triage-queue\.png"[^>]*>', html)
    assert match
    assert not has_cyrillic(re.search(r'alt="([^"]*)"', match.group(0)).group(1))


# Screenshots stay small: they are served to staff in the admin and kept in the repository.
SCREENSHOT_MAX_BYTES = 200_000


@pytest.mark.parametrize("language", ["sr", "en"])
@pytest.mark.parametrize("name", GUIDES)
def test_every_screenshot_a_guide_names_exists_in_its_language(name, language):
    source = get_template(f"guides/{language}/{name}.html").template.source
    names = re.findall(r'{%\s*screenshot\s+"([^"]+)"', source)
    assert names, f"the {language} guide {name} shows its screens"
    for shot in names:
        found = finders.find(f"guides/{language}/{shot}.png")
        assert found, f"static/guides/{language}/{shot}.png: the walk-through makes it"
        with open(found, "rb") as picture:
            data = picture.read()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), found
        assert len(data) <= SCREENSHOT_MAX_BYTES, (found, len(data))


@pytest.mark.parametrize(("language", "folder"), [("en", "en"), ("sr", "sr"), ("sr-latn", "sr")])
def test_each_reader_sees_the_screenshots_of_their_language(language, folder):
    client = signed_in(staff("Triage", language))
    html = client.get("/admin/guides/triage/").content.decode()
    for shot in ("triage-queue", "triage-safe-contact"):
        assert f'src="/static/guides/{folder}/{shot}.png"' in html, (language, shot)
