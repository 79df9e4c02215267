"""Site search: pages and publications of the current language, whatever script the query is in;
and the two files every site is asked for at its root: robots.txt and favicon.ico."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from wagtail.models import Locale, Page

from .search import search_terms

MAX_QUERY = 200
PER_PAGE = 10


@never_cache  # what someone searched for stays out of every cache, the browser's included
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results = None
    terms = search_terms(query)
    if terms:
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        paginator = Paginator(pages.search(terms), PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404 from error
        # One query per page type for the summaries, not one per result.
        specific = Page.objects.filter(pk__in=[p.pk for p in results]).specific().in_bulk()
        results.object_list = [specific[p.pk] for p in results if p.pk in specific]
    return render(request, "core/search.html", {"query": query, "results": results})


# Crawlers may read the whole public site (the forms included, so that people find them), but
# not the follow-up pages (a reporter's code and secret are typed there: nothing to index), the
# search results (endless, and they repeat what someone typed) nor the internals.
ROBOTS_DISALLOWED = ("/admin/", "/_util/", "/*/follow-up/")


@cache_control(public=True, max_age=24 * 3600)
def robots_txt(request):
    searches = [
        f"/{code}/search/" if code != settings.LANGUAGE_CODE else "/search/"
        for code, _name in settings.LANGUAGES
    ]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in (*ROBOTS_DISALLOWED, *searches))]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(public=True, max_age=24 * 3600)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for without reading a page: sent on to
    the static file, whose hashed name is kept a year; the pages link the SVG icon."""
    return HttpResponseRedirect(static("favicon.ico"))
