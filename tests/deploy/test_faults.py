"""Faults of the private services, with the site as it runs in production (gunicorn,
config.settings.production, the public role) in front of a PostgreSQL cluster and a redis-server
of this module's own (tests/servers.py; the shared ones other tests use are never touched):

- Redis stopped in the middle of traffic: requests in flight finish, pages render, reports get
  their receipts; Redis back, it is used again.
- PostgreSQL restarted during a burst of 200 reports: every report that got a receipt is stored
  and opens with the private key; every one that did not got a 503 page in the reporter's
  language with the phone numbers, never a 500.
- The intake's worker stopped: the on-duty notices wait in the tasks table and are mailed when
  it is back.
- The disks: attachments never touch MEDIA_ROOT or the temporary folder (both made unusable
  here: a read-only filesystem and a full one); the disk that holds them is the database's, and
  with that one full a report with documents fails with the 503 page and leaves nothing behind,
  then, with room again, the same form sent again is stored whole.

The data folder of the cluster is a small tmpfs of its own when the test may mount one (as root,
which ignores file permissions, a full or read-only filesystem is the only honest fault)."""

import concurrent.futures
import email
import email.policy
import hashlib
import json
import os
import re
import secrets
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.referrals.support import PDF, PNG, professional_data, report_data
from tests.servers import (
    ROOT,
    Postgres,
    Redis,
    Visitor,
    gunicorn,
    manage,
    postgres_available,
    stop,
)

HOST, STAFF_HOST = "centar.example", "staff.centar.example"
REPORT = "/en/report/"
PROFESSIONAL = "/en/professional-referral/"
# The national numbers every error page of the site gives (home/models, ContactSettings).
POLICE, EMERGENCY = "192", "112"

pytestmark = [
    pytest.mark.skipif(not postgres_available(), reason="needs PostgreSQL 15's initdb"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


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


@pytest.fixture(scope="module")
def site():
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
    pg.psql("postgres", "CREATE DATABASE cpvht")
    redis_folder = folder / "redis"
    redis_folder.mkdir()
    cache = Redis(redis_folder)
    cache.start()
    private = folder / "private"
    private.mkdir(mode=0o700)

    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("TRIAGE_", "SITE_ROLE", "DJANGO_SETTINGS", "INTAKE_", "SECRET", "DATABASE_", "REDIS_")
        )
    }
    base_env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        VAR_DIR=str(private / "var"),
        MEDIA_ROOT=str(private / "media"),
        DATABASE_URL=pg.url("cpvht"),
        REDIS_URL=cache.url,
        RECAPTCHA_DISABLED="true",
        SECURE_SSL_REDIRECT="false",
        TRIAGE_NOTIFY_EMAILS="on-duty@centar.example",
    )
    keys = private / "keys"
    passphrase = "a passphrase for the fault tests"
    internal_env = {
        **base_env,
        "SITE_ROLE": "internal",
        "ALLOWED_HOSTS": STAFF_HOST,
        "TRIAGE_KEY_PASSPHRASE": passphrase,
    }
    manage(internal_env, "generate_triage_keys", "--out", str(keys))
    internal_env.update(
        TRIAGE_PUBLIC_KEY_FILE=str(next(keys.glob("*.pub"))),
        TRIAGE_PRIVATE_KEY_FILE=str(next(keys.glob("*.key"))),
    )
    public_env = {
        **base_env,
        "SITE_ROLE": "public",
        "ALLOWED_HOSTS": HOST,
        "TRIAGE_PUBLIC_KEY_FILE": internal_env["TRIAGE_PUBLIC_KEY_FILE"],
        "INTAKE_TRUSTED_PROXY_COUNT": "0",
        # One test client sends every report here: the limits are not what is tested.
        "INTAKE_SUBMIT_RATE": "100000/3600",
    }
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        # The static files need no database: collected while the tables are made.
        collected = pool.submit(manage, internal_env, "collectstatic", "--noinput", "-v0")
        manage(internal_env, "migrate", "-v0")
        collected.result()
    manage(internal_env, "load_demo")
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


# --- Redis ----------------------------------------------------------------------------------


