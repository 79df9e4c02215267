"""One referral, decrypted for a member of staff, and what they can do with it.

Opening the page is a decrypt and is recorded in the audit log (referrals/triage/workflow.py),
as is every download and every action (actions.py). Nothing decrypted is kept beyond the
request: the responses are no-store.
"""

import itertools
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ... import keys
from ...choices import Outcome, Priority
from ...crypto import CryptoError
from ...models import AuditEvent, Referral
from .. import workflow
from ..staff import assignable_choices, display_name
from . import actions, answers, contact, events

# The case history shows this many events, newest first; coordinators have the whole log.
HISTORY_LENGTH = 30


def history(referral):
    """The audit events of one referral, newest first, in words: read from the audit log
    alone (the (reference, seq) index), so showing them decrypts nothing and records nothing
    beyond the view the case page already records."""
    rows = list(
        AuditEvent.objects.filter(reference=referral.reference)
        .order_by("-seq")
        .only("seq", "at", "actor", "action", "detail")[: HISTORY_LENGTH + 1]
    )
    return events.in_words(rows[:HISTORY_LENGTH]), len(rows) > HISTORY_LENGTH


class CaseMixin(PermissionCheckedMixin):
    model = Referral
    viewset = None
    permission_required = "decrypt"

    def get_referral(self):
        return get_object_or_404(Referral.objects.select_related("assignee"), pk=self.kwargs["pk"])

    def url(self, name, *args):
        return reverse(self.viewset.get_url_name(name), args=args)


# What staff read and write here is the referral in the clear: an error report (the mail to
# ADMINS) must show neither the POST (a note) nor any variable of these views or their callees.
SEALED_CONTENT = [never_cache, sensitive_post_parameters(), sensitive_variables()]


@method_decorator(SEALED_CONTENT, name="dispatch")
class CaseView(CaseMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "referrals/triage/case.html"
    header_icon = "warning"

    def get_page_title(self):
        return _("Referral %(reference)s") % {"reference": self.referral.reference}

    def get_breadcrumbs_items(self):
        return [
            {"url": self.url("index"), "label": _("Referral queue")},
            {"url": "", "label": self.referral.reference},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.referral = self.get_referral()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def opened(self):
        """The referral decrypted for this request (None: destroyed, or no key here). Read at
        most once per request, however often the page is rendered: a form re-shown with its
        errors neither decrypts nor records a view again."""
        if self.referral.is_destroyed:
            return None
        try:
            return workflow.open_case(self.referral, by=self.request.user)
        except (keys.KeyUnavailable, CryptoError):
            self.decrypt_failed = True
            return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral, user = self.referral, self.request.user
        context.update(
            referral=referral,
            overdue=referral.is_overdue(),
            can_change=self.user_has_permission("change"),
            can_assign=self.user_has_permission("assign"),
            statuses=[(s.value, s.label) for s in workflow.allowed_statuses(referral)],
            outcomes=Outcome.choices,
            priorities=Priority.choices,
            assignable=assignable_choices() if self.user_has_permission("assign") else [],
            note_form=kwargs.get("note_form") or actions.NoteForm(),
            reply_form=kwargs.get("reply_form") or actions.ReplyForm(),
            can_reply=bool(referral.reply_public_key) and not referral.is_destroyed,
            queue_url=self.url("index"),
            assignee_name=display_name(referral.assignee) if referral.assignee else "",
            audit_log_url=(
                f"{reverse('referral_audit:index')}?reference={referral.reference}"
                if user.has_perm("referrals.report_referral")
                else ""
            ),
        )
        opened = self.opened
        context["decrypt_failed"] = getattr(self, "decrypt_failed", False)
        # Read after opening, so the history begins with the view just recorded.
        context["history"], context["history_more"] = history(referral)
        if opened is not None:
            context.update(self.sealed_context(opened))
            context.update(
                contact.context(referral, opened, context["sections"], kwargs.get("contact_form"))
            )
        return context

    def sealed_context(self, opened):
        """What the page shows of the decrypted referral; documents are numbered as
        workflow.open_attachment numbers them in the audit log."""
        data, numbers = opened.data, itertools.count(1)

        def documents(items):
            return [
                {
                    **item,
                    "number": next(numbers),
                    "url": self.url("attachment", self.referral.pk, item["id"]),
                }
                for item in items
            ]

        return {
            "data": data,
            "sections": answers.sections(data["form"], data["answers"]),
            "identification": answers.identification(data["answers"]),
            "attachments": documents(data["attachments"]),
            "followups": [
                {
                    "received_at": datetime.fromisoformat(f["received_at"]),
                    "answers": answers.followup_answers(f["answers"]),
                    "attachments": documents(f["attachments"]),
                }
                for f in data["followups"]
            ],
            "notes": opened.notes,
            "replies": opened.replies,
        }

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        handler = actions.HANDLERS.get(request.POST.get("action"))
        try:
            if handler is None:
                raise workflow.ActionRefused(_("Unknown action."))
            result = handler(self, request)
        except workflow.ActionRefused as refusal:
            messages.error(request, str(refusal))
        except keys.KeyUnavailable:
            messages.error(request, gettext("The triage key is not available: nothing was saved."))
        else:
            if isinstance(result, HttpResponse):
                return result
            messages.success(request, result)
        return redirect(self.url("case", self.referral.pk))


@method_decorator(SEALED_CONTENT, name="dispatch")
class AttachmentView(CaseMixin, View):
    def get(self, request, pk, attachment_id):
        referral = self.get_referral()
        try:
            name, content_type, content = workflow.open_attachment(
                referral, attachment_id, by=request.user
            )
        except workflow.ActionRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(self.url("case", referral.pk))
        except (keys.KeyUnavailable, CryptoError):
            messages.error(request, gettext("This document cannot be decrypted."))
            return redirect(self.url("case", referral.pk))
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
