"""The public role behind gunicorn with the production settings and a Redis that is down: one
that refuses connections, and one that accepts them and never answers. Pages are served (slower),
reports get their receipts, the rate limit still holds, and the log says why, without a
traceback."""

import http.client
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.config.test_cache_hardening import REFUSING_REDIS, SilentServer
from tests.config.test_security_headers import HOST, production_env
from tests.referrals.support import report_data
from tests.servers import gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site_files(tmp_path_factory, triage_keys):
    """A migrated database with the demo site and the collected static files."""
    tmp_path = tmp_path_factory.mktemp("outage")
    env = production_env(tmp_path, REDIS_URL="", TRIAGE_PUBLIC_KEY_FILE=str(triage_keys["public"]))
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    return env


@pytest.fixture(params=["refused", "silent"])
def server_without_redis(request, site_files, tmp_path):
    """gunicorn, one worker, REDIS_URL pointing at a Redis that is down."""
    if request.param == "refused":
        silent, redis_url = None, REFUSING_REDIS
    else:
        silent = SilentServer()
        redis_url = silent.__enter__()
    env = {**site_files, "REDIS_URL": redis_url, "SECURE_SSL_REDIRECT": "false"}
    log = tmp_path / "server.log"
    server, port = gunicorn(env, log, workers=1, timeout=30)
    try:
        yield port, redis_url, log
    finally:
        stop(server)
        if silent is not None:
            silent.__exit__(None, None, None)


class Browser:
    """Just enough of a browser: cookies kept, Origin sent with a POST, TLS said by the proxy."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None):
        # A hanging Redis must cost a timeout, never a hang: 10 s is far above what is allowed.
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
            headers["Referer"] = f"https://{HOST}{path}"
            body = urllib.parse.urlencode(body, doseq=True)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, text

    def submit(self, path, answers):
        status, form = self.request("GET", path)
        assert status == 200, form[-2000:]
        fields = {
            name: re.search(rf'name="{name}" value="([^"]+)"', form).group(1)
            for name in ("csrfmiddlewaretoken", "token")
        }
        return self.request("POST", path, {**fields, **answers})


def test_with_redis_down_the_public_tier_serves_pages_and_takes_reports(server_without_redis):
    port, redis_url, log = server_without_redis
    browser = Browser(port)
    started = time.monotonic()
    for path in ("/", "/en/", "/about/", "/sr-latn/", "/report/", "/en/report/"):
        status, _ = browser.request("GET", path)
        assert status == 200, path
    for number in range(10):
        status, body = browser.submit("/en/report/", report_data(where=f"Town {number}"))
        assert status == 200
        assert len(re.findall(r'<code class="receipt__code">', body)) == 2
    # The 11th report from this client waits, with what was typed, like with Redis up.
    status, body = browser.submit("/en/report/", report_data(where="Eleventh town"))
    assert status == 429
    assert "Eleventh town" in body
    # Slower is fine, a hang is not: one timeout per few seconds, not one per cache call.
    assert time.monotonic() - started < 60
    text = log.read_text()
    server = urllib.parse.urlsplit(redis_url).netloc
    assert f"Redis at {server} failed" in text
    assert "Traceback" not in text and "Internal Server Error" not in text
    assert "Town" not in text
