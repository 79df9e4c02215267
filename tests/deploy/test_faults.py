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
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from tests.deploy.faults_support import (
    HOST,
    PROFESSIONAL,
    REPORT,
    MailSink,
    _mount,
    _umount,
    assert_unavailable_page,
    count,
    faults_site,  # noqa: F401 (the fixture `site`)
    mailed_references,
    opened,
    ready,
    reference_of,
)
from tests.referrals.support import PDF, PNG, professional_data, report_data
from tests.servers import (
    ROOT,
    Visitor,
    gunicorn,
    postgres_available,
    stop,
)

pytestmark = [
    pytest.mark.skipif(not postgres_available(), reason="needs PostgreSQL 15's initdb"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


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