def test_redis_stopped_mid_load_pages_render_and_reports_arrive(site):
    port, cache = site["port"], site["redis"]
    pages = ("/", "/en/", "/sr-latn/")
    receipts, failures, lock = {}, [], threading.Lock()
    stopped = threading.Event()

    def visitor(number):
        person = Visitor(port, HOST)
        for round_ in range(5):
            for path in pages:
                response = person.request("GET", path)
                if response.status_code != 200:
                    with lock:
                        failures.append((path, response.status_code))
            where = f"Redis {number}-{round_}"
            _, response = person.submit(REPORT, report_data(where=where))
            reference = reference_of(response)
            with lock:
                if reference:
                    receipts[reference] = where
                else:
                    failures.append((where, response.status_code))

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(visitor, n) for n in range(4)]
        deadline = time.monotonic() + 60
        while len(receipts) < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        cache.stop()  # mid-load: other requests are in flight now
        stopped.set()
        for future in futures:
            future.result()
    during = len(receipts)
    # Still down: a new visitor reads pages and reports.
    person = Visitor(port, HOST)
    assert person.request("GET", "/en/").status_code == 200
    _, response = person.submit(REPORT, report_data(where="Redis down"))
    receipts[reference_of(response)] = "Redis down"

    cache.start()
    time.sleep(5.5)  # config/cache.py tries a failed server again after RETRY_SECONDS
    _, response = person.submit(REPORT, report_data(where="Redis back"))
    receipts[reference_of(response)] = "Redis back"
    assert person.request("GET", "/en/").status_code == 200

    assert not failures, failures
    assert during == 20 and None not in receipts
    stored = opened(site, receipts)
    for reference, where in receipts.items():
        assert stored[reference] is not None, reference
        assert stored[reference]["answers"]["where"] == where
    log = site["log"].read_text()
    assert f"Redis at 127.0.0.1:{cache.port} failed" in log
    assert f"Redis at 127.0.0.1:{cache.port} answers again" in log
    assert "Traceback" not in log


# --- PostgreSQL -----------------------------------------------------------------------------


def test_postgresql_restarted_during_a_burst_of_200_reports(site):
    port, pg = site["port"], site["pg"]
    outcomes, lock = [], threading.Lock()
    numbers = iter(range(200))

    def visitor():
        person = Visitor(port, HOST)
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            # Half in English, half on the Cyrillic site (the default language, no prefix).
            language = "en" if number % 2 else "sr"
            path = REPORT if language == "en" else "/report/"
            where = f"Burst {number}"
            try:
                _, response = person.submit(path, report_data(where=where))
            except Exception as error:  # a dropped connection would be a failure too
                response = error
            with lock:
                outcomes.append((where, language, response))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(visitor) for _ in range(8)]
        deadline = time.monotonic() + 60
        while len(outcomes) < 40 and time.monotonic() < deadline:
            time.sleep(0.02)
        pg.restart("fast")  # as `systemctl restart postgresql` does: sessions are cut
        for future in futures:
            future.result()

    assert len(outcomes) == 200
    received, refused = {}, []
    for where, language, response in outcomes:
        assert not isinstance(response, Exception), (where, response)
        reference = reference_of(response)
        if reference:
            received[reference] = where
        else:
            refused.append((language, response))
    statuses = sorted({r.status_code for _, r in refused})
    print(f"{len(received)} receipts, {len(refused)} refused with {statuses}")
    assert received, "no report got through"
    # The restart must have cut into the burst, or this proved nothing.
    assert refused, "the restart fell outside the burst"
    for language, response in refused:
        assert_unavailable_page(response, language)
    stored = opened(site, received)
    for reference, where in received.items():
        assert stored[reference] is not None, f"{reference} had a receipt but is not stored"
        assert stored[reference]["answers"]["where"] == where


# --- the worker -----------------------------------------------------------------------------


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


def test_stopped_worker_notices_wait_in_the_queue_and_go_out_when_it_returns(site):
    sink = MailSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env = {
        **site["internal_env"],
        "DJANGO_SETTINGS_MODULE": "tests.deploy.fault_settings",
        "FAULTS_SMTP_PORT": str(sink.server_address[1]),
    }
    command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--backend", "intake"]
    command += ["--interval", "0.5", "--no-startup-delay"]
    log = open(site["folder"] / "worker.log", "a")  # noqa: SIM115
    person = Visitor(site["port"], HOST)
    try:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)

        def send(where):
            _, response = person.submit(REPORT, report_data(where=where, danger_now="yes"))
            reference = reference_of(response)
            assert reference, response.status_code
            return reference

        def wait_for_mail(references, seconds=30):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not references <= mailed_references(sink):
                time.sleep(0.2)
            return references <= mailed_references(sink)

        first = send("Before the stop")
        assert wait_for_mail({first}), "the worker sends the notice while it runs"
        # What earlier tests left in the queue goes out too; then the worker stops.
        deadline = time.monotonic() + 60
        while ready(site) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ready(site) == 0
        stop(worker)  # SIGTERM, as systemd stops it
        assert worker.returncode is not None

        waiting = {send(f"Worker away {n}") for n in range(3)}
        time.sleep(2)
        assert not waiting & mailed_references(sink), "nothing is mailed without a worker"
        assert ready(site) == 3, "the notices wait in the tasks table"

        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        assert wait_for_mail(waiting), mailed_references(sink)
        assert ready(site) == 0
        # Each notice once.
        mailed = [mailed_references(sink, [raw]) for raw in sink.messages]
        for reference in waiting | {first}:
            assert sum(reference in found for found in mailed) == 1, reference
    finally:
        stop(worker)
        log.close()
        sink.shutdown()
        sink.server_close()


