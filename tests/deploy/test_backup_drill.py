"""The backup drill (docs/operations.md, "Backups and restore"), end to end on PostgreSQL:
referrals sent through the real public form to a running server, an audit event anchored, a
document uploaded; deploy/backup.sh writes an encrypted backup; the database, the media and the
anchor file are then lost, and deploy/restore.sh brings them back from the backup alone. After
it every referral opens with the triage private key (export_referral), the audit chain verifies
against its anchor (verify_audit_log) and every media file is back, byte for byte.

The drill's database is a copy of the test database that pytest-django built (migrated, with
the demo site loaded): `CREATE DATABASE ... TEMPLATE` takes a second where `migrate` and
`load_demo` take minutes on a busy build machine. Everything after that runs in processes of
its own (gunicorn, manage.py, the two scripts), against that database, and it is dropped at the
end. The backup is made with a PostgreSQL role that may only read (pg_read_all_data), as in
production."""

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.conftest import TEST_KEY_PASSPHRASE
from tests.referrals.support import (
    PROFESSIONAL_URL,
    REPORT_URL,
    FormClient,
    hidden_values,
    professional_data,
    receipt_codes_bytes,
    report_data,
)
from tests.servers import gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup.sh"
RESTORE = ROOT / "deploy" / "restore.sh"
AGE_HEADER = b"age-encryption.org/v1\n"

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="the backup is a pg_dump: PostgreSQL only (CI runs this on it)",
    ),
    pytest.mark.skipif(not shutil.which("age"), reason="age is installed by make test"),
    # For the test database to be built (it is the drill's template); the test's own
    # connection is closed before the copy, and nothing is written through it.
    pytest.mark.django_db,
]

# Backups already in the folder, named as backup.sh names them. With 3 daily and 4 weekly kept,
# rotation keeps the drill's own backup (today: its own day and week), the newest of each of the
# two most recent days here (06 Jan 23:00 and 05 Jan), and the newest of the two weeks after
# that: 2020-W01 is already kept (05 Jan; 30 Dec 2019 is in the same ISO week), 2019-W51 is
# 20 Dec. Deleted: the earlier backup of 06 Jan, 04 Jan, 30 Dec and 1 Dec.
OLD_BACKUPS = [
    "20200106T010000Z",
    "20200106T230000Z",
    "20200105T010000Z",
    "20200104T010000Z",
    "20191230T010000Z",
    "20191220T010000Z",
    "20191201T010000Z",
]
KEPT = {"20200106T230000Z", "20200105T010000Z", "20191220T010000Z"}


class Server:
    """Where the test's PostgreSQL is, and psql/createdb/dropdb against it."""

    def __init__(self):
        db = settings.DATABASES["default"]
        self.host, self.port = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432)
        self.user, self.password = db["USER"] or "postgres", db["PASSWORD"] or ""
        self.template = db["NAME"]

    def env(self, user=None):
        env = {**os.environ, "PGHOST": self.host, "PGPORT": self.port, "PGUSER": user or self.user}
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def url(self, database):
        auth = self.user + (f":{self.password}" if self.password else "")
        return f"postgres://{auth}@{self.host}:{self.port}/{database}"

    def sql(self, statement, database="postgres"):
        return subprocess.run(
            ["psql", "-v", "ON_ERROR_STOP=1", "-qAt", "-d", database, "-c", statement],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout.strip()

    def exists(self, database):
        # The name is the test's own (letters, digits and _).
        query = f"SELECT count(*) FROM pg_database WHERE datname = '{database}'"  # noqa: S608
        return self.sql(query) == "1"


def clone(server, database):
    # The template may have no other session: this process's own connections go first.
    connections.close_all()
    for attempt in range(10):
        try:
            server.sql(f'CREATE DATABASE "{database}" TEMPLATE "{server.template}"')
            return
        except subprocess.CalledProcessError as error:
            if "being accessed by other users" not in error.stderr or attempt == 9:
                raise
            time.sleep(1)


def tree(folder):
    """{relative path: sha256} of every file under folder."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def send(port, path, data):
    client = FormClient("127.0.0.1", port)
    try:
        status, html = client.get(path)
        assert status == 200, html[:300]
        status, body = client.post(
            path, {**hidden_values(html), **data}, f"http://127.0.0.1:{port}"
        )
        assert status == 200, body[:500]
        reference, _secret = receipt_codes_bytes(body)
        return reference
    finally:
        client.close()


def manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-3000:])
    return result


def run_script(script, args, env):
    return subprocess.run(
        [str(script), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


# Made on the internal tier: a document whose bytes the test knows, an export (an audited
# opening) of each referral, then the head anchored, as the 15-minute job does.
PREPARE = """
import os
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document
text = os.environ["DRILL_DOCUMENT"].encode()
Document.objects.create(title="Drill", file=ContentFile(text, name="drill.txt"))
for reference in os.environ["DRILL_REFERENCES"].split():
    call_command("export_referral", reference, actor="backup drill", stdout=open("/dev/null", "w"))
call_command("anchor_audit_log", verbosity=0)
"""

# Every document and image row, and whether its file is in the storage.
MEDIA_ROWS = """
import json
from wagtail.documents.models import Document
from wagtail.images.models import Image
rows = [*Document.objects.all(), *Image.objects.all()]
print(json.dumps({row.file.name: row.file.storage.exists(row.file.name) for row in rows}))
"""


def backup_key(tmp_path):
    """The backup key (age), which is not the triage key: the backup host holds only its public
    half; the identity is the operator's, kept offline."""
    identity, recipients = tmp_path / "backup-identity.txt", tmp_path / "backup-recipients.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    subprocess.run(
        ["age-keygen", "-y", "-o", str(recipients), str(identity)], check=True, capture_output=True
    )
    return identity, recipients


