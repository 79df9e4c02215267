"""The check is found where a professional looks: the help section and the referral form."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("indicator_sets")]


@pytest.mark.parametrize(
    "path, link",
    [
        ("/help/", 'href="/identification/"'),
        ("/professional-referral/", 'href="/identification/"'),
        ("/en/help/", 'href="/en/identification/"'),
        ("/sr-latn/professional-referral/", 'href="/sr-latn/identification/"'),
    ],
)
def test_the_help_section_and_the_referral_form_link_to_the_check(client, path, link):
    assert link in client.get(path).content.decode()


def test_other_content_pages_do_not_repeat_the_link(client):
    assert 'href="/identification/"' not in client.get("/about/").content.decode()
