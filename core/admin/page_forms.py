"""The admin form of every page of the site (SitePage.base_form_class)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class SitePageForm(WagtailAdminPageForm):
    """Says which page holds a slug that is taken. Wagtail's message names only the slug, and
    the page holding it is often a draft nobody finds in the menus: a first attempt at the same
    news item, saved once and abandoned."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug") or self.data.get("slug")
        self.slug_holder = None
        if slug and self.parent_page is not None:
            siblings = self.parent_page.get_children().filter(slug=slug)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            self.slug_holder = siblings.specific().first()
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        holder = self.slug_holder
        if holder is None:
            return
        # One message instead of Wagtail's (the form's and the model's say the same).
        self._errors.pop("slug", None)
        if holder.live:
            message = _(
                "The address “%(slug)s” is taken by the published page “%(title)s”: choose "
                "another slug."
            )
        else:
            message = _(
                "The address “%(slug)s” is held by “%(title)s”, a draft page that is not "
                "published: open the draft to delete it or change its slug, or choose another "
                "slug here."
            )
        self.add_error(
            "slug",
            format_html(
                '{} <a href="{}">{}</a>',
                message % {"slug": holder.slug, "title": holder.get_admin_display_title()},
                reverse("wagtailadmin_pages:edit", args=[holder.pk]),
                _("Open “%(title)s”") % {"title": holder.get_admin_display_title()},
            ),
        )
