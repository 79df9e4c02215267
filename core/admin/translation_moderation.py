"""Submitting a translation for moderation from the translation editor.

wagtail-localize's translation editor offers publishing to those who may publish and nothing
that saves or submits to anyone else: its big button would be the last action they may take,
"Delete". Here the translated text is saved as the page's latest draft and the page's workflow
starts on it, so a Moderator approving it publishes the translation (docs/publishing.md).
static/js/translation-editor.js puts the button on the footer for those who may not publish.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SUBMIT_ACTION = "submit"


def submit_translation(request, translation, page):
    """Save `translation` (of `page`) as a draft and start the page's workflow on it."""
    if not page.permissions_for_user(request.user).can_submit_for_moderation():
        messages.error(
            request,
            _(
                "This translation cannot be submitted for moderation: it is in moderation "
                "already, or locked."
            ),
        )
        return redirect(request.path)
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request, _("The translation could not be saved: correct the texts marked in red first.")
        )
        return redirect(request.path)
    page.refresh_from_db()
    page.get_workflow().start(page, request.user)
    messages.success(
        request,
        _("“%(title)s” in %(language)s was submitted for moderation.")
        % {"title": page.title, "language": page.locale.get_display_name()},
    )
    return redirect(request.path)
