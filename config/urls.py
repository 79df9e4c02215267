"""URLs of both roles. The admin is mounted only on the internal role (and in development,
where `all` runs both): the public tier has no admin URL to attack (DESIGN.md, "Two tiers").

Nobody signs in on the public role: Wagtail's front-end login (`_util/login/`) is answered with
404 on every role (staff sign in at /admin/login/, throttled and with a second factor), and on
the public role so are the page and document password forms, which would open a session; private
pages are not served there at all (users/wagtail_hooks.py)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from operations.health import healthz

# A database that is away answers 503 with the phone numbers, not the 500 page (config/errors.py).
handler500 = "config.errors.server_error"


def not_served(request, *args, **kwargs):
    raise Http404


# Each tier's health for the load balancer and monitoring (operations/health.py).
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

if settings.SITE_ROLE in ("internal", "all"):
    from wagtail.admin import urls as wagtailadmin_urls

    urlpatterns += [path("admin/", include(wagtailadmin_urls))]

if settings.SITE_ROLE == "public":
    urlpatterns += [re_path(r"^documents/authenticate_with_password/", not_served)]
urlpatterns += [path("documents/", include(wagtaildocs_urls))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Matched before Wagtail's own patterns, which stay behind them so that reverse() still works.
refused = [path("_util/login/", not_served)]
if settings.SITE_ROLE == "public":
    refused += [re_path(r"^_util/", not_served)]

# Serbian Cyrillic, the source language, has no prefix; /sr-latn/ and /en/ have.
urlpatterns += i18n_patterns(
    *refused,
    path("search/", core_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
