"""Helpers shared by the intake tests: valid answers, small real files, a dump of the database."""

import datetime
import hashlib
import itertools
import re

from django.db import connection
from django.utils import timezone

from referrals.choices import AgeBand, Channel, ExploitationType, Gender, Priority, ReferrerType
from referrals.models import Referral
from referrals.models.referral import due_at

# The English pages: the tests read the messages a visitor reads, in English.
REPORT_URL = "/en/report/"
PROFESSIONAL_URL = "/en/professional-referral/"
FOLLOW_UP_URL = "/en/report/follow-up/"

# Numbers for referral_row() when the test does not choose them: above any a test chooses.
_row_numbers = itertools.count(100_000)

# Small files whose first bytes are what the real formats start with.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def report_data(**overrides):
    data = {
        "danger_now": "no",
        "child_involved": "no",
        "what_happened": "My neighbour's cousin works on a farm and is not allowed to leave.",
        "where": "Kraljevo",
        "situation": ["labour"],
        "reporter": "acquaintance",
        "wants_contact": "no",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def professional_data(**overrides):
    data = {
        "organisation_type": "social-work",
        "referrer_name": "Jelena Petrović",
        "organisation": "Centar za socijalni rad Kraljevo",
        "work_phone": "+381 36 000 000",
        "work_email": "jelena@csr.example",
        "age": "19",
        "age_band": "",
        "gender": "female",
        "citizenship": "Serbian",
        "municipality": "Kraljevo",
        "exploitation": ["labour", "sexual"],
        "indicators": ["documents", "debt"],
        "danger_now": "no",
        "consent": "adult-yes",
        "narrative": "She works 14 hours a day in a restaurant, her passport is with the owner.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def form_token(response):
    match = re.search(rb'name="token" value="([^"]+)"', response.content)
    assert match, "the form carries a one-time token"
    return match.group(1).decode()


def receipt_codes(response):
    codes = re.findall(rb'<code class="receipt__code">([^<]+)</code>', response.content)
    return [c.decode() for c in codes]


def dump_database():
    """Every value of every table, as bytes: what a stolen database or backup would show."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    chunks.append(value if isinstance(value, bytes) else str(value).encode())
    return b"\n".join(chunks)


class FileWatch:
    """Records, while active, every file the interpreter opens and every temporary file it
    creates (Python's audit events "open" and "tempfile.mkstemp"). Audit hooks cannot be
    removed, so one hook is installed once and switched on and off."""

    _installed = False
    _active = None

    def __init__(self):
        self.opened = []
        self.temporary = []

    @classmethod
    def _hook(cls, event, args):
        watch = cls._active
        if watch is None:
            return
        if (
            event == "open"
            and args
            and isinstance(args[0], (str, bytes))
            or (event == "open" and args and hasattr(args[0], "__fspath__"))
        ):
            watch.opened.append((str(args[0]), args[1] if len(args) > 1 else None))
        elif event == "tempfile.mkstemp":
            watch.temporary.append(str(args[0]))

    def __enter__(self):
        import sys

        if not FileWatch._installed:
            sys.addaudithook(FileWatch._hook)
            FileWatch._installed = True
        FileWatch._active = self
        return self

    def __exit__(self, *exc):
        FileWatch._active = None

    def opened_paths(self):
        return [path for path, _mode in self.opened]


class FormClient:
    """A minimal browser for a live server: GET the form (cookie, CSRF token, form token),
    then POST it url-encoded with the cookie and Origin a browser would send."""

    def __init__(self, host, port, headers=None):
        self.host, self.port = host, port
        self.connection = None
        self.headers = headers or {}
        self.cookie = ""

    def _connect(self):
        # A new connection for every request: a person may take minutes between the two, and
        # the server closes idle keep-alive connections long before.
        import http.client

        self.close()
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        return self.connection

    def get(self, path):
        connection = self._connect()
        connection.request("GET", path, headers={**self.headers, "Cookie": self.cookie})
        response = connection.getresponse()
        body = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            if "csrftoken=" in header:
                self.cookie = header.split(";")[0].strip()
        return response.status, body

    def post(self, path, data, origin):
        from urllib.parse import urlencode

        body = urlencode(data, doseq=True).encode()
        headers = {
            **self.headers,
            "Cookie": self.cookie,
            "Origin": origin,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        connection = self._connect()
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def hidden_values(html):
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    token = re.search(rb'name="token" value="([^"]+)"', html).group(1).decode()
    return {"csrfmiddlewaretoken": csrf, "token": token}


def receipt_codes_bytes(content):
    return [c.decode() for c in re.findall(rb'<code class="receipt__code">([^<]+)</code>', content)]


def referral_row(i=None, **fields):
    """A Referral with coarse fields only and a placeholder blob, for tests of the queue, the
    counts and retention, which never decrypt (build many with bulk_create). `i` numbers the
    reference CZ-{i:04d}-TEST; without it the next free number is taken."""
    i = next(_row_numbers) if i is None else i
    received = fields.pop("received_at", timezone.now() - datetime.timedelta(hours=i + 1))
    priority = fields.pop("priority", Priority.NORMAL)
    values = {
        "reference": f"CZ-{i:04d}-TEST",
        "channel": Channel.PUBLIC,
        "received_at": received,
        "priority": priority,
        "referrer_type": ReferrerType.ACQUAINTANCE,
        "exploitation_type": ExploitationType.LABOUR,
        "age_band": AgeBand.ADULT,
        "gender": Gender.UNKNOWN,
        "is_minor": False,
        "due_at": due_at(received, priority),
        "key_id": "0" * 16,
        "suite": "test",
        "sealed_answers": b"not a real blob",
        "idempotency_hash": hashlib.sha256(f"row-{i}".encode()).hexdigest(),
        "followup_secret_hash": "",
    }
    values.update(fields)
    return Referral(**values)
