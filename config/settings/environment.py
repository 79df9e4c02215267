"""What every settings module reads first: the folders, the role, and how the environment's
variables are parsed."""

import hashlib
import os
import sysconfig
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# The Centre's own documents that the demo site is built from (../shared/seeds beside the clone).
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The same code runs as the public web site or as the internal staff tier (DESIGN.md, "Two
# tiers"). Only "internal" (and "all", in development) mounts the admin.
SITE_ROLES = ("public", "internal", "all")
SITE_ROLE = os.environ.get("SITE_ROLE", "public")
if SITE_ROLE not in SITE_ROLES:
    raise ImproperlyConfigured(f"SITE_ROLE must be one of {', '.join(SITE_ROLES)}")


def redis_url_for_worker(url, worker):
    """`url` with another Redis database for pytest-xdist's worker `worker` ("gw0", "gw1", …):
    the database number plus the worker's, modulo Redis's 16 databases."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    number = (database + int(worker.removeprefix("gw"))) % 16
    return urlunsplit(parts._replace(path=f"/{number}"))


def schema_fingerprint():
    """12 hex digits that change when a migration of the project or an installed package
    changes: names the reusable SQLite test database (config/settings/test.py)."""
    digest = hashlib.sha256()
    for path in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(BASE_DIR)).encode() + path.read_bytes())
    # The installed packages and their versions, read from the folder names (fast).
    packages = Path(sysconfig.get_paths()["purelib"])
    for name in sorted(path.name for path in packages.glob("*.dist-info")):
        digest.update(name.encode())
    return digest.hexdigest()[:12]
