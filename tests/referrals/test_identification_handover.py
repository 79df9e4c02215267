"""The guided check's hand-over to the professional referral form: the form starts filled in,
never trusts what it was sent, and seals the indicators seen with the referral; only two coarse
flags are plaintext. A check that is not sent as a referral leaves nothing."""

import logging
import re

import pytest
from django.utils import translation

from referrals import sealing
from referrals.choices import Priority
from referrals.intake.identification import TAMPERED
from referrals.models import Attachment, AuditEvent, FollowUp, Referral
from tests.conftest import built_for_module, fresh
from tests.referrals.identification_support import (
    ENGLISH,
    carried,
    hand_over,
    handover_data,
    indicators,
    make_school_set,
    submit_handed_over,
)
from tests.referrals.support import PROFESSIONAL_URL, form_token, professional_data, receipt_codes

pytestmark = pytest.mark.django_db


# Built once for the module; each test reads it in its own transaction.
built_school = built_for_module(lambda site: {"english": make_school_set(site.home)[1]})


@pytest.fixture
def school(built_school, db):
    """The English school set: the tests' referral form is the English one."""
    return fresh(built_school)["english"]


def strong_ids(indicator_set):
    return [i.id for i in indicators(indicator_set) if i.strong]


def rows():
    return [m.objects.count() for m in (Referral, Attachment, FollowUp, AuditEvent)]


def test_the_hand_over_shows_the_form_filled_in_without_errors(client, school):
    before = rows()
    response = hand_over(client, school, strong_ids(school), child="yes", danger="yes")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' not in html and "There is a problem" not in html
    assert "Sector: Schools." in html
    # Grouped as seen: each group's title before its indicators, with their weight.
    control = html.index("<h3>Control</h3>")
    for text in (ENGLISH["Дете каже да ради да би вратило дуг"], "Someone else holds"):
        assert control < html.index(text)
    assert "<h3>School</h3>" not in html  # nothing was seen in that group
    assert html.count("strong indicator</span>") == 2
    # The check's answers are the starting values of the form's own questions.
    assert _checked(html, "consent", "child")
    assert _checked(html, "danger_now", "yes")
    assert 'name="token"' in html
    # Carried on, for the submission to read again.
    assert carried(response)["identification_indicators"] == strong_ids(school)
    assert rows() == before, "a hand-over is not a referral"


def _checked(html, name, value):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', html)
    return bool(tag) and "checked" in tag.group(0)


def test_an_unknown_age_starts_the_unknown_age_group(client, school):
    html = hand_over(client, school, [], child="unknown", danger="no").content.decode()
    assert _checked(html, "age_band", "unknown") and _checked(html, "danger_now", "no")
    assert "You marked no indicator in the check." in html


@pytest.mark.parametrize(
    "change",
    [
        {"identification_indicators": ["00000000-0000-0000-0000-000000000000"]},
        {"identification_sector": "not-a-uuid"},
        {"identification_sector": "00000000-0000-0000-0000-000000000000"},
        {"identification_child": "maybe"},
    ],
    ids=["unknown-indicator", "bad-sector", "unknown-sector", "bad-answer"],
)
def test_a_tampered_hand_over_gets_a_clear_message_and_nothing_stored(client, school, change):
    before = rows()
    data = {**handover_data(school, strong_ids(school)), **change}
    response = client.post(PROFESSIONAL_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("en"):
        assert str(TAMPERED) in html
    assert 'name="identification_indicators"' not in html
    assert rows() == before


def test_the_set_is_read_in_the_forms_language_and_must_be_live(client, school):
    """The same hand-over (a set's key and its block ids are the same in every language) shows
    the Cyrillic texts on the Cyrillic form; a set taken down is not read."""
    response = client.post("/professional-referral/", handover_data(school, strong_ids(school)))
    assert "Неко други држи документа" in response.content.decode()
    school.unpublish()
    assert hand_over(client, school, strong_ids(school)).status_code == 400


def test_the_submission_seals_the_indicators_and_keeps_two_coarse_flags(client, school):
    ids = strong_ids(school) + [i.id for i in indicators(school) if not i.strong]
    response = submit_handed_over(client, school, ids)
    assert response.status_code == 200, response.content.decode()[:2000]
    (reference,) = receipt_codes(response)[:1]
    referral = Referral.objects.get(reference=reference)
    assert referral.from_identification and referral.strong_indicators
    assert referral.priority == Priority.URGENT
    sealed = sealing.decrypt(referral)["answers"]["identification"]
    assert sealed["sector"] == "Schools" and sealed["language"] == "en"
    assert (sealed["child"], sealed["danger"]) == ("yes", "yes")
    assert [g["title"] for g in sealed["groups"]] == ["Control", "School"]
    texts = [i["text"] for g in sealed["groups"] for i in g["indicators"]]
    assert texts == [ENGLISH[t] for t in ENGLISH if t not in ("Школе", "Контрола", "Школа")]
    assert [i["weight"] for i in sealed["groups"][0]["indicators"]] == ["strong", "strong"]
    # Nothing of the indicators in a plaintext column.
    values = Referral.objects.filter(pk=referral.pk).values().get()
    plain = " ".join(str(v) for k, v in values.items() if not isinstance(v, bytes | memoryview))
    assert not any(text in plain for text in texts + ["Schools"])


def test_general_indicators_alone_are_not_strong(client, school):
    general = [i.id for i in indicators(school) if not i.strong]
    receipt = submit_handed_over(client, school, general)
    referral = Referral.objects.get(reference=receipt_codes(receipt)[0])
    assert referral.from_identification and not referral.strong_indicators


def test_a_referral_without_the_check_has_neither_flag(client, site_pages):
    token = form_token(client.get(PROFESSIONAL_URL))
    receipt = client.post(PROFESSIONAL_URL, {"token": token, **professional_data()})
    referral = Referral.objects.get(reference=receipt_codes(receipt)[0])
    assert not referral.from_identification and not referral.strong_indicators
    assert "identification" not in sealing.decrypt(referral)["answers"]


def test_hidden_indicators_tampered_at_submission_store_nothing(client, school):
    form = hand_over(client, school, strong_ids(school))
    hidden = carried(form)
    hidden["identification_indicators"] = ["00000000-0000-0000-0000-000000000000"]
    data = professional_data(consent="child", age="12", municipality="")
    response = client.post(PROFESSIONAL_URL, {"token": form_token(form), **data, **hidden})
    assert response.status_code == 400
    with translation.override("en"):
        assert str(TAMPERED) in response.content.decode()
    assert not Referral.objects.exists()
    # What was typed is still there; the indicators are not.
    assert "Jelena Petrović" in response.content.decode()


def test_a_form_with_errors_keeps_the_indicators(client, school):
    response = submit_handed_over(client, school, strong_ids(school), narrative="")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert carried(response)["identification_indicators"] == strong_ids(school)
    assert not Referral.objects.exists()


def test_abandoning_after_the_hand_over_leaves_no_row_and_no_log_line(client, school, caplog):
    caplog.set_level(logging.DEBUG)
    before = rows()
    hand_over(client, school, strong_ids(school), child="yes", danger="yes")
    # The professional closes the page: nothing was sent, so nothing is kept.
    assert rows() == before
    texts = [i.text for i in indicators(school)]
    assert not any(t in record.getMessage() for record in caplog.records for t in texts)
    assert not any(str(school.translation_key) in r.getMessage() for r in caplog.records)
