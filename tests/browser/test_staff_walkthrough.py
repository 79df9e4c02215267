"""The admin as the Centre's staff meet it on their first day (issue 21, "Done when"), in a real
browser and in the admin's default language, Serbian Cyrillic:

1. an administrator adds a triage worker and an editor under Users → Add user; each signs in for
   the first time with a password and sets up the second factor, a wrong code first;
2. the triage worker reads the queue (urgent first), opens a case, takes it, changes its status,
   adds a note and reads the case history in words;
3. the editor writes a news item with an image, saves a draft and submits it to the "Објава"
   workflow; a moderator approves it and it is live in Cyrillic and in Latin; the editor starts
   an English translation, which stays off the public site until a moderator publishes it;
4. the editor copies last year's campaign for this year.

On every admin screen of the walk no request leaves for another host and no word is in Latin
letters (tests/admin_text.py).

The walk also makes the screenshots of the staff guides (users/guides.py): with
GUIDE_SCREENSHOTS_DIR set (to static/guides) it writes them to its sr/ folder, and the English
pass (test_english_walkthrough.py) to its en/ folder; without it, as in CI, it writes nothing.
"""

import json
import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.staff_desk import (
    PRODUCT_NAMES,
    Desk,
    first_sign_in,
    png,
    shell,
    sign_in,
    sr,
    status_of,
)
from tests.browser.staff_steps import (
    COPY_REMINDER,
    SAFE_CONTACT,
    add_normal_referral,
    copy_last_years_campaign,
    footer_action,
    open_the_urgent_case,
    page_urls,
    send_report_with_safe_contact_wishes,
    start_english_translation,
    write_news_item,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def crew(site):
    """The administrator (a superuser) and a moderator the Centre already has, both with an
    authenticator set up and no language chosen: their admin is in Serbian Cyrillic."""
    people = {}
    for role, group, superuser in (("admin", None, True), ("moderator", "Moderator", False)):
        username = f"{role}-{secrets.token_hex(2)}"
        key = shell(
            site,
            "from tests.staff import make_staff; "
            f"u = make_staff({group!r}, {username!r}, superuser={superuser}); "
            "u.first_name, u.last_name = "
            + ("'Ана', 'Анић'; " if superuser else "'Милош', 'Милошевић'; ")
            + f"u.email = {username + '@example.org'!r}; u.save(); "
            "p = u.wagtail_userprofile; p.preferred_language = ''; p.save(); "
            "print(u.totpdevice_set.get().key)",
        )
        from tests.staff import PASSWORD

        people[role] = (username, PASSWORD, key)
    return people


# The new staff, added by the administrator in the first test and used by the others.
NEWCOMERS = {
    "triage": {
        "username": f"marija-{secrets.token_hex(2)}",
        "first_name": "Марија",
        "last_name": "Петровић",
        "role": "Triage",
    },
    "editor": {
        "username": f"jovana-{secrets.token_hex(2)}",
        "first_name": "Јована",
        "last_name": "Ђорђевић",
        "role": "Editor",
    },
}


def content_titles(site):
    """Titles of content, shown as they were typed: images, documents and the English pages (the
    translation editor's breadcrumb is in the page's language)."""
    return shell(
        site,
        "from wagtail.images.models import Image; from wagtail.documents.models import Document; "
        "from wagtail.models import Page; import json; print(json.dumps("
        "[*Image.objects.values_list('title', flat=True), "
        "*Document.objects.values_list('title', flat=True), "
        "*Page.objects.filter(locale__language_code='en').values_list('title', flat=True)]))",
    )


def usernames(site):
    """Every username and person's name on the server: usernames are codes a person chose, and
    names are written as their owners write them (other tests on this server add staff with
    Latin names); both are shown as typed."""
    return shell(
        site,
        "from django.contrib.auth import get_user_model; "
        "print(' '.join(' '.join(fields) for fields in get_user_model().objects.values_list("
        "'username', 'first_name', 'last_name')))",
    ).split() + [person["username"] for person in NEWCOMERS.values()]


def test_the_administrator_adds_staff_who_set_up_their_second_factor(site, browser, crew):
    admin = Desk(browser, site, allow=usernames(site))
    sign_in(admin, *crew["admin"])
    admin.read("dashboard")
    for person in NEWCOMERS.values():
        person["password"] = secrets.token_urlsafe(12)
        admin.go("/admin/users/", "users")
        admin.page.locator("a[href$='/admin/users/new/']").first.click()
        admin.page.wait_for_url("**/admin/users/new/")
        admin.read("add user")
        page = admin.page
        page.locator("#id_username").fill(person["username"])
        page.locator("#id_email").fill(person["username"] + "@example.org")
        page.locator("#id_first_name").fill(person["first_name"])
        page.locator("#id_last_name").fill(person["last_name"])
        page.locator("#id_password1").fill(person["password"])
        page.locator("#id_password2").fill(person["password"])
        # The Roles tab: each group by its Cyrillic name, with what it allows.
        page.locator("#tab-label-roles").click()
        page.get_by_label(sr(person["role"]), exact=True).check()
        admin.read("add user, roles")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/admin/users/")
        expect(page.locator(".messages")).to_contain_text(person["username"])
        admin.read("users, after adding")
    admin.check()
    admin.close()

    for person in NEWCOMERS.values():
        desk = Desk(browser, site, allow=[*usernames(site), *PRODUCT_NAMES])
        person["secret"] = first_sign_in(desk, person["username"], person["password"])
        desk.check()
        desk.close()


def test_the_triage_worker_handles_an_urgent_case(site, browser, crew):
    person = NEWCOMERS["triage"]
    assert "secret" in person, "the administrator's test added this person"
    normal = add_normal_referral(site)
    urgent = send_report_with_safe_contact_wishes(
        browser, site, "Сестра ради у кафани и не пуштају је кући."
    )
    desk = Desk(browser, site, allow=usernames(site))
    page = desk.page
    sign_in(desk, person["username"], person["password"], person["secret"])
    desk.read("home")
    open_the_urgent_case(desk, urgent, normal, SAFE_CONTACT)

    # Taken, moved on, annotated.
    page.locator("form:has(input[name=action][value=claim]) button").click()
    expect(page.locator("body")).to_contain_text(sr("You now handle this referral."))
    desk.read("case, taken")
    page.locator("#id_status").select_option(label=sr("In assessment"))
    page.locator("form:has(input[name=action][value=status]) button").click()
    expect(page.locator("body")).to_contain_text(sr("Status changed."))
    desk.read("case, status changed")
    note = "Позвати сестру у уторак после 18 часова, СМС-ом."
    page.locator("form:has(input[name=action][value=note]) textarea").fill(note)
    page.locator("form:has(input[name=action][value=note]) button").click()
    expect(page.locator(".referral-note").last).to_contain_text(note)
    desk.read("case, note added")

    # The history in words, with the person's name.
    history = page.locator(".referral-history").inner_text()
    for said in (sr("Took the referral"), sr("Added a note")):
        assert said in history, history
    assert "Марија Петровић" in history, history
    assert not re.search(r"referral\.|note\.|in_assessment", history), history
    desk.check()
    desk.close()


def test_the_editors_news_item_goes_through_moderation_and_translation(
    site, browser, crew, tmp_path
):
    person = NEWCOMERS["editor"]
    assert "secret" in person, "the administrator's test added this person"
    title = f"Обука за социјалне раднике {secrets.randbelow(1000)}"
    picture = tmp_path / f"obuka-{secrets.token_hex(3)}.png"
    picture.write_bytes(png())

    editor = Desk(browser, site, allow=[*usernames(site), *json.loads(content_titles(site))])
    page = editor.page
    sign_in(editor, person["username"], person["password"], person["secret"])
    editor.read("home")
    page_id = write_news_item(editor, title, picture)
    footer_action(page, "button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(title)
    editor.read("news item, submitted")
    # Submitted is not published: the public site does not have it yet.
    assert status_of(site, page_urls(site, page_id)["sr"]) == 404

    # The moderator finds it on the dashboard and approves it: live in Cyrillic and Latin.
    moderator = Desk(browser, site, allow=usernames(site))
    sign_in(moderator, *crew["moderator"])
    moderator.read("moderator's home")
    moderator.page.locator("main a[href$='/admin/pages/" + page_id + "/edit/']").first.click()
    moderator.page.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    moderator.read("news item, in moderation")
    approve = "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    footer_action(moderator.page, approve).click()
    expect(moderator.page.locator(".messages")).to_contain_text(title)
    moderator.read("news item, approved")
    urls = page_urls(site, page_id)
    assert status_of(site, urls["sr"]) == 200, urls
    assert status_of(site, urls["sr-latn"]) == 200, urls
    assert urls["sr-latn"].startswith("/sr-latn/"), urls

    # The editor starts an English translation: a draft, not on the public site.
    start_english_translation(editor, page_id, sr("English"))
    # Only someone with the right publishes: the editor's translation editor offers no publish.
    assert sr("Publish") not in editor.page.locator("footer").inner_text()
    english = page_urls(site, page_id)["en"]
    assert status_of(site, english) == 404, english

    editor.check()
    moderator.check()
    editor.close()
    moderator.close()


def test_the_editor_copies_last_years_campaign(site, browser, crew):
    person = NEWCOMERS["editor"]
    assert "secret" in person, "the administrator's test added this person"
    editor = Desk(browser, site, allow=[*usernames(site), *json.loads(content_titles(site))])
    sign_in(editor, person["username"], person["password"], person["secret"])
    # The next screen reminds the editor what the copy still has of last year's page.
    next_year = copy_last_years_campaign(editor, sr(COPY_REMINDER))
    editor.page.locator("footer button.action-save").click()
    expect(editor.page.locator(".messages")).to_contain_text(f"{next_year}")
    editor.read("the copy, saved")
    editor.check()
    editor.close()
