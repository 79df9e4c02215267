"""What one referral submission costs the database (issue 20): one transaction with the referral
and its notice, no look-up of the token before it, and a receipt that reads no settings row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models.site_settings import ContactSettings
from tests.referrals.intake_support import submit
from tests.referrals.support import REPORT_URL, receipt_codes, report_data

pytestmark = pytest.mark.django_db


def test_a_submit_reads_nothing_but_the_page_and_writes_in_one_transaction(client):
    # The settings row exists, as on any site that runs (its creation changes the frame's
    # version), and the frame's fragments are cached.
    ContactSettings.for_site(Site.objects.get(is_default_site=True))
    receipt_codes(submit(client, REPORT_URL, report_data()))
    with CaptureQueriesContext(connection) as queries:
        response = submit(client, REPORT_URL, report_data())
    assert len(receipt_codes(response)) == 2
    # The form's GET, rendered from the cached frame, and the POST.
    statements = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in statements if "core_contactsettings" in s]
    assert len([s for s in statements if s.startswith('INSERT INTO "referrals_referral"')]) == 1
    assert not [s for s in statements if "idempotency_hash" in s and s.startswith("SELECT")]
