"""Whatever arrives at the two forms and the follow-up page (arbitrary text of any size, odd
choices, unknown fields, random files), the answer is never a server error."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.intake.forms import ReportForm
from referrals.intake.professional import ProfessionalReferralForm
from tests.referrals.support import FOLLOW_UP_URL, JPEG, PDF, PNG, PROFESSIONAL_URL, REPORT_URL

pytestmark = pytest.mark.django_db

# Text a browser can send: any Unicode except lone surrogates (not encodable as UTF-8).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
LONG_TEXT = st.one_of(
    TEXT, st.integers(0, 30_000).map(lambda n: "ж" * n), st.just("\x00"), st.just(" " * 50)
)


def field_value(name, field):
    choices = [str(value) for value, _label in getattr(field, "choices", [])]
    options = [LONG_TEXT]
    if choices:
        options.append(st.sampled_from(choices))
        options.append(st.lists(st.sampled_from(choices), max_size=len(choices) + 2))
    return st.one_of(*options)


def form_data(form_class):
    fields = form_class().fields
    return st.fixed_dictionaries(
        {},
        optional={name: field_value(name, field) for name, field in fields.items()},
    ).flatmap(
        lambda data: st.dictionaries(TEXT.filter(bool), TEXT, max_size=3).map(
            lambda extra: {**extra, **data}
        )
    )


FILES = st.lists(
    st.tuples(
        st.sampled_from([PDF[:5], JPEG[:3], PNG[:8], b"", b"MZ", b"\x00"]),
        st.binary(max_size=20_000),
        TEXT,
    ).map(lambda t: _named(t[0] + t[1], t[2])),
    max_size=7,
)


def _named(data, name):
    stream = io.BytesIO(data)
    stream.name = name or "f"
    return stream


@pytest.fixture
def generous_limits(settings):
    settings.INTAKE_SUBMIT_RATE = "1000000/60"
    settings.INTAKE_FOLLOWUP_RATE = "1000000/60"


COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(**COMMON)
@given(data=form_data(ReportForm), files=FILES, with_files=st.booleans())
def test_report_form_never_answers_5xx(client, generous_limits, data, files, with_files):
    payload = {**data, "attachments": files} if with_files else data
    response = client.post(REPORT_URL, payload)
    assert response.status_code < 500


@settings(**COMMON)
@given(data=form_data(ProfessionalReferralForm), files=FILES)
def test_professional_form_never_answers_5xx(client, generous_limits, data, files):
    response = client.post(PROFESSIONAL_URL, {**data, "attachments": files})
    assert response.status_code < 500


@settings(**COMMON)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "action": st.sampled_from(["add", "status", ""]),
            "reference": LONG_TEXT,
            "secret": LONG_TEXT,
            "token": TEXT,
            "information": LONG_TEXT,
            "website": TEXT,
        },
    ),
    files=FILES,
)
def test_follow_up_never_answers_5xx(client, generous_limits, data, files):
    response = client.post(FOLLOW_UP_URL, {**data, "attachments": files})
    assert response.status_code < 500


def test_valid_choices_with_arbitrary_text_and_files_are_stored_or_refused_cleanly(
    client, generous_limits
):
    """Mostly valid forms, so the sealing and storing path itself meets arbitrary input."""
    from tests.referrals.support import professional_data, report_data

    outcomes = {"stored": 0, "refused": 0}
    valid_files = st.lists(
        st.tuples(st.sampled_from([PDF, JPEG, PNG]), st.binary(max_size=50_000), TEXT).map(
            lambda t: _named(t[0] + t[1], t[2])
        ),
        max_size=5,
    )

    @settings(**COMMON)
    @given(
        public=st.booleans(),
        texts=st.dictionaries(
            st.sampled_from(
                ["what_happened", "where", "contact_name", "narrative", "referrer_name",
                 "organisation", "citizenship", "municipality", "exploitation_other"]
            ),
            LONG_TEXT,
        ),
        files=valid_files,
    )  # fmt: skip
    def run(public, texts, files):
        url = REPORT_URL if public else PROFESSIONAL_URL
        base = report_data() if public else professional_data()
        response = client.post(url, {**base, **texts, "attachments": files})
        assert response.status_code < 500
        outcomes["stored" if b"receipt__code" in response.content else "refused"] += 1

    run()
    # Most examples reach the sealing path: a sixth of them at least (10 of the full profile's
    # 60; the fast profile's 8 examples need one).
    assert outcomes["stored"] >= sum(outcomes.values()) // 6 > 0, outcomes
