"""/healthz on each tier: 200 when the database and every Redis cache answer, 503 otherwise.

The body says "ok" or "unavailable" and nothing else a stranger could use (no server names,
versions or errors). The caches are asked directly, not through config/cache.py's fault-tolerant
backend, which would hide a Redis that is down (the site keeps serving; the check says so).
"""

import logging

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as error:  # any failure is "down"; its class is enough for the log
        logger.warning("health check: the database did not answer (%s)", type(error).__name__)
        return False


def caches_answer():
    for alias in caches:
        cache = caches[alias]
        if not isinstance(cache, RedisCache):
            continue  # memory in this process: up while the process is
        try:
            cache._cache.get_client(write=True).ping()
        except Exception as error:
            logger.warning(
                "health check: cache %s did not answer (%s)", alias, type(error).__name__
            )
            return False
    return True


@require_safe
def healthz(request):
    healthy = database_answers() and caches_answer()
    response = HttpResponse(
        "ok\n" if healthy else "unavailable\n",
        status=200 if healthy else 503,
        content_type="text/plain; charset=utf-8",
    )
    add_never_cache_headers(response)
    return response
