"""The two tiers as deployed: two gunicorn processes, each with its own database role, behind
Debian's nginx running the server blocks in deploy/nginx (on loopback ports, with certificates
made here). A referral sent through nginx to the public tier is opened by staff on the internal
tier; the public process has no private key; nginx passes each client's address on, so two
clients are limited apart and a forged X-Forwarded-For changes nothing.

Runs on PostgreSQL (the roles are PostgreSQL's) with a database and roles of its own, dropped
at the end."""

import datetime
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
import requests
import urllib3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django_otp.oath import totp
from requests.adapters import HTTPAdapter

from tests.referrals.support import professional_data
from tests.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST, INTERNAL_HOST = "centar.example", "staff.centar.example"
NARRATIVE = "Canary 5TQ9: she sleeps in the warehouse and the boss keeps her passport."
PASSWORD = "a long staff password for the tiers test"
OTP_KEY = "3132333435363738393031323334353637383930"

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


def self_signed(folder, name):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    crt, pem = folder / f"{name}.crt", folder / f"{name}.key"
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return crt, pem


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


REDIS = "redis://127.0.0.1:6379/12"


def redis_acl(suffix):
    """The tiers' Redis users, made on the test Redis from deploy/redis/users.acl."""
    admin = redis.Redis.from_url(REDIS)
    users = {}
    text = (ROOT / "deploy" / "redis" / "users.acl").read_text()
    for tier in ("public", "internal"):
        name, prefix = f"tiers-{tier}-{suffix}", f"tiers{suffix}-{tier}"
        line = next(x for x in text.splitlines() if x.startswith(f"user cpvht-{tier} "))
        password = secrets.token_urlsafe(24)
        line = line.replace(">CHANGE-ME", f">{password}")
        for other in ("public", "internal"):
            line = line.replace(f"cpvht-{other}:", f"tiers{suffix}-{other}:")
        rules = line.split()[2:]
        admin.execute_command("ACL", "SETUSER", name, "reset", *rules)
        url = f"redis://{name}:{password}@127.0.0.1:6379/12"
        users[tier] = {
            "name": name,
            "prefix": prefix,
            "url": url,
            "env": {"REDIS_URL": url, "CACHE_KEY_PREFIX": prefix},
        }
    users["internal"]["env"]["PUBLIC_CACHE_KEY_PREFIX"] = users["public"]["prefix"]
    return users


