"""Security headers Django does not set itself, and the public role's page cache."""

import threading

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from core import frame_cache


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


# Whole-page caching for the public role (production.py switches it on, after the locale
# middleware), in the "pages" cache alias (config/cache.py). The cache key prefix is
# the frame version (core/frame_cache.py), so any publish or settings change starts a fresh cache in
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
    def process_request(self, request):
        # The version is read from the shared cache at most once a second per process: one
        # round trip less on every cached page, at the price of a publish (or a page made
        # private on the internal tier) showing up to a second later.
        _page_cache.prefix = f"page-{frame_cache.version(max_age=1.0)}"
        return super().process_request(request)


class PageCacheUpdateMiddleware(_VersionedPrefix, UpdateCacheMiddleware):
    pass
