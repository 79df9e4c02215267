"""The rate-limit counter (config/cache.py, count): one round trip to Redis, the window set when
the counter is created and never pushed back by later hits; the same numbers in memory, and in
memory again while Redis does not answer."""

import os

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from config.cache import cache_settings

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"


@pytest.fixture
def limits():
    with override_settings(CACHES=cache_settings(REDIS, prefix="counter-test")):
        cache = caches["limits"]
        cache.clear()
        yield cache
        cache.clear()


def test_count_creates_the_counter_with_its_window_and_adds_in_one_round_trip(limits):
    client = redis.Redis.from_url(REDIS)
    assert limits.count("submit:abc", 1, 60) == 1
    key = limits.make_and_validate_key("submit:abc")
    assert 55 <= client.ttl(key) <= 60
    client.expire(key, 30)  # later hits do not push the window back

    # Each command sent on its own takes a connection from the pool: add() then incr() took
    # three (SET NX, EXISTS, INCRBY); count() sends one pipeline.
    pool = limits._cache.get_client(key, write=True).connection_pool
    taken, get_connection = [], pool.get_connection

    def counting(*args, **kwargs):
        taken.append(1)
        return get_connection(*args, **kwargs)

    pool.get_connection = counting
    try:
        assert limits.count("submit:abc", 5, 60) == 6
    finally:
        pool.get_connection = get_connection
    assert len(taken) == 1
    assert client.ttl(key) <= 30
    assert limits.get("submit:abc") == 6


def test_count_in_memory_and_while_redis_is_down():
    with override_settings(CACHES=cache_settings()):
        memory = caches["limits"]
        memory.clear()
        assert [memory.count("k", 2, 60) for _ in range(3)] == [2, 4, 6]
    with override_settings(CACHES=cache_settings("redis://127.0.0.1:1/0", prefix="down")):
        limits = caches["limits"]
        caches["limits-local"].clear()
        # Counted in this process's memory meanwhile (the alias's fallback).
        assert [limits.count("k", 1, 60) for _ in range(3)] == [1, 2, 3]


def test_a_cache_makes_its_redis_client_once_not_for_every_call(limits, monkeypatch):
    """Django's Redis cache made a redis.Redis for every call, each filling redis-py's table of
    about 170 response callbacks: a page makes seven cache calls, a submit eight."""
    made, make = [], redis.Redis.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        make(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    for number in range(20):
        limits.set(f"k{number}", number)
        assert limits.get(f"k{number}") == number
        assert limits.count("counter", 1, 60) == number + 1
    assert len(made) <= 1
