"""The site's caches, one alias for each use, and a Redis backend that keeps the site up when
Redis is not (docs/intake.md, "Rate limits and the cache").

- "default": what Django and Wagtail keep (site root paths, cached_db sessions), short lists
  (intake links, assignable staff) and the frame version (core/frame_cache.py).
- "pages": whole pages of the public role (config/middleware.py).
- "template_fragments": every {% cache %} tag; Django's cache tag uses the alias of this name
  when it exists, so no template has to name it.
- "limits": the rate-limit counters (referrals/intake/ratelimit.py).

Each alias is a store of its own: anonymous page traffic fills and culls "pages" only, never the
counters that hold back someone guessing follow-up secrets.

With Redis, a Redis that refuses, times out or errs is a miss (and a write that did not happen)
instead of a 500: pages render uncached, sessions are read from the database (cached_db), and the
rate limits count in this process's memory ("limits-local") until Redis answers again. A server
that failed is left alone for RETRY_SECONDS, so a Redis that hangs costs one timeout per
RETRY_SECONDS per process, not one per cache call; a warning is logged at most every
WARN_SECONDS, naming the server and the error class only.
"""

import functools
import logging
import math
import os
import time
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.exceptions import ImproperlyConfigured
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAGES = "pages"
FRAGMENTS = "template_fragments"
LIMITS = "limits"
LIMITS_FALLBACK = "limits-local"

# Counters are small; a per-process store of this many holds every client of a busy hour.
LIMIT_ENTRIES = 100_000
# A Redis on the same network answers in a millisecond; past this it counts as down.
SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5"))
RETRY_SECONDS = 5.0
WARN_SECONDS = 60.0


# The internal tier's way to tell the public tier that pages changed (core/frame_cache.py): it
# writes the public tier's frame version and reads nothing the public tier wrote.
PUBLIC_FRAME = "public_frame"


def cache_settings(redis_url="", limits_url="", prefix="cpvht", public_prefix=""):
    """CACHES for settings: Redis when redis_url is given (limits_url: another Redis for the
    counters, see the docs), else this process's memory. public_prefix, on the internal tier:
    the public tier's key prefix, written (never read) to invalidate its pages."""
    if not redis_url:
        return {
            "default": _memory("default"),
            PAGES: _memory(PAGES, 500),
            FRAGMENTS: _memory(FRAGMENTS, 3000),
            LIMITS: _memory(LIMITS, LIMIT_ENTRIES),
        }
    aliases = {
        "default": _redis(redis_url, prefix),
        PAGES: _redis(redis_url, f"{prefix}:page"),
        FRAGMENTS: _redis(redis_url, f"{prefix}:fragment"),
        LIMITS: {**_redis(limits_url or redis_url, f"{prefix}:limit"), "FALLBACK": LIMITS_FALLBACK},
        LIMITS_FALLBACK: _memory(LIMITS_FALLBACK, LIMIT_ENTRIES),
    }
    if public_prefix and public_prefix != prefix:
        aliases[PUBLIC_FRAME] = _redis(redis_url, public_prefix)
    return aliases


def _memory(location, max_entries=300):
    return {
        "BACKEND": "config.cache.MemoryCache",
        "LOCATION": location,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


def _redis(url, prefix):
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or unix:// URL")
    return {
        "BACKEND": "config.cache.FaultTolerantRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": SOCKET_TIMEOUT, "socket_timeout": SOCKET_TIMEOUT},
    }


def _server_name(url):
    """host:port of a Redis URL, without the password it may carry."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}"


# Per process, shared by the threads' cache objects: when each server is worth trying again,
# when its outage was last logged, and which servers are failing now.
_retry_at = {}
_warned_at = {}
_failing = set()


def _failed(server, error):
    now = time.monotonic()
    _retry_at[server] = now + RETRY_SECONDS
    _failing.add(server)
    if now - _warned_at.get(server, -math.inf) >= WARN_SECONDS:
        _warned_at[server] = now
        logger.warning(
            "Redis at %s failed (%s): pages render uncached and rate limits count in each "
            "process's memory; trying again every %d s",
            server,
            type(error).__name__,
            RETRY_SECONDS,
        )


def _answered(server):
    if server in _failing:
        _failing.discard(server)
        logger.warning("Redis at %s answers again", server)


def _tolerant(miss):
    """Runs the Redis call unless its server failed less than RETRY_SECONDS ago; on an outage
    hands the call to the fallback alias, if there is one, else answers `miss`."""

    def decorate(method):
        name = method.__name__

        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() >= _retry_at.get(self._server, 0.0):
                try:
                    result = method(self, *args, **kwargs)
                except RedisError as error:
                    _failed(self._server, error)
                else:
                    _answered(self._server)
                    return result
            if self._fallback_alias:
                return getattr(caches[self._fallback_alias], name)(*args, **kwargs)
            return miss(*args, **kwargs)

        return call

    return decorate


def add_or_increment(cache, key, amount, timeout, version=None):
    """count() for any cache: created with `timeout` if absent, else incremented."""
    if cache.add(key, amount, timeout, version=version):
        return amount
    try:
        return cache.incr(key, amount, version=version)
    except ValueError:  # expired between add and incr
        cache.add(key, amount, timeout, version=version)
        return amount


class MemoryCache(LocMemCache):
    """Django's per-process cache, with the counters' count() (FaultTolerantRedisCache)."""

    def count(self, key, amount, timeout, version=None):
        return add_or_increment(self, key, amount, timeout, version)


def _not_found(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found.")


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool where Django's makes one
    for every cache call: making one fills redis-py's table of response callbacks, about 170
    entries, which took longer than the call itself (a page makes about seven calls, a submit
    eight). A redis.Redis holds nothing but its pool and is safe to share between threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            pool = self._get_connection_pool(write)
            self._clients[index] = self._client(connection_pool=pool)
        return self._clients[index]


class FaultTolerantRedisCache(RedisCache):
    """Django's Redis cache, for which an unreachable Redis is a miss (see the module's text).
    FALLBACK in the alias's settings names an alias that takes the calls meanwhile."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
        self._fallback_alias = params.get("FALLBACK")
        self._server = _server_name(self._servers[0])

    @_tolerant(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_tolerant(lambda *args, **kwargs: False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_tolerant(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_tolerant(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_tolerant(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_tolerant(lambda *args, **kwargs: {})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_tolerant(lambda *args, **kwargs: False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_tolerant(_not_found)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_tolerant(lambda key, amount, *args, **kwargs: amount)
    def count(self, key, amount, timeout, version=None):
        """Add `amount` to the counter `key`, created with `timeout` seconds to live when absent;
        its new value. One round trip, atomic (MULTI: SET NX EX, INCRBY), where add() then
        incr() take three (incr asks EXISTS first): a submit counts two limits."""
        key = self.make_and_validate_key(key, version=version)
        pipe = self._cache.get_client(key, write=True).pipeline(transaction=True)
        pipe.set(key, 0, ex=max(1, int(timeout)), nx=True)
        pipe.incrby(key, amount)
        return pipe.execute()[1]

    @_tolerant(lambda data, *args, **kwargs: list(data))
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @_tolerant(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_tolerant(lambda: False)
    def clear(self):
        return super().clear()