@pytest.fixture(scope="module")
def tiers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tiers")
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    suffix = f"{os.getpid()}_{secrets.token_hex(3)}"
    database = f"cpvht_tiers_{suffix}"
    roles = {kind: f"cpvht_tiers_{kind}_{suffix}" for kind in ("owner", "internal", "public")}

    def url(user):
        return f"postgres://{user}@{server.hostname}:{server.port or 5432}/{database}"

    superuser = url(server.username or "postgres")
    psql = ["psql", "-h", server.hostname, "-p", str(server.port or 5432), "-U"]
    admin = [*psql, server.username or "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-d"]
    subprocess.run([*admin, "postgres", "-c", f"CREATE DATABASE {database}"], check=True)

    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRIAGE_", "SITE_ROLE", "DJANGO_SETTINGS", "INTAKE_", "SECRET"))
    }
    base_env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        RECAPTCHA_DISABLED="true",
        TRIAGE_PUBLIC_KEY_FILE="",
    )
    # Redis: each tier as its own user, with the rules of deploy/redis/users.acl (names and
    # key prefixes made unique to this run).
    redis_users = redis_acl(suffix)
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(env, *command):
        result = subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-4000:])
        return result

    # Keys: the public tier gets the .pub file only.
    keys = tmp / "keys"
    key_env = {**base_env, "TRIAGE_KEY_PASSPHRASE": "a passphrase for the tiers test"}
    run(
        {
            **key_env,
            "SITE_ROLE": "internal",
            "ALLOWED_HOSTS": INTERNAL_HOST,
            "DATABASE_URL": superuser,
        },
        "generate_triage_keys",
        "--out",
        str(keys),
    )
    public_key = next(keys.glob("*.pub"))
    private_key = next(keys.glob("*.key"))

    internal_env = {
        **base_env,
        "SITE_ROLE": "internal",
        "ALLOWED_HOSTS": INTERNAL_HOST,
        "DATABASE_URL": url(roles["internal"]),
        **redis_users["internal"]["env"],
        "TRIAGE_PUBLIC_KEY_FILE": str(public_key),
        "TRIAGE_PRIVATE_KEY_FILE": str(private_key),
        "TRIAGE_KEY_PASSPHRASE": key_env["TRIAGE_KEY_PASSPHRASE"],
    }
    public_env = {
        **base_env,
        "SITE_ROLE": "public",
        "ALLOWED_HOSTS": PUBLIC_HOST,
        "DATABASE_URL": url(roles["public"]),
        **redis_users["public"]["env"],
        "TRIAGE_PUBLIC_KEY_FILE": str(public_key),
        "INTAKE_TRUSTED_PROXY_COUNT": "1",
        "INTAKE_SUBMIT_RATE": "1/3600",
    }
    owner_env = {**internal_env, "DATABASE_URL": url(roles["owner"])}
    provision = [f"--{kind}={name}" for kind, name in roles.items()]
    processes = []
    try:
        run({**internal_env, "DATABASE_URL": superuser}, "provision_database_roles", *provision)
        refused = subprocess.run(
            [*manage, "migrate", "-v0"], cwd=ROOT, env=internal_env, capture_output=True, text=True
        )
        assert refused.returncode != 0 and "owner of the tables" in refused.stderr
        run(owner_env, "migrate", "-v0")
        run({**internal_env, "DATABASE_URL": superuser}, "provision_database_roles", *provision)
        run(internal_env, "collectstatic", "--noinput", "-v0")
        run(internal_env, "load_demo")
        run(
            internal_env,
            "shell",
            "-c",
            "from django.contrib.auth.models import Group; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            "from users.models import User; "
            f"u = User.objects.create_user('triage1', password={PASSWORD!r}); "
            "u.groups.add(Group.objects.get(name='Triage')); "
            f"TOTPDevice.objects.create(user=u, name='phone', key={OTP_KEY!r}, confirmed=True)",
        )

        ports = {name: free_port() for name in ("public", "internal", "http", "pub_tls", "int_tls")}
        gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-w", "2"]
        for name, env in (("public", public_env), ("internal", internal_env)):
            log = open(tmp / f"gunicorn-{name}.log", "w")  # noqa: SIM115
            processes.append(
                subprocess.Popen(
                    [*gunicorn, "-b", f"127.0.0.1:{ports[name]}"],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        public_process = processes[0]

        # nginx with the server blocks of deploy/, moved to loopback ports and this folder.
        conf = tmp / "nginx"
        conf.mkdir()
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
            (conf / folder).mkdir()
        media = tmp / "media"
        media.mkdir(exist_ok=True)
        pub_crt, pub_key = self_signed(conf, PUBLIC_HOST)
        int_crt, int_key = self_signed(conf, INTERNAL_HOST)
        replacements = {
            "cpvht-public.conf": [
                ("listen 80;", f"listen 127.0.0.1:{ports['http']};"),
                ("listen 443 ssl http2;", f"listen 127.0.0.1:{ports['pub_tls']} ssl http2;"),
                ("/etc/ssl/cpvht/public.crt", str(pub_crt)),
                ("/etc/ssl/cpvht/public.key", str(pub_key)),
                ("127.0.0.1:8001", f"127.0.0.1:{ports['public']}"),
            ],
            "cpvht-internal.conf": [
                ("listen 443 ssl http2;", f"listen 127.0.0.1:{ports['int_tls']} ssl http2;"),
                ("/etc/ssl/cpvht/internal.crt", str(int_crt)),
                ("/etc/ssl/cpvht/internal.key", str(int_key)),
                ("127.0.0.1:8002", f"127.0.0.1:{ports['internal']}"),
                ("allow 192.0.2.0/24;", "allow 127.0.0.1;"),
            ],
        }
        for name, pairs in replacements.items():
            text = (ROOT / "deploy" / "nginx" / name).read_text()
            text = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", text)
            for old, new in pairs:
                assert old in text, (name, old)
                text = text.replace(old, new)
            text = text.replace("/var/log/nginx/", f"{conf / 'logs'}/")
            text = text.replace("/srv/cpvht/var/media/", f"{media}/")
            (conf / name).write_text(text)
        (conf / "nginx.conf").write_text(
            f"""
daemon off;
worker_processes 1;
pid {conf}/nginx.pid;
error_log {conf}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {conf}/body;
    proxy_temp_path {conf}/proxy;
    fastcgi_temp_path {conf}/fastcgi;
    uwsgi_temp_path {conf}/uwsgi;
    scgi_temp_path {conf}/scgi;
    include {conf}/cpvht-public.conf;
    include {conf}/cpvht-internal.conf;
}}
"""
        )
        nginx = [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            str(conf),
            "-c",
            str(conf / "nginx.conf"),
        ]
        checked = subprocess.run([*nginx, "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        processes.append(subprocess.Popen(nginx, stderr=subprocess.DEVNULL))
        for name in ("public", "internal"):
            wait_for(ports[name], processes[0 if name == "public" else 1])
        wait_for(ports["pub_tls"], processes[2])
        wait_for(ports["int_tls"], processes[2])

        yield {
            "ports": ports,
            "public_pid": public_process.pid,
            "public_env": public_env,
            "internal_env": internal_env,
            "roles": roles,
            "psql": psql,
            "database": database,
            "server": server,
            "logs": conf / "logs",
            "manage": manage,
            "redis": redis_users,
        }
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        admin_redis = redis.Redis.from_url(REDIS)
        for user in redis_users.values():
            for key in admin_redis.scan_iter(f"{user['prefix']}:*"):
                admin_redis.delete(key)
            admin_redis.execute_command("ACL", "DELUSER", user["name"])
        subprocess.run([*admin, "postgres", "-c", f"DROP DATABASE IF EXISTS {database}"])
        for name in roles.values():
            subprocess.run([*admin, "postgres", "-c", f"DROP ROLE IF EXISTS {name}"])


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