def environments(server, database, suffix, triage_keys, tmp_path, backup_role, recipients):
    """The public and internal sites' environments, and the backup script's."""
    media, anchor = tmp_path / "media", tmp_path / "anchor" / "audit-anchor.log"
    backups = tmp_path / "backups"
    common = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRIAGE_", "SITE_ROLE", "DJANGO_SETTINGS", "INTAKE_", "SECRET"))
    }
    common.update(
        DATABASE_URL=server.url(database),
        CACHE_KEY_PREFIX=f"drill{suffix}",
        TRIAGE_PUBLIC_KEY_FILE=str(triage_keys["public"]),
    )
    public_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SITE_ROLE": "public",
    }
    internal_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "SITE_ROLE": "internal",
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(media),
        "AUDIT_ANCHOR_FILE": str(anchor),
        "AUDIT_ANCHOR_KEY": secrets.token_urlsafe(32),
        "TRIAGE_PRIVATE_KEY_FILE": str(triage_keys["private"]),
        "TRIAGE_KEY_PASSPHRASE": TEST_KEY_PASSPHRASE,
    }
    backup_env = {
        **server.env(user=backup_role),
        "PGDATABASE": database,
        "BACKUP_DIR": str(backups),
        "BACKUP_AGE_RECIPIENTS_FILE": str(recipients),
        "MEDIA_ROOT": str(media),
        "AUDIT_ANCHOR_FILE": str(anchor),
        "BACKUP_KEEP_DAILY": "3",
        "BACKUP_KEEP_WEEKLY": "4",
    }
    return public_env, internal_env, backup_env


def send_two_referrals(public_env, tmp_path, canary):
    """Two referrals through the public forms of a running server; their references."""
    process, port = gunicorn(
        public_env, tmp_path / "gunicorn.log", workers=1, timeout=120,
        options=["--log-level", "warning"],
    )  # fmt: skip
    try:
        references = [
            send(port, REPORT_URL, report_data(what_happened=canary)),
            send(port, PROFESSIONAL_URL, professional_data(narrative=canary)),
        ]
    finally:
        stop(process, seconds=30)
    return references


