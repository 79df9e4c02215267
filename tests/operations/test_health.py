"""/healthz as a load balancer and a stranger see it: 200 and "ok" when the database and the
caches answer, 503 and "unavailable" otherwise, never a detail of what failed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.cache import cache_settings

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_healthy_tier_says_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_a_redis_that_refuses_makes_the_tier_unavailable(client, settings):
    settings.CACHES = cache_settings("redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


@pytest.mark.server
@pytest.mark.django_db(False)
def test_a_database_that_refuses_makes_the_tier_unavailable():
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nothing",
    )
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode().strip())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "503 unavailable" in result.stdout, result.stderr[-2000:]
