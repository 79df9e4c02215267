"""Triage and the guided check: the case view shows the indicators as the professional saw
them, the queue filters on "strong indicators present" in its one query, and the statistics
count the referrals that came from the check, suppressed for publication as every count."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from referrals.models import Referral
from referrals.triage import statistics
from referrals.triage.disclosure import SMALL
from tests.referrals.identification_support import (
    indicators,
    make_school_set,
    submit_handed_over,
)
from tests.referrals.support import referral_row
from tests.referrals.test_triage_queue import QUEUE, references, referral_queries
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage():
    return signed_in(make_staff("Triage"))


def test_the_case_view_shows_the_indicators_grouped_with_their_weight(client, site_pages, triage):
    school = make_school_set(site_pages.home)[1]
    submit_handed_over(client, school, [i.id for i in indicators(school)])
    referral = Referral.objects.get()
    html = triage.get(reverse("referral:case", args=[referral.pk])).content.decode()
    section = re.search(r'<section class="referral-identification".*?</section>', html, re.S)
    assert section, "the case view has the check's section"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(0)))
    assert "Indicators seen in the indicator check" in text and "Schools" in text
    control, school_group = text.index("Control"), text.index("School ")
    debt = text.index("The child says they work to pay off a debt · strong indicator")
    documents = text.index("Someone else holds the documents · strong indicator")
    absent = text.index("Often absent from school · general indicator")
    assert control < debt < documents < school_group < absent
    # Not listed again among the answers as a raw value.
    assert "'groups'" not in html and "sector_key" not in html


def test_the_queue_filters_on_strong_indicators(triage):
    now = timezone.now()
    Referral.objects.bulk_create(
        [
            referral_row(1, received_at=now - datetime.timedelta(hours=3)),
            referral_row(2, from_identification=True, received_at=now),
            referral_row(3, from_identification=True, strong_indicators=True),
        ]
    )
    assert references(triage.get(QUEUE + "?strong=true")) == ["CZ-0003-TEST"]
    assert len(references(triage.get(QUEUE))) == 3
    html = triage.get(QUEUE).content.decode()
    assert html.count('class="w-status w-status--label referral-strong"') == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no arrays: the urgent notice asks apart"
)
def test_the_filtered_queue_still_reads_referrals_in_one_query(triage):
    Referral.objects.bulk_create(
        [referral_row(1, from_identification=True, strong_indicators=True), referral_row(2)]
    )
    assert len(referral_queries(triage, QUEUE + "?strong=true")) == 1


def identification_table(report):
    (table,) = [t for t in report.breakdowns if t.code == "identification"]
    return {row.code: row.count for row in table.rows}


def test_the_statistics_count_referrals_from_the_check():
    year = timezone.localdate().year
    received = timezone.now()
    flags = [(True, True)] * 2 + [(True, False)] * 6 + [(False, False)] * 7
    Referral.objects.bulk_create(
        [
            referral_row(i, received_at=received, from_identification=f, strong_indicators=s)
            for i, (f, s) in enumerate(flags, start=1)
        ]
    )
    with translation.override("en"):
        internal = statistics.build_report(year)
        public = statistics.build_report(year, for_publication=True)
    assert identification_table(internal) == {"check_strong": 2, "check": 6, "other": 7}
    # Published: the small cell is hidden, and so is one more, so that it cannot be worked
    # out from the total.
    published = identification_table(public)
    assert published["check_strong"] is SMALL
    assert sum(1 for value in published.values() if not isinstance(value, int)) >= 2
    labels = [
        row.label for t in internal.breakdowns if t.code == "identification" for row in t.rows
    ]
    assert labels[0] == "From the indicator check, strong indicators present"
