"""URLs of both roles. The admin is mounted only on the internal role (and in development,
where `all` runs both): the public tier has no admin URL to attack (DESIGN.md, "Two tiers")."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = []

if settings.SITE_ROLE in ("internal", "all"):
    from wagtail.admin import urls as wagtailadmin_urls

    urlpatterns += [path("admin/", include(wagtailadmin_urls))]

urlpatterns += [path("documents/", include(wagtaildocs_urls))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Serbian Cyrillic, the source language, has no prefix; /sr-latn/ and /en/ have.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
