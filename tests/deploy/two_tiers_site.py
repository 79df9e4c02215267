"""The two tiers of tests/deploy/test_two_tiers.py started as deployed: a database with a
role per tier, a Redis user per tier, two gunicorn processes and Debian's nginx running the
server blocks in deploy/nginx on loopback ports, with certificates made here."""

import datetime
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.servers import (
    free_port,
    nginx_folder,
    production_environment,
    tier_environment,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST, INTERNAL_HOST = "centar.example", "staff.centar.example"
PASSWORD = "a long staff password for the tiers test"
OTP_KEY = "3132333435363738393031323334353637383930"
MANAGE = [sys.executable, str(ROOT / "manage.py")]


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


def run(env, *command):
    result = subprocess.run(
        [*MANAGE, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-4000:])
    return result


def tier_environments(tmp, url, roles, redis_users, superuser):
    """The internal and public tiers' environments, each with its database role and Redis user,
    and a key pair of their own: the public tier gets the .pub file only."""
    base_env = production_environment(
        "internal",
        INTERNAL_HOST,
        tmp / "var",
        superuser,
        redis_users["internal"]["url"],
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL=None,
        TRIAGE_PUBLIC_KEY_FILE="",
        TRIAGE_KEY_PASSPHRASE="a passphrase for the tiers test",
    )
    keys = tmp / "keys"
    run(base_env, "generate_triage_keys", "--out", str(keys))
    public_key = next(keys.glob("*.pub"))
    private_key = next(keys.glob("*.key"))

    def tier(role, host, **settings):
        return tier_environment(
            base_env,
            role,
            host,
            DATABASE_URL=url(roles[role]),
            **redis_users[role]["env"],
            TRIAGE_PUBLIC_KEY_FILE=str(public_key),
            **settings,
        )

    internal_env = tier("internal", INTERNAL_HOST, TRIAGE_PRIVATE_KEY_FILE=str(private_key))
    public_env = tier(
        "public",
        PUBLIC_HOST,
        TRIAGE_KEY_PASSPHRASE=None,
        INTAKE_TRUSTED_PROXY_COUNT="1",
        INTAKE_SUBMIT_RATE="1/3600",
    )
    return internal_env, public_env


def prepare_database(internal_env, owner_env, superuser, provision):
    """The roles provisioned, the tables made by their owner, the demo and a Triage member."""
    run({**internal_env, "DATABASE_URL": superuser}, "provision_database_roles", *provision)
    refused = subprocess.run(
        [*MANAGE, "migrate", "-v0"], cwd=ROOT, env=internal_env, capture_output=True, text=True
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


def start_gunicorns(tmp, ports, public_env, internal_env, processes):
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


def nginx_config(tmp, ports):
    """The folder of an nginx running deploy/'s server blocks on this test's ports."""
    # nginx with the server blocks of deploy/, moved to loopback ports and this folder.
    conf = tmp / "nginx"
    nginx_folder(conf, ["cpvht-public.conf", "cpvht-internal.conf"])
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
    return conf


def start_nginx(conf, ports, processes):
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


@pytest.fixture(scope="module", name="tiers")
def two_tiers(tmp_path_factory):
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
    # Redis: each tier as its own user, with the rules of deploy/redis/users.acl (names and
    # key prefixes made unique to this run).
    redis_users = redis_acl(suffix)
    internal_env, public_env = tier_environments(tmp, url, roles, redis_users, superuser)
    owner_env = {**internal_env, "DATABASE_URL": url(roles["owner"])}
    provision = [f"--{kind}={name}" for kind, name in roles.items()]
    processes = []
    try:
        prepare_database(internal_env, owner_env, superuser, provision)
        ports = {name: free_port() for name in ("public", "internal", "http", "pub_tls", "int_tls")}
        start_gunicorns(tmp, ports, public_env, internal_env, processes)
        public_process = processes[0]
        conf = nginx_config(tmp, ports)
        start_nginx(conf, ports, processes)

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
            "manage": MANAGE,
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