def nightly_backup(backups, backup_env, document_text, canary):
    """Runs the backup script next to older backups; the folder it made."""
    for name in OLD_BACKUPS:
        (backups / name).mkdir(parents=True)
        (backups / name / "database.dump.age").write_bytes(AGE_HEADER)
    result = run_script(BACKUP, [], backup_env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    made = sorted(set(os.listdir(backups)) - set(OLD_BACKUPS))
    assert len(made) == 1, os.listdir(backups)
    (stamp,) = made
    assert set(os.listdir(backups)) == KEPT | {stamp}, "rotation: keep 3 daily, 4 weekly"
    folder = backups / stamp
    # Encrypted at rest: every file is age's, and the document's bytes are nowhere in clear.
    files = sorted(p for p in folder.iterdir() if p.name != "SHA256SUMS")
    assert {p.name for p in files} >= {
        "database.dump.age",
        "media.tar.age",
        "audit-anchor.log.age",
    }
    for path in files:
        data = path.read_bytes()
        assert data.startswith(AGE_HEADER), path.name
        assert document_text.encode() not in data and canary.encode() not in data
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    return folder


def lose_and_restore(server, database, media, anchor, folder, identity, tmp_path):
    """The database, the media and the anchor file are lost, then restored from the backup."""
    # 3. The disaster: the database, the media and the anchor file are gone.
    server.sql(f'DROP DATABASE "{database}"')
    shutil.rmtree(media)
    anchor.unlink()

    # Another key opens nothing and restores nothing.
    stranger = tmp_path / "stranger.txt"
    subprocess.run(["age-keygen", "-o", str(stranger)], check=True, capture_output=True)
    restore_args = ["--database", database, "--media-root", str(media)]
    restore_args += ["--anchor-file", str(anchor), str(folder)]
    refused = run_script(RESTORE, ["--identity", str(stranger), *restore_args], server.env())
    assert refused.returncode != 0
    assert not server.exists(database) and not media.exists() and not anchor.exists()

    # 4. The restore, with the backup identity.
    result = run_script(RESTORE, ["--identity", str(identity), *restore_args], server.env())
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


def test_a_backup_restores_a_lost_database_with_its_referrals_audit_log_and_media(
    django_db_setup, triage_keys, tmp_path
):
    server = Server()
    suffix = secrets.token_hex(4)
    database = f"{server.template}_drill_{suffix}"
    backup_role = f"{server.template}_backup_{suffix}"
    canary = f"Drill canary {suffix}: the passport is kept by the employer."
    document_text = f"Drill document {suffix}, uploaded before the backup."
    media, anchor = tmp_path / "media", tmp_path / "anchor" / "audit-anchor.log"
    backups = tmp_path / "backups"
    anchor.parent.mkdir()
    identity, recipients = backup_key(tmp_path)

    # The demo's media (whatever load_demo wrote for the test database), as the site's files.
    if Path(settings.MEDIA_ROOT).exists():
        shutil.copytree(settings.MEDIA_ROOT, media)
    media.mkdir(exist_ok=True)

    public_env, internal_env, backup_env = environments(
        server, database, suffix, triage_keys, tmp_path, backup_role, recipients
    )

    clone(server, database)
    server.sql(f'CREATE ROLE "{backup_role}" LOGIN IN ROLE pg_read_all_data')
    try:
        # 1. The site in use: two referrals through the public forms of a running server.
        references = send_two_referrals(public_env, tmp_path, canary)
        drill = {"DRILL_DOCUMENT": document_text, "DRILL_REFERENCES": " ".join(references)}
        manage({**internal_env, **drill}, "shell", "-c", PREPARE)
        before = manage(internal_env, "verify_audit_log", "--no-anchor").stdout
        assert "audit log intact" in before and "last anchor: event" in before, before
        media_before = tree(media)
        assert any(document_text == (media / p).read_text(errors="replace") for p in media_before)

        # 2. The nightly backup, into a folder that already holds older ones.
        folder = nightly_backup(backups, backup_env, document_text, canary)

        # 3. The disaster, then 4. the restore with the backup identity.
        lose_and_restore(server, database, media, anchor, folder, identity, tmp_path)

        # 5. Everything is back: the chain and its anchor, every referral opens, the media.
        after = manage(internal_env, "verify_audit_log", "--no-anchor").stdout
        assert after == before
        for reference in references:
            exported = manage(internal_env, "export_referral", reference).stdout
            assert canary in exported
        assert tree(media) == media_before
        # Each row finds its file again when the file was there before: the drill's document
        # and whatever of the demo's files the test database's MEDIA_ROOT holds.
        output = manage(internal_env, "shell", "-c", MEDIA_ROWS).stdout.strip().splitlines()
        rows = json.loads(output[-1])
        assert rows == {name: name in media_before for name in rows}
        assert any(rows[name] and name.startswith("documents/drill") for name in rows), rows
    finally:
        if server.exists(database):
            server.sql(f'DROP DATABASE "{database}" WITH (FORCE)')
        server.sql(f'DROP ROLE IF EXISTS "{backup_role}"')
