"""An English page goes live only when someone with the right to publish it publishes it.

"Translate this page" makes a draft (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False in
the settings). The other way wagtail-localize publishes for whoever asks is "Publish
immediately" when existing translations are updated from their source: it publishes every
translation with the source's text wherever a string is not translated yet, and it checks only
the permission to submit translations, which Editors have. This view keeps that option for
those who may publish the pages concerned; for anyone else the translations are updated
(the translation editor shows the new strings) and nothing is published.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView


def may_publish_translations(user, source):
    """Whether `user` may publish the page of `source` (a TranslationSource) in every language
    it has. A snippet is left to wagtail-localize's own rule."""
    instance = source.get_source_instance()
    if not isinstance(instance, Page):
        return True
    pages = [instance, *instance.get_translations()]
    return all(page.permissions_for_user(user).can_publish() for page in pages)


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations") and not may_publish_translations(
            self.request.user, self.object
        ):
            form.cleaned_data["publish_translations"] = False
            messages.warning(
                self.request,
                _(
                    "The translations were updated but not published: publishing them needs "
                    "the right to publish the page. Someone who has it publishes each "
                    "translation from the translation editor once it is translated."
                ),
            )
        return super().form_valid(form)
