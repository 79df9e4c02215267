"""Site search: pages and publications of the current language, whatever script the query is in."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
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
