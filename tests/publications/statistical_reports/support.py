"""A year of referrals with known numbers (coarse fields only), and readers of a report page's
figures, its HTML table cells and its CSV."""

import csv
import datetime
import html as html_module
import io
import re
from zoneinfo import ZoneInfo

from django.core.management import call_command

from referrals.choices import AgeBand, Channel, Gender
from referrals.models import Referral
from tests.referrals.support import referral_row

BELGRADE = ZoneInfo("Europe/Belgrade")
YEAR = 2025
# March: (age band, gender, how many); 30 referrals, one cell of 2 (under the threshold).
MARCH = [
    (AgeBand.FROM_18_TO_25, Gender.FEMALE, 12),
    (AgeBand.FROM_26_TO_40, Gender.FEMALE, 10),
    (AgeBand.FROM_18_TO_25, Gender.MALE, 6),
    (AgeBand.FROM_26_TO_40, Gender.MALE, 2),
]
MARCH_TOTAL = 30
MARCH_PROFESSIONAL = 3
MARCH_LATE = 5
# Every other month: 8 referrals, all answered the next day.
OTHER_MONTHS = 8


def year_of_referrals():
    rows = []
    late = 0
    for age_band, gender, count in MARCH:
        for n in range(count):
            received = datetime.datetime(YEAR, 3, 3 + n, 10, tzinfo=BELGRADE)
            answer_after = datetime.timedelta(days=10 if late < MARCH_LATE else 1)
            late += 1
            rows.append(
                referral_row(
                    received_at=received,
                    responded_at=received + answer_after,
                    status="in-assessment",
                    age_band=age_band,
                    gender=gender,
                    channel=Channel.PROFESSIONAL
                    if len(rows) < MARCH_PROFESSIONAL
                    else Channel.PUBLIC,
                )
            )
    for month in (*range(1, 3), *range(4, 13)):
        for n in range(OTHER_MONTHS):
            received = datetime.datetime(YEAR, month, 5 + n, 10, tzinfo=BELGRADE)
            rows.append(
                referral_row(
                    received_at=received,
                    responded_at=received + datetime.timedelta(days=1),
                    status="in-assessment",
                    age_band=AgeBand.FROM_26_TO_40,
                    gender=Gender.FEMALE,
                )
            )
    Referral.objects.bulk_create(rows)
    return rows


def run(*args):
    out = io.StringIO()
    call_command("draft_statistical_report", *args, stdout=out)
    return out.getvalue()


def table(figures, code):
    return next(t for t in figures["tables"] if t["code"] == code)


def page_counts(html):
    """Every published count of the page's tables, table by table, as the page writes them."""
    counts = {}
    for code, body in re.findall(r'data-table="([^"]+)">(.*?)</table>', html, flags=re.S):
        counts[code] = [html_module.unescape(c) for c in re.findall(r'data-count="([^"]*)"', body)]
    return counts


def csv_counts(content):
    rows = list(csv.reader(io.StringIO(content.decode())))
    return rows
