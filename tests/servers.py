"""The one place that finds a free loopback port and starts a production-like server for the tests
and the benchmarks: the site behind gunicorn, and, for the tests that stop, restart or starve them
(tests/deploy/test_faults.py), a PostgreSQL cluster and a redis-server of the test's own. The
shared PostgreSQL and Redis the other tests use are never touched. Tests that use it are marked
`server` (tests/conftest.py).

It also builds what such a server is started with: its environment for a role
(production_environment, tier_environment) and a fresh database with the demo, prepared as the
internal tier prepares it (prepare_demo)."""

import concurrent.futures
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def wait_for(port, process=None, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        if answers(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def stop(process, seconds=15):
    """SIGTERM (a graceful stop, as systemd sends), then SIGKILL if it does not end."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def postgres_available():
    return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or _has_user("postgres"))


def _has_user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


class Postgres:
    """A cluster in `folder` (its data in `data`, which may be a small filesystem of its own;
    the write-ahead log stays in `folder`, so a full data disk fails a statement, not the
    server). PostgreSQL refuses to run as root: as root, it runs as the postgres user."""

    def __init__(self, folder, data=None):
        self.folder = Path(folder)
        self.data = Path(data) if data else self.folder / "data"
        self.port = free_port()
        self.log = self.folder / "postgres.log"
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command, check=True):
        return subprocess.run(
            [*self._as, *command], check=check, capture_output=True, text=True, timeout=120
        )

    def _own(self, *paths):
        if self._as:
            owner = pwd.getpwnam("postgres")
            for path in paths:
                os.chown(path, owner.pw_uid, owner.pw_gid)

    def init(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.data.mkdir(parents=True, exist_ok=True)
        self._own(self.folder, self.data)
        os.chmod(self.data, 0o700)
        self._run(
            str(PG_BIN / "initdb"),
            *("-D", str(self.data), "--waldir", str(self.folder / "wal")),
            *("-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale", "C.UTF-8"),
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\nmax_connections = 50\n"
                "fsync = off\nfull_page_writes = off\n"
            )
        return self

    def start(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "start")
        wait_for(self.port)

    def stop(self, mode="fast"):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, mode="fast"):
        self._run(
            str(PG_BIN / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.log), "-m", mode, "-w", "restart"),
        )
        wait_for(self.port)

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, database, statement):
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database]
            + ["-v", "ON_ERROR_STOP=1", "-Atqc", statement],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return result.stdout.strip()


class Redis:
    """A redis-server on a free port, without persistence, that can be stopped and started."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "/usr/bin/redis-server"]
            + ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
            + ["no", "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
        )
        wait_for(self.port, self.process)

    def stop(self):
        if self.process is not None:
            stop(self.process)
            self.process = None


def internal_tier(host):
    """What a production internal (staff) tier on `host` must be told: its role, its host and
    the passkeys' relying party (config/settings/production.py refuses to start without them);
    the admin is reached over HTTPS at `host`, as nginx serves it."""
    return {
        "SITE_ROLE": "internal",
        "ALLOWED_HOSTS": host,
        "WEBAUTHN_RP_ID": host,
        "WEBAUTHN_ALLOWED_ORIGINS": f"https://{host}",
    }


# What a server does not inherit from the shell that starts it: another role's settings, keys or
# secrets, and that shell's database and Redis (each server is given its own).
NOT_INHERITED = ("TRIAGE_", "SITE_ROLE", "DJANGO_", "INTAKE_", "SECRET", "DATABASE_", "REDIS_")
# What one tier is told and the other is not (tier_environment).
TIER_ONLY = ("SITE_ROLE", "ALLOWED_HOSTS", "WEBAUTHN_", "INTAKE_")


def production_environment(
    role, host, var_dir, database_url, redis_url, cache_prefix="server", **overrides
):
    """The environment of a production-like server of `role` ("public" or "internal") on
    `host`: os.environ without what it must not inherit, new random secrets, the database and
    Redis named, a cache key prefix of its own (`cache_prefix` and a random tail), its var and
    media folders under `var_dir`, quiet logging and no captcha (no network here). `overrides`
    are set last; one set to None is left out (the setting's own default then)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_INHERITED)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        FOLLOWUP_SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"{cache_prefix}-{secrets.token_hex(3)}",
        VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(Path(var_dir) / "media"),
        LOG_LEVEL="ERROR",
        RECAPTCHA_DISABLED="true",
    )
    return tier_environment(env, role, host, **overrides)


def tier_environment(env, role, host, **overrides):
    """`env` for the tier of `role` on `host`, the other tier's own settings left out; the
    secrets, database and Redis stay (tiers deployed together share the secrets). The public
    tier has no proxy in front unless told (INTAKE_TRUSTED_PROXY_COUNT)."""
    env = {k: v for k, v in env.items() if not k.startswith(TIER_ONLY)}
    if role == "internal":
        env.update(internal_tier(host))
    else:
        env.update(SITE_ROLE=role, ALLOWED_HOSTS=host, INTAKE_TRUSTED_PROXY_COUNT="0")
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def psql(database_url, statement, check=True):
    """Runs `statement` on the database of `database_url`; whether it did (or, with `check`,
    an error that says why not)."""
    command = ["psql", database_url, "-v", "ON_ERROR_STOP=1", "-qc", statement]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise RuntimeError(f"psql: {statement}: {result.stderr.strip()}")
    return result.returncode == 0


def drop_database(database_url, create=False, check=True):
    """Drops the database of `database_url` (with its connections), then, with `create`, makes
    it again, empty. Without `check`, a drop that fails (a clean-up) is let be."""
    parts = urlsplit(database_url)
    server, name = urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")
    psql(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check)
    if create:
        psql(server, f"CREATE DATABASE {name}")


def prepare_demo(env, passphrase, host="127.0.0.1", reuse=False):
    """A fresh database (env's DATABASE_URL) with the demo and static files, and a triage key
    pair in VAR_DIR/keys (the forms are served only with a key to seal with), made as the
    internal tier on `host` makes them, with its passkey settings (production refuses to start
    without them) and `passphrase`. With `reuse`, a database that is there is kept (migrated,
    static files collected again), and so is the folder's key pair. Sets env's
    TRIAGE_PUBLIC_KEY_FILE; returns the internal tier's environment, with the key pair."""
    keys = Path(env["VAR_DIR"]) / "keys"
    internal = tier_environment(env, "internal", host, TRIAGE_KEY_PASSPHRASE=passphrase)
    kept = reuse and psql(env["DATABASE_URL"], "SELECT 1", check=False)
    if not kept:
        drop_database(env["DATABASE_URL"], create=True)
    if not (kept and any(keys.glob("*.pub"))):
        manage(internal, "generate_triage_keys", "--out", str(keys))
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        # The static files need no database: collected while the tables are made.
        collected = pool.submit(manage, internal, "collectstatic", "--noinput", "-v0")
        manage(internal, "migrate", "-v0")
        collected.result()
    if not kept:
        manage(internal, "load_demo")
    env["TRIAGE_PUBLIC_KEY_FILE"] = str(next(keys.glob("*.pub")))
    internal.update(
        TRIAGE_PUBLIC_KEY_FILE=env["TRIAGE_PUBLIC_KEY_FILE"],
        TRIAGE_PRIVATE_KEY_FILE=str(next(keys.glob("*.key"))),
    )
    return internal


def gunicorn(env, log_path=os.devnull, workers=2, timeout=30, options=()):
    """The site as it is served in production (config.wsgi), on a free port; (process, port).
    `options` are more of gunicorn's command-line options (worker class, threads, log level)."""
    port = free_port()
    with open(log_path, "a") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
            + ["-b", f"127.0.0.1:{port}", "-w", str(workers), "--timeout", str(timeout)]
            + list(options),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    wait_for(port, process)
    return process, port


def manage(env, *command, timeout=600):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-4000:])
    return result


class Visitor:
    """One person's browser, over plain HTTP to gunicorn, with what nginx would add (the
    https scheme) and what a browser sends with a form (Origin, the CSRF cookie)."""

    def __init__(self, port, host):
        self.base, self.host = f"http://127.0.0.1:{port}", host
        self.cookies = {}

    def request(self, method, path, data=None, files=None, timeout=60):
        import requests

        headers = {"Host": self.host, "X-Forwarded-Proto": "https"}
        if method == "POST":
            headers.update(Origin=f"https://{self.host}", Referer=f"https://{self.host}{path}")
        response = requests.request(
            method,
            self.base + path,
            data=data,
            files=files,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=timeout,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, path):
        """The hidden fields of the form at path, or the response when it is not served."""
        import re

        page = self.request("GET", path)
        if page.status_code != 200:
            return page
        return {
            name: re.search(rf'name="{name}" value="([^"]+)"', page.text).group(1)
            for name in ("csrfmiddlewaretoken", "token")
        }

    def submit(self, path, answers, files=None, hidden=None):
        """GET the form, then POST the answers with its hidden fields (or with `hidden`, the
        same form sent again); returns (hidden fields, response)."""
        if hidden is None:
            hidden = self.form(path)
            if not isinstance(hidden, dict):
                return None, hidden
        return hidden, self.request("POST", path, {**hidden, **answers}, files=files)


def nginx_folder(conf, sites, connections=64):
    """A private nginx in `conf`: its temporary folders, logs and an nginx.conf that includes the
    server blocks `sites` (file names in `conf`), run in the foreground by `nginx -p conf`."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
        (conf / name).mkdir(parents=True, exist_ok=True)
    includes = "\n".join(f"    include {conf}/{site};" for site in sites)
    temp = "\n".join(
        f"    {kind}_temp_path {conf}/{folder};"
        for kind, folder in (
            ("client_body", "body"),
            ("proxy", "proxy"),
            ("fastcgi", "fastcgi"),
            ("uwsgi", "uwsgi"),
            ("scgi", "scgi"),
        )
    )
    (conf / "nginx.conf").write_text(
        f"""
daemon off;
worker_processes 1;
pid {conf}/nginx.pid;
error_log {conf}/logs/error.log warn;
events {{ worker_connections {connections}; }}
http {{
    include /etc/nginx/mime.types;
{temp}
{includes}
}}
"""
    )
