"""Admin registrations of the news."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsTag


class NewsTagViewSet(SnippetViewSet):
    """News tags are typed in Cyrillic on the news pages; here editors give each its English
    name (the Latin one is derived)."""

    model = NewsTag
    icon = "tag"
    menu_label = _("News tags")
    add_to_admin_menu = False
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    panels = [FieldPanel("name"), FieldPanel("name_en")]


register_snippet(NewsTagViewSet)
