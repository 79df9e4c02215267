"""What every settings module reads first: the folders, the role, and how the environment's
variables are parsed."""

import os
from pathlib import Path

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
