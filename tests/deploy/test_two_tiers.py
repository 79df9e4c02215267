"""The two tiers as deployed: two gunicorn processes, each with its own database role, behind
Debian's nginx running the server blocks in deploy/nginx (on loopback ports, with certificates
made here). A referral sent through nginx to the public tier is opened by staff on the internal
tier; the public process has no private key; nginx passes each client's address on, so two
clients are limited apart and a forged X-Forwarded-For changes nothing.

Runs on PostgreSQL (the roles are PostgreSQL's) with a database and roles of its own, dropped
at the end."""

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis
import requests
import urllib3
from django.conf import settings
from django_otp.oath import totp
from requests.adapters import HTTPAdapter

from tests.deploy.two_tiers_site import (
    INTERNAL_HOST,
    OTP_KEY,
    PASSWORD,
    PUBLIC_HOST,
    ROOT,
    two_tiers,  # noqa: F401 (the fixture `tiers`)
)
from tests.referrals.support import professional_data

NARRATIVE = "Canary 5TQ9: she sleeps in the warehouse and the boss keeps her passport."

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="database roles need PostgreSQL (CI runs this on it)",
    ),
    pytest.mark.skipif(
        not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
        reason="nginx is installed by make test",
    ),
]
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


class FromAddress(HTTPAdapter):
    """Connects from a chosen loopback address: another client, as nginx sees it."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Browser:
    """A client of one tier through nginx: HTTPS to the loopback port, the tier's host name in
    Host and Origin (as a browser on the real name would send them)."""

    def __init__(self, port, host, address="127.0.0.1"):
        self.base, self.host = f"https://127.0.0.1:{port}", host
        self.session = requests.Session()
        # The test's own self-signed certificate, reached by address: not verified (a session
        # setting would lose to REQUESTS_CA_BUNDLE, so each request says it).
        self.session.mount("https://", FromAddress(address))

    def get(self, path, **kwargs):
        headers = {"Host": self.host, **kwargs.pop("headers", {})}
        return self.session.get(
            self.base + path, headers=headers, timeout=30, verify=False, **kwargs
        )

    def post(self, path, data, **kwargs):
        headers = {"Host": self.host, "Origin": f"https://{self.host}"}
        headers.update(kwargs.pop("headers", {}))
        data = {"csrfmiddlewaretoken": self.session.cookies.get("__Host-csrftoken"), **data}
        return self.session.post(
            self.base + path,
            data=data,
            headers=headers,
            timeout=60,
            allow_redirects=False,
            verify=False,
            **kwargs,
        )


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    return match.group(1) if match else ""


def send_referral(browser, text=NARRATIVE, **headers):
    page = browser.get("/en/professional-referral/")
    assert page.status_code == 200
    data = {"token": hidden(page.text, "token"), **professional_data(narrative=text)}
    return browser.post("/en/professional-referral/", data, headers=headers)


def reference_of(response):
    codes = re.findall(r'<code class="receipt__code">([^<]+)</code>', response.text)
    assert len(codes) == 2, response.status_code
    return codes[0]


def test_a_referral_sent_to_the_public_tier_opens_on_the_internal_tier(tiers):
    ports = tiers["ports"]
    reporter = Browser(ports["pub_tls"], PUBLIC_HOST, "127.0.0.2")
    assert reporter.get("/").status_code == 200
    reference = reference_of(send_referral(reporter))

    staff = Browser(ports["int_tls"], INTERNAL_HOST)
    staff.get("/admin/login/")
    response = staff.post("/admin/login/", {"username": "triage1", "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    code = totp(bytes.fromhex(OTP_KEY))
    response = staff.post("/admin/two-factor/verify/", {"code": f"{code:06d}"})
    assert response.status_code == 302, response.text[-500:]
    queue = staff.get("/admin/referrals/queue/")
    assert reference in queue.text
    case = re.search(r'href="(/admin/referrals/queue/[0-9a-f-]{36}/)"', queue.text).group(1)
    assert NARRATIVE in staff.get(case).text


def test_nginx_passes_each_clients_address_and_a_forged_one_changes_nothing(tiers):
    port = tiers["ports"]["pub_tls"]
    first = Browser(port, PUBLIC_HOST, "127.0.0.3")
    reference_of(send_referral(first, "First from .3"))
    # The limit is one an hour per client in this test: the same client is held back, even
    # when it claims another address.
    assert send_referral(first, "Second from .3").status_code == 429
    forged = send_referral(first, "Forged", **{"X-Forwarded-For": "198.51.100.77"})
    assert forged.status_code == 429
    # Another client is not.
    reference_of(send_referral(Browser(port, PUBLIC_HOST, "127.0.0.4"), "First from .4"))
    # And nginx's log keeps no address.
    log = (tiers["logs"] / "cpvht-public.log").read_text()
    assert "POST /en/professional-referral/" in log
    assert "127.0.0." not in log and "198.51.100.77" not in log


def test_the_public_process_holds_no_private_key(tiers):
    environ = Path(f"/proc/{tiers['public_pid']}/environ").read_bytes().split(b"\0")
    names = {item.split(b"=", 1)[0] for item in environ}
    assert b"TRIAGE_PUBLIC_KEY_FILE" in names
    assert not {b"TRIAGE_PRIVATE_KEY_FILE", b"TRIAGE_KEY_PASSPHRASE"} & names
    # With the public tier's environment nothing can be opened, even by an operator.
    result = subprocess.run(
        [*tiers["manage"], "export_referral", "CZ-0000-0000"],
        cwd=ROOT,
        env=tiers["public_env"],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0


def test_the_public_database_role_reaches_no_account(tiers):
    server = tiers["server"]
    public = [*tiers["psql"], tiers["roles"]["public"], "-d", tiers["database"], "-Atc"]
    for statement in (
        "SELECT key FROM otp_totp_totpdevice",
        "SELECT password FROM users_user",
        "SELECT session_data FROM django_session",
        "UPDATE referrals_auditevent SET actor = 'x'",
        "ALTER TABLE referrals_auditevent DISABLE TRIGGER ALL",
    ):
        result = subprocess.run([*public, statement], capture_output=True, text=True)
        assert result.returncode != 0 and (
            "permission denied" in result.stderr or "must be owner" in result.stderr
        ), (statement, server.hostname)


def test_each_tier_answers_what_it_should_and_nothing_else(tiers):
    ports = tiers["ports"]
    public = Browser(ports["pub_tls"], PUBLIC_HOST)
    internal = Browser(ports["int_tls"], INTERNAL_HOST)
    assert public.get("/healthz").status_code == 200
    assert internal.get("/healthz").status_code == 200
    assert public.get("/admin/login/").status_code == 404
    assert public.get("/media/original_images/x.jpg").status_code == 404
    assert "Strict-Transport-Security" in public.get("/").headers
    # nginx's own answers under /media/images/ keep HSTS too (404 for a missing file, or 403
    # here, where nginx's workers may not enter the test's private temporary folder).
    image = public.get("/media/images/missing.png")
    assert image.status_code in (403, 404) and "Strict-Transport-Security" in image.headers
    # The internal tier from outside the allowed networks: refused by nginx.
    outsider = Browser(ports["int_tls"], INTERNAL_HOST, "127.0.0.5")
    assert outsider.get("/admin/login/").status_code == 403
    # Plain HTTP goes to HTTPS.
    plain = requests.get(
        f"http://127.0.0.1:{ports['http']}/report/",
        headers={"Host": PUBLIC_HOST},
        allow_redirects=False,
        timeout=10,
    )
    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://centar.example/report/"


def test_a_break_in_on_the_public_tier_cannot_plant_what_the_internal_tier_reads(tiers):
    """Cache values are pickled: a key the internal tier reads, written by the public tier,
    would run code there. The public tier's Redis user can touch only its own keys, and the
    internal tier's may write the public tier's keys but never read them."""
    public = redis.Redis.from_url(tiers["redis"]["public"]["url"])
    internal = redis.Redis.from_url(tiers["redis"]["internal"]["url"])
    internal_key = f"{tiers['redis']['internal']['prefix']}:1:wagtail_site_root_paths"
    public_key = f"{tiers['redis']['public']['prefix']}:1:frame-version"
    with pytest.raises(redis.exceptions.NoPermissionError):
        public.set(internal_key, b"planted")
    with pytest.raises(redis.exceptions.NoPermissionError):
        public.get(internal_key)
    with pytest.raises(redis.exceptions.NoPermissionError):
        internal.get(public_key)
    with pytest.raises(redis.exceptions.NoPermissionError):
        public.flushdb()


def test_a_change_on_the_internal_tier_empties_the_public_page_cache(tiers):
    public = Browser(tiers["ports"]["pub_tls"], PUBLIC_HOST, "127.0.0.6")
    assert "+381 11 222 3333" not in public.get("/").text  # now in the page cache
    result = subprocess.run(
        [
            *tiers["manage"],
            "shell",
            "-c",
            "from core.models import ContactSettings; s = ContactSettings.objects.first(); "
            "s.centre_phone = '+381 11 222 3333'; s.save()",
        ],
        cwd=ROOT,
        env=tiers["internal_env"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    time.sleep(1.5)  # the public workers read the frame version at most once a second
    assert "+381 11 222 3333" in public.get("/").text


def test_pages_are_compressed_but_no_answer_that_shows_the_follow_up_secret(tiers):
    """BREACH (docs/deploy.md, "Compression"): the receipt and the follow-up page, answers to
    a POST that show the secret, are sent as they are; pages are gzipped."""
    ports = tiers["ports"]
    reporter = Browser(ports["pub_tls"], PUBLIC_HOST, "127.0.0.9")
    gzip = {"Accept-Encoding": "gzip"}
    home = reporter.get("/en/", headers=gzip)
    assert home.headers.get("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in home.headers.get("Vary", "")
    # The form is compressed: it carries no secret but the CSRF token, masked anew each time.
    forms = [reporter.get("/en/professional-referral/", headers=gzip) for _ in range(2)]
    assert all(form.headers.get("Content-Encoding") == "gzip" for form in forms)
    tokens = {hidden(form.text, "csrfmiddlewaretoken") for form in forms}
    assert len(tokens) == 2 and "" not in tokens

    receipt = send_referral(reporter, "Compression check", **gzip)
    codes = re.findall(r'<code class="receipt__code">([^<]+)</code>', receipt.text)
    assert receipt.status_code == 200 and len(codes) == 2
    assert "Content-Encoding" not in receipt.headers
    reference, secret = codes
    status = reporter.post(
        "/en/professional-referral/follow-up/",
        {"reference": reference, "secret": secret},
        headers=gzip,
    )
    assert status.status_code == 200 and reference in status.text
    assert "Content-Encoding" not in status.headers
    # The internal tier compresses nothing.
    staff = Browser(ports["int_tls"], INTERNAL_HOST).get("/admin/login/", headers=gzip)
    assert staff.status_code == 200 and "Content-Encoding" not in staff.headers
