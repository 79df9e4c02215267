"""The captcha: on only with keys, no inline script, CSP widened on the form pages only, and a
provider that is down, silent, or says no never costs a referral. Every network call here is
real, to servers on the loopback address: closed, silent, or a local HTTPS stand-in."""

import datetime
import json
import re
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from referrals.intake import captcha
from referrals.models import Referral
from tests.referrals.support import (
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)
from tests.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def captcha_on(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "public-site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "private-secret-key"
    settings.RECAPTCHA_DISABLED = False
    return settings


def send(client, url=REPORT_URL, data=None, token="a-token-from-the-widget"):
    page = client.get(url)
    data = data or report_data()
    return client.post(url, {"token": form_token(page), "g-recaptcha-response": token, **data})


def test_off_without_both_keys_or_when_disabled(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "k"
    settings.RECAPTCHA_PRIVATE_KEY = ""
    assert not captcha.enabled()
    settings.RECAPTCHA_PRIVATE_KEY = "s"
    assert captcha.enabled()
    settings.RECAPTCHA_DISABLED = True
    assert not captcha.enabled()


def test_widget_loads_the_provider_script_by_url_and_no_inline_script(client, captcha_on):
    for url in (REPORT_URL, PROFESSIONAL_URL):
        response = client.get(url)
        html = response.content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        assert all("src=" in tag for tag in scripts), scripts
        assert any("https://www.google.com/recaptcha/api.js" in tag for tag in scripts)
        assert 'data-sitekey="public-site-key"' in html
        assert "onSubmit_" not in html and "private-secret-key" not in html
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]+)", policy).group(1)
        assert "https://www.google.com/recaptcha/" in script_src
        assert "https://www.gstatic.com/recaptcha/" in script_src
        assert "'unsafe-inline'" not in policy
        assert "frame-src" in policy


def test_other_pages_keep_the_strict_policy(client, captcha_on):
    for url in ("/", "/help/", "/report/follow-up/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "google" not in policy, url
        assert "gstatic" not in policy, url


def test_without_keys_the_forms_carry_no_widget(client, settings):
    html = client.get(REPORT_URL).content.decode()
    assert "recaptcha" not in html


def test_unreachable_provider_means_saved_and_flagged(client, captcha_on):
    port = free_port()  # nothing listens there: the connection is refused
    captcha_on.RECAPTCHA_DOMAIN = f"127.0.0.1:{port}"
    response = send(client)
    assert response.status_code == 200
    reference, _secret = receipt_codes(response)
    assert Referral.objects.get(reference=reference).captcha_verified is False


def test_a_provider_that_never_answers_times_out_and_the_referral_is_saved(client, captcha_on):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts connections (the kernel does), never answers
    captcha_on.RECAPTCHA_DOMAIN = f"127.0.0.1:{listener.getsockname()[1]}"
    captcha_on.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 1
    try:
        started = time.monotonic()
        response = send(client, PROFESSIONAL_URL, professional_data())
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    reference, _secret = receipt_codes(response)
    assert Referral.objects.get(reference=reference).captcha_verified is False
    assert elapsed < 5


def test_a_missing_token_without_javascript_still_saves(client, captcha_on):
    captcha_on.RECAPTCHA_DOMAIN = f"127.0.0.1:{free_port()}"
    response = send(client, token="")
    reference, _secret = receipt_codes(response)
    assert Referral.objects.get(reference=reference).captcha_verified is False


# --- a local HTTPS stand-in for the provider ------------------------------------------------


def _certificate(directory):
    """A throw-away CA-signed certificate for 127.0.0.1; the CA goes into SSL_CERT_FILE."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = {name: directory / f"{name}.pem" for name in ("ca", "cert", "key")}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@pytest.fixture
def provider(tmp_path, monkeypatch, captcha_on):
    """A siteverify endpoint on 127.0.0.1 over real TLS. It answers success only for the
    token "good", and remembers what it was sent."""
    paths = _certificate(tmp_path)
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            seen.append(body)
            ok = "response=good" in body
            answer = json.dumps({"success": ok, "error-codes": [] if ok else ["invalid"]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(paths["cert"], paths["key"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(paths["ca"]))
    captcha_on.RECAPTCHA_DOMAIN = f"127.0.0.1:{server.server_address[1]}"
    yield seen
    server.shutdown()
    server.server_close()


def test_a_confirmed_token_is_recorded_as_verified(client, provider):
    reference, _secret = receipt_codes(send(client, token="good"))
    assert Referral.objects.get(reference=reference).captcha_verified is True
    assert "secret=private-secret-key" in provider[0]
    assert "remoteip=&" in provider[0] + "&"  # the reporter's address is not passed on


def test_a_rejected_token_is_saved_and_flagged_not_refused(client, provider):
    response = send(client, token="bad")
    reference, _secret = receipt_codes(response)
    assert Referral.objects.get(reference=reference).captcha_verified is False
