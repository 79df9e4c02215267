"""The guided check as a multi-step form without JavaScript: each step, the result, and what a
tampered hidden state gets (a clear page with a way on, never a 500)."""

import pytest

from identification.check import groups_of
from tests.identification.conftest import SECTORS
from tests.identification.support import CHECK, hidden_fields, post, school_set, walk_to_result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("indicator_sets")]

NO_STORE = ("no-store", "no-cache", "private")


def assert_no_store(response):
    for directive in NO_STORE:
        assert directive in response["Cache-Control"]


def test_the_first_step_lists_every_sector_and_prints_nothing_personal(client):
    response = client.get(CHECK)
    assert response.status_code == 200
    assert_no_store(response)
    html = response.content.decode()
    for title, _english in SECTORS.values():
        assert title in html
    assert 'method="post"' in html


def test_each_step_answers_no_store_and_leads_to_the_next(client):
    sector = school_set()
    responses = walk_to_result(client, sector)
    # Sector, person, one page per group, the last of which is the result.
    assert len(responses) == 2 + len(groups_of(sector, "yes"))
    for response in responses:
        assert response.status_code == 200
        assert_no_store(response)
    assert "Is the person a child" not in responses[0].content.decode()  # Serbian by default
    assert 'name="child"' in responses[0].content.decode()
    assert 'value="group"' in responses[1].content.decode()


def test_two_strong_indicators_for_a_child_advise_to_refer_and_call(client):
    sector = school_set()
    strong = [i for g in groups_of(sector, "yes") for i in g.indicators if i.strong][:2]
    result = walk_to_result(client, sector, child="yes", seen={i.id for i in strong})[-1]
    html = result.content.decode()
    assert "Упутите одмах и позовите одмах" in html
    for indicator in strong:
        assert indicator.text in html
        assert f'name="identification_indicators" value="{indicator.id}"' in html
    assert 'action="/professional-referral/"' in html
    assert f'name="identification_sector" value="{sector.translation_key}"' in html
    assert 'href="tel:192"' in html  # the police number from the site settings


def test_nothing_seen_advises_to_watch_and_document(client):
    result = walk_to_result(client, school_set(), child="no")[-1]
    html = result.content.decode()
    assert "Пратите и записујте шта видите" in html
    assert 'name="identification_indicators"' not in html


def test_an_adult_is_not_asked_about_signs_that_concern_only_children(client):
    sector = school_set()
    for_adults = [i.id for g in groups_of(sector, "no") for i in g.indicators]
    assert for_adults and all(
        i.applies_to != "children" for g in groups_of(sector, "no") for i in g.indicators
    )
    every = [i.id for g in groups_of(sector) for i in g.indicators]
    assert len(every) > len(for_adults)


def test_the_check_speaks_latin_and_english(client):
    response = client.get("/sr-latn/identification/")
    assert "Škole" in response.content.decode()
    english = school_set("en")
    result = walk_to_result(client, english, path="/en/identification/")[-1]
    assert "Refer now, and call now" not in result.content.decode()
    assert "Watch and write down what you see" in result.content.decode()
    assert 'action="/en/professional-referral/"' in result.content.decode()


def test_a_step_left_unanswered_asks_again_on_the_same_step(client):
    response = post(client, [("stage", "sector")])
    assert response.status_code == 200
    assert "Изаберите сектор у коме радите." in response.content.decode()

    sector = school_set()
    person = post(client, [("stage", "sector"), ("sector", str(sector.pk))])
    response = post(client, [("stage", "person"), *hidden_fields(person), ("child", "yes")])
    assert response.status_code == 200
    assert 'name="child" id="child-yes" value="yes" checked' in response.content.decode()
    assert 'id="danger-error"' in response.content.decode()

    first = post(
        client, [("stage", "person"), *hidden_fields(person), ("child", "yes"), ("danger", "no")]
    )
    group = groups_of(sector, "yes")[0]
    answered = [(group.indicators[0].field_name, "yes")]
    response = post(client, hidden_fields(first) + answered)
    html = response.content.decode()
    assert 'value="0"' in html  # still the first group
    assert f'id="{group.indicators[1].field_name}-error"' in html
    assert f'id="{group.indicators[0].field_name}-yes" value="yes" checked' in html


def tampered(client, fields):
    response = post(client, fields)
    assert response.status_code == 400
    assert_no_store(response)
    assert "Провера није могла да се настави" in response.content.decode()
    return response


@pytest.fixture
def at_second_group(client):
    """The hidden fields and the answers of the second group's step, as the server wrote them."""
    sector = school_set()
    steps = walk_to_result(client, sector)
    fields = hidden_fields(steps[2])
    group = groups_of(sector, "yes")[1]
    return fields, [(i.field_name, "no") for i in group.indicators]


def replaced(fields, name, value):
    return [(n, value if n == name else v) for n, v in fields]


def test_an_unknown_stage_or_sector_is_refused_plainly(client, at_second_group):
    fields, answers = at_second_group
    tampered(client, [("stage", "somewhere")])
    tampered(client, [])
    tampered(client, replaced(fields, "sector", "999999") + answers)
    tampered(client, replaced(fields, "sector", "'; drop table") + answers)
    tampered(client, [("stage", "person"), ("sector", "abc"), ("child", "no"), ("danger", "no")])


def test_a_tampered_person_or_group_index_is_refused(client, at_second_group):
    fields, answers = at_second_group
    tampered(client, replaced(fields, "child", "maybe") + answers)
    tampered(client, [(n, v) for n, v in fields if n != "danger"] + answers)
    tampered(client, replaced(fields, "group", "99") + answers)
    tampered(client, replaced(fields, "group", "-1") + answers)


def test_tampered_answers_are_refused(client, at_second_group):
    fields, answers = at_second_group
    earlier = next(name for name, _ in fields if name.startswith("a-"))
    tampered(client, replaced(fields, earlier, "perhaps") + answers)
    tampered(client, [(n, v) for n, v in fields if n != earlier] + answers)
    tampered(client, fields + answers + [("a-not-an-indicator", "yes")])


def test_other_methods_are_refused(client):
    assert client.put(CHECK).status_code == 405


def test_back_returns_to_the_step_before_with_its_answers(client, at_second_group):
    fields, answers = at_second_group
    response = post(client, fields + [("back", "1")])
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="group" value="0"' in html
    first = school_set()
    group = groups_of(first, "yes")[0]
    for indicator in group.indicators:
        assert f'id="{indicator.field_name}-no" value="no" checked' in html

    back_again = post(client, hidden_fields(response) + [("back", "1")])
    html = back_again.content.decode()
    assert 'value="person"' in html
    assert 'id="child-yes" value="yes" checked' in html
    assert 'type="hidden" name="child"' not in html
