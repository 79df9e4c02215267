"""The three database roles, as an attacker on the public tier and the staff would meet them.

The roles are made inside the test's transaction and the test switches to them with SET ROLE on
the same connection, so the web requests of the test client run with exactly those rights, and
everything (roles included) is rolled back at the end."""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from operations import database_roles
from referrals.models import FollowUp, Referral
from tests.referrals.support import (
    FOLLOW_UP_URL,
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)
from tests.staff import make_staff, signed_in

pytestmark = pytest.mark.django_db

OWNER, INTERNAL, PUBLIC = "t_cpvht_owner", "t_cpvht_internal", "t_cpvht_public"


def test_every_table_is_in_the_policy():
    """A table a new migration adds is public for nobody until someone puts it in the policy."""
    undecided = [
        t for t in connection.introspection.table_names() if not database_roles.classify(t)
    ]
    assert undecided == []


@pytest.fixture
def roles():
    if connection.vendor != "postgresql":
        pytest.skip("database roles are PostgreSQL's")
    out = StringIO()
    call_command(
        "provision_database_roles", owner=OWNER, internal=INTERNAL, public=PUBLIC, stdout=out
    )
    assert "staff-only" in out.getvalue()
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@contextmanager
def role(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def refused(statement):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    except DatabaseError as error:
        return "permission denied" in str(error) or "must be owner" in str(error)
    return False


ATTACKS = [
    "SELECT * FROM otp_totp_totpdevice",
    "SELECT * FROM users_user",
    "SELECT * FROM django_session",
    "SELECT sealed_answers FROM referrals_referral",
    "SELECT * FROM referrals_staffnote",
    "SELECT * FROM wagtailcore_revision",
    "INSERT INTO users_user (password, is_superuser, username, first_name, last_name, email, "
    "is_staff, is_active, date_joined) VALUES ('x', true, 'evil', '', '', '', true, true, now())",
    "UPDATE referrals_auditevent SET actor = 'x'",
    "DELETE FROM referrals_auditevent",
    "TRUNCATE referrals_auditevent",
    "DELETE FROM referrals_referral",
    "UPDATE wagtailcore_page SET title = 'defaced'",
    "ALTER TABLE referrals_auditevent DISABLE TRIGGER ALL",
]


def test_the_public_role_can_reach_no_account_session_secret_or_log(roles):
    with role(PUBLIC):
        for statement in ATTACKS:
            assert refused(statement), statement


def test_the_internal_role_cannot_rewrite_the_audit_log_or_drop_its_trigger(roles):
    with role(INTERNAL):
        for statement in (
            "UPDATE referrals_auditevent SET actor = 'x'",
            "DELETE FROM referrals_auditevent",
            "TRUNCATE referrals_auditevent",
            "ALTER TABLE referrals_auditevent DISABLE TRIGGER ALL",
            "DROP TABLE referrals_referral",
        ):
            assert refused(statement), statement
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM users_user")


def test_migrate_refuses_a_web_role(roles):
    with role(INTERNAL), pytest.raises(CommandError, match="owner of the tables"):
        call_command("migrate", verbosity=0)


def test_a_table_added_later_reaches_the_internal_role_only(roles):
    with role(OWNER), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE t_later (id integer)")
    with role(INTERNAL), connection.cursor() as cursor:
        cursor.execute("INSERT INTO t_later VALUES (1)")
    with role(PUBLIC):
        assert refused("SELECT * FROM t_later")


def test_the_public_site_forms_and_follow_up_work_as_the_public_role(roles, client, live_pages):
    with role(PUBLIC):
        assert live_pages
        for page in live_pages:
            assert client.get(page.url).status_code == 200, page.url
        assert client.get("/en/search/?q=trafficking").status_code == 200
        assert client.get("/healthz").status_code == 200
        page = client.get(REPORT_URL)
        reference, secret = receipt_codes(
            client.post(REPORT_URL, {"token": form_token(page), **report_data()})
        )
        page = client.get(PROFESSIONAL_URL)
        response = client.post(PROFESSIONAL_URL, {"token": form_token(page), **professional_data()})
        assert len(receipt_codes(response)) == 2
        response = client.post(FOLLOW_UP_URL, {"reference": reference, "secret": secret})
        assert reference in response.content.decode()
        response = client.post(
            FOLLOW_UP_URL,
            {"action": "add", "reference": reference, "secret": secret, "information": "More."},
        )
        assert b"your information was added" in response.content
        # A wrong secret is refused, not an error.
        response = Client().post(FOLLOW_UP_URL, {"reference": reference, "secret": "WRONG"})
        assert response.status_code == 200
    assert Referral.objects.count() == 2 and FollowUp.objects.count() == 1


def test_staff_work_as_the_internal_role(roles, client):
    page = client.get(REPORT_URL)
    client.post(REPORT_URL, {"token": form_token(page), **report_data()})
    referral = Referral.objects.get()
    staff = make_staff("Triage")
    with role(INTERNAL):
        browser = signed_in(staff)
        queue = browser.get(reverse("referral:index"))
        assert referral.reference in queue.content.decode()
        case_url = reverse("referral:case", args=[referral.pk])
        assert "My neighbour" in browser.get(case_url).content.decode()
        browser.post(case_url, {"action": "claim"})
    referral.refresh_from_db()
    assert referral.assignee == staff
