"""The news the home page shows."""

from .models import NewsPage


def latest_news(locale, count):
    """The `count` newest live news items in `locale` (a Locale or its pk), newest first."""
    if count <= 0:
        return []
    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("-date", "-first_published_at", "-pk")[:count]
    )
