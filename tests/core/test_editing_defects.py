"""Editing defects of issue 21, item 11, as the server sees them: slugs from Cyrillic titles,
a slug held by an abandoned draft, and the roles described on a staff member's account."""

import pytest

from news.models import NewsIndexPage, NewsPage
from tests.core.test_publishing import new_news
from tests.factories import NewsPageFactory
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db


def news_index():
    return NewsIndexPage.objects.get(locale__language_code="sr")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ђачки часопис", "djacki-casopis"),
        ("Џеп, љубав, њива, шума, жена и ћуприја", "dzep-ljubav-njiva-suma-zena-i-cuprija"),
        ("Хор „Чаролија“ 2026.", "hor-carolija-2026"),
    ],
)
def test_a_slug_left_empty_is_the_latin_title_without_diacritics(title, slug):
    page = news_index().add_child(instance=NewsPage(title=title, slug="", summary="Кратко."))
    assert page.slug == slug


def test_a_draft_holding_the_slug_is_named_and_linked():
    editor = signed_in(make_staff("Editor"))
    new_news(editor, "Ђачки часопис", "djacki-casopis", "action-save")  # saved once, abandoned
    draft = NewsPage.objects.get(slug="djacki-casopis", locale__language_code="sr")
    assert not draft.live

    response = new_news(editor, "Ђачки часопис", "djacki-casopis", "action-save")
    assert response.status_code == 200, "the second page is refused"
    html = response.content.decode()
    assert "is held by “Ђачки часопис”, a draft page that is not published" in html, html[-3000:]
    assert f'href="/admin/pages/{draft.pk}/edit/"' in html
    assert html.count("djacki-casopis” is") == 1, "one message, not Wagtail's as well"


def test_a_published_page_holding_the_slug_is_named():
    editor = signed_in(make_staff("Editor"))
    child = NewsPageFactory(parent=news_index(), title="Прва вест", slug="prva-vest")
    response = new_news(editor, "Друга вест", child.slug, "action-save")
    assert response.status_code == 200
    assert f"is taken by the published page “{child.title}”" in response.content.decode()


def test_the_roles_tab_describes_each_group():
    admin = signed_in(make_staff(superuser=True))
    editor = make_staff("Editor")
    for url in (f"/admin/users/edit/{editor.pk}/", "/admin/users/new/"):
        html = admin.get(url).content.decode()
        for description in (
            "Writes news, campaigns and pages and submits them for publication",
            "Approves and publishes what editors submit, or publishes directly; manages the "
            "contacts, social media settings and redirects",
            "Opens referrals and handles them",
            "also assigns referrals, reads the statistics and the audit log",
        ):
            assert description in html, (url, description)
        assert 'aria-describedby="id_groups_0-description"' in html
