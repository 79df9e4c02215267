"""Security headers Django does not set itself, and the public role's page cache."""

import threading
import time

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from home import frame


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response


# Whole-page caching for the public role (production.py switches it on). The cache key prefix is
# the frame version (home/frame.py), so any publish or settings change starts a fresh cache in
# every worker sharing Redis. The prefix is kept per thread: the two halves of the middleware
# run in the same thread for one request, and a threaded server must not mix them up.
_page_cache = threading.local()


class _VersionedPrefix:
    @property
    def key_prefix(self):
        return getattr(_page_cache, "prefix", "")

    @key_prefix.setter
    def key_prefix(self, value):
        """Ignored: the prefix is the frame version of the current request."""


class PageCacheFetchMiddleware(_VersionedPrefix, FetchFromCacheMiddleware):
    # The version is read from the shared cache at most once a second per process: one round
    # trip less on every cached page, at the price of a publish showing up to a second later.
    _version, _read_at = "", 0.0

    def process_request(self, request):
        now = time.monotonic()
        if now - PageCacheFetchMiddleware._read_at > 1.0:
            PageCacheFetchMiddleware._version = frame.version()
            PageCacheFetchMiddleware._read_at = now
        _page_cache.prefix = f"page-{PageCacheFetchMiddleware._version}"
        return super().process_request(request)


class PageCacheUpdateMiddleware(_VersionedPrefix, UpdateCacheMiddleware):
    pass