# --- the disks ------------------------------------------------------------------------------


def documents(count, size):
    """count files of about size bytes, PDF and PNG by their first bytes, random after (as a
    sealed or compressed file is: nothing a disk could compress)."""
    files = []
    for number in range(count):
        head = PDF if number % 2 == 0 else PNG
        name = f"scan-{number}.pdf" if number % 2 == 0 else f"photo-{number}.png"
        kind = "application/pdf" if number % 2 == 0 else "image/png"
        files.append(("attachments", (name, head + os.urandom(size - len(head)), kind)))
    return files


def digests(files):
    return [hashlib.sha256(content).hexdigest() for _, (_, content, _) in files]


def test_media_and_temporary_disks_unusable_attachments_still_stored_whole(site):
    """Attachments are sealed in memory and stored in the database (referrals/uploads.py,
    Attachment): a read-only MEDIA_ROOT and a full temporary folder change nothing for them."""
    media, temporary = site["folder"] / "media-ro", site["folder"] / "tmp-full"
    media.mkdir()
    temporary.mkdir()
    if not (_mount(media, "size=1m,ro") and _mount(temporary, "size=64k")):
        _umount(media)
        pytest.skip("this machine allows no tmpfs mount")
    try:
        with open(temporary / "filler", "wb") as filler:
            try:
                filler.write(b"\0" * 65536 * 2)
            except OSError:
                pass  # full, as wanted
        assert not os.access(media, os.W_OK) or _write_fails(media)
        env = {**site["public_env"], "MEDIA_ROOT": str(media), "TMPDIR": str(temporary)}
        server, port = gunicorn(env, site["folder"] / "gunicorn-disks.log", workers=1)
        try:
            files = documents(3, 3 * 1024 * 1024)
            _, response = Visitor(port, HOST).submit(
                PROFESSIONAL, professional_data(municipality="Disk test"), files=files
            )
            reference = reference_of(response)
            assert reference, (response.status_code, response.text[-1500:])
            assert "3 documents received" in response.text
        finally:
            stop(server)
        stored = opened(site, [reference])[reference]
        assert stored["answers"]["municipality"] == "Disk test"
        assert stored["files"] == digests(files)
        assert not any(media.iterdir())
    finally:
        _umount(media)
        _umount(temporary)


def _write_fails(folder):
    try:
        (folder / "probe").write_bytes(b"x")
    except OSError:
        return True
    return False


def test_database_disk_full_a_report_with_documents_fails_clearly_and_leaves_nothing(site):
    if not site["data_mounted"]:
        pytest.skip("the cluster's data folder is not a filesystem of its own here")
    port, data = site["port"], site["pg"].data
    person = Visitor(port, HOST)
    assert person.request("GET", "/en/").status_code == 200
    referrals, attachments = count(site, "referrals_referral"), count(site, "referrals_attachment")
    files = documents(5, 8 * 1024 * 1024)
    answers = professional_data(municipality="Full disk")
    hidden = person.form(PROFESSIONAL)
    # Leave 4 MB: enough for what a page or a small report writes, not for 40 MB of documents.
    filler = data / "filler"
    free = shutil.disk_usage(data).free
    with open(filler, "wb") as out:
        out.truncate(0)
        remaining = free - 4 * 1024 * 1024
        while remaining > 0:
            chunk = min(remaining, 8 * 1024 * 1024)
            out.write(b"\0" * chunk)
            remaining -= chunk
    try:
        _, response = person.submit(PROFESSIONAL, answers, files=files, hidden=hidden)
        assert_unavailable_page(response)
        # The site itself goes on.
        assert person.request("GET", "/en/report/").status_code == 200
    finally:
        filler.unlink()
    # Nothing of it stored: no referral, no attachment (counted with room again: a new
    # connection to a server whose disk is full may itself fail).
    assert count(site, "referrals_referral") == referrals
    assert count(site, "referrals_attachment") == attachments
    # With room again, the same form sent again (the browser's "send again") is stored whole.
    _, response = person.submit(PROFESSIONAL, answers, files=files, hidden=hidden)
    reference = reference_of(response)
    assert reference, (response.status_code, response.text[-1500:])
    assert "5 documents received" in response.text
    stored = opened(site, [reference])[reference]
    assert stored["answers"]["municipality"] == "Full disk"
    assert stored["files"] == digests(files)
    assert count(site, "referrals_attachment") == attachments + 5


def test_after_a_quiet_postgresql_restart_the_next_reports_are_stored(site):
    """A restart while nobody sends anything (an upgrade at night) must not cost the next
    reporters a refusal: each gunicorn worker's kept connection died with the old server."""
    site["pg"].restart("fast")
    person = Visitor(site["port"], HOST)
    statuses = []
    for number in range(6):
        _, response = person.submit(REPORT, report_data(where=f"After the restart {number}"))
        statuses.append(response.status_code if reference_of(response) is None else "receipt")
    assert statuses == ["receipt"] * 6
