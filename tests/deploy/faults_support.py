"""The fault tests' own site (tests/deploy/test_faults.py): a PostgreSQL cluster and a
redis-server of their own behind gunicorn with production settings, what reads the stored
reports back, the 503 page's checks, and a mail server that keeps what it is sent."""

import email
import email.policy
import json
import os
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.servers import (
    ROOT,
    Postgres,
    Redis,
    gunicorn,
    prepare_demo,
    production_environment,
    stop,
)

HOST, STAFF_HOST = "centar.example", "staff.centar.example"
REPORT = "/en/report/"
PROFESSIONAL = "/en/professional-referral/"
# The national numbers every error page of the site gives (home/models, ContactSettings).
POLICE, EMERGENCY = "192", "112"


def _mount(folder, options):
    """Mounts a tmpfs at folder; False when this machine does not allow it."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    return result.returncode == 0


def _umount(folder):
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def environments(pg, cache, private):
    """The public and internal roles' environments, on a fresh database with the demo, the
    internal one with the new key pair."""
    public_env = production_environment(
        "public",
        HOST,
        private / "var",
        pg.url("cpvht"),
        cache.url,
        CACHE_KEY_PREFIX=None,
        MEDIA_ROOT=str(private / "media"),
        # The settings' level: the tests read the warnings in the server's log.
        LOG_LEVEL=None,
        SECURE_SSL_REDIRECT="false",
        TRIAGE_NOTIFY_EMAILS="on-duty@centar.example",
        # One test client sends every report here: the limits are not what is tested.
        INTAKE_SUBMIT_RATE="100000/3600",
    )
    internal_env = prepare_demo(public_env, "a passphrase for the fault tests", STAFF_HOST)
    return public_env, internal_env


@pytest.fixture(scope="module", name="site")
def faults_site():
    # Not pytest's tmp_path: its folders are root's alone, and PostgreSQL runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="cpvht-faults-"))
    os.chmod(folder, 0o755)  # noqa: S103 (the postgres user must reach its folder inside)
    pg_folder, data = folder / "pg", folder / "pg" / "data"
    data.mkdir(parents=True)
    mounts = []
    if _mount(data, "size=192m,mode=0700"):
        mounts.append(data)
    pg = Postgres(pg_folder, data).init()
    pg.start()
    redis_folder = folder / "redis"
    redis_folder.mkdir()
    cache = Redis(redis_folder)
    cache.start()
    private = folder / "private"
    private.mkdir(mode=0o700)

    public_env, internal_env = environments(pg, cache, private)
    log = folder / "gunicorn.log"
    server, port = gunicorn(public_env, log)
    state = {
        "folder": folder,
        "pg": pg,
        "redis": cache,
        "public_env": public_env,
        "internal_env": internal_env,
        "server": server,
        "port": port,
        "log": log,
        "data_mounted": bool(mounts),
    }
    try:
        yield state
    finally:
        stop(state["server"])
        cache.stop()
        try:
            pg.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        for mount in mounts:
            _umount(mount)
        if not os.environ.get("FAULTS_KEEP"):  # FAULTS_KEEP=1 keeps the logs to read
            shutil.rmtree(folder, ignore_errors=True)


def opened(site, references):
    """What the Centre's staff would read of each reference: its answers and the SHA-256 of
    each attachment, decrypted with the private key in another process; None when missing."""
    script = (
        "import base64, hashlib, json, sys\n"
        "from referrals import sealing\n"
        "from referrals.models import Referral\n"
        "out = {}\n"
        "for ref in json.loads(sys.stdin.read()):\n"
        "    r = Referral.objects.filter(reference=ref).first()\n"
        "    if r is None:\n"
        "        out[ref] = None\n"
        "        continue\n"
        "    d = sealing.decrypt(r, include_files=True)\n"
        "    out[ref] = {'answers': d['answers'], 'files': [hashlib.sha256("
        "base64.b64decode(f['data_base64'])).hexdigest() for f in d['attachments']]}\n"
        "print('OPENED ' + json.dumps(out))\n"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        cwd=ROOT,
        env=site["internal_env"],
        input=json.dumps(list(references)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("OPENED "))
    return json.loads(line.removeprefix("OPENED "))


def reference_of(response):
    codes = re.findall(r'<code class="receipt__code">([^<]+)</code>', response.text)
    return codes[0] if response.status_code == 200 and len(codes) == 2 else None


def count(site, table):
    return int(site["pg"].psql("cpvht", f"SELECT count(*) FROM {table}"))  # noqa: S608


def assert_unavailable_page(response, language="en"):
    """The page a person gets when the database is away: 503, the phone numbers, in the
    language of the page they were on, and no trace of the code."""
    text = response.text
    assert response.status_code == 503, (response.status_code, text[-1500:])
    assert response.headers["Retry-After"] == "60"
    assert f"tel:{POLICE}" in text and f"tel:{EMERGENCY}" in text
    lang = {"en": "en", "sr": "sr-Cyrl"}[language]
    assert f'<html lang="{lang}"' in text
    if language == "en":
        assert "did not get a reference number" in text
    assert "Traceback" not in text and "Server Error (500)" not in text


class MailSink(socketserver.ThreadingTCPServer):
    """Just enough of an SMTP server to take Django's mail: each message's bytes in .messages."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.messages = []
        super().__init__(("127.0.0.1", 0), SMTPSession)


class SMTPSession(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.server.messages.append(b"".join(lines))
                self.wfile.write(b"250 kept\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def ready(site):
    """How many tasks wait for the worker."""
    return count(site, "django_tasks_database_dbtaskresult WHERE status = 'READY'")


def mailed_references(sink, messages=None):
    found = set()
    for raw in sink.messages if messages is None else messages:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = str(message["Subject"]) + message.get_body().get_content()
        found.update(re.findall(r"CZ-[0-9A-Z]{4}-[0-9A-Z]{4}", text))
    return found
