"""One referral, decrypted for a member of staff, and what they can do with it.

Opening the page is a decrypt and is recorded in the audit log (referrals/workflow.py), as is
every download and every action. Nothing decrypted is cached: the responses are no-store.
"""

import itertools
from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import keys, workflow
from ..choices import Outcome, Priority, Status
from ..crypto import CryptoError
from ..models import AuditEvent, Referral
from . import answers, events
from .staff import assignable_choices, display_name, staff_who_can_open


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=workflow.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sealed like the referral: only staff who can open referrals read it."),
    )


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
            note_form=kwargs.get("note_form") or NoteForm(),
            queue_url=self.url("index"),
            assignee_name=display_name(referral.assignee) if referral.assignee else "",
            audit_log_url=(
                f"{reverse('referral_audit:index')}?reference={referral.reference}"
                if user.has_perm("referrals.report_referral")
                else ""
            ),
        )
        opened = None
        if not referral.is_destroyed:
            try:
                opened = workflow.open_case(referral, by=user)
            except (keys.KeyUnavailable, CryptoError):
                context["decrypt_failed"] = True
        # Read after opening, so the history begins with the view just recorded.
        context["history"], context["history_more"] = history(referral)
        if opened is None:
            return context
        data = opened.data
        # Numbered as workflow.open_attachment numbers them in the audit log.
        numbers = itertools.count(1)
        context.update(
            data=data,
            sections=answers.sections(data["form"], data["answers"]),
            attachments=[
                {
                    **item,
                    "number": next(numbers),
                    "url": self.url("attachment", referral.pk, item["id"]),
                }
                for item in data["attachments"]
            ],
            followups=[
                {
                    "received_at": datetime.fromisoformat(f["received_at"]),
                    "answers": answers.followup_answers(f["answers"]),
                    "attachments": [
                        {
                            **item,
                            "number": next(numbers),
                            "url": self.url("attachment", referral.pk, item["id"]),
                        }
                        for item in f["attachments"]
                    ],
                }
                for f in data["followups"]
            ],
            notes=opened.notes,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        action = request.POST.get("action")
        referral, user = self.referral, request.user
        try:
            if action == "claim":
                workflow.assign(referral, user, by=user)
                messages.success(request, gettext("You now handle this referral."))
            elif action == "assign":
                self._assign(request)
            elif action == "unassign":
                if not self.user_has_permission("assign"):
                    raise PermissionDenied
                workflow.unassign(referral, by=user)
                messages.success(request, gettext("Unassigned."))
            elif action == "status":
                status = request.POST.get("status")
                if status not in Status.values:
                    raise workflow.ActionRefused(_("Choose a status."))
                workflow.change_status(referral, status, by=user)
                messages.success(request, gettext("Status changed."))
            elif action == "outcome":
                outcome = request.POST.get("outcome", "")
                if outcome not in Outcome.values:
                    raise workflow.ActionRefused(_("Choose an outcome."))
                workflow.set_outcome(referral, outcome, by=user)
                messages.success(request, gettext("Outcome recorded."))
            elif action == "priority":
                priority = request.POST.get("priority", "")
                if priority not in {str(v) for v in Priority.values}:
                    raise workflow.ActionRefused(_("Choose a priority."))
                workflow.set_priority(referral, priority, by=user)
                messages.success(request, gettext("Priority changed; the deadline follows it."))
            elif action == "note":
                form = NoteForm(request.POST)
                if not form.is_valid():
                    messages.error(request, gettext("The note was not saved: see below."))
                    return self.render_to_response(self.get_context_data(note_form=form))
                workflow.add_note(referral, form.cleaned_data["text"], by=user)
                messages.success(request, gettext("Note saved, sealed."))
            else:
                raise workflow.ActionRefused(_("Unknown action."))
        except workflow.ActionRefused as refusal:
            messages.error(request, str(refusal))
        except keys.KeyUnavailable:
            messages.error(request, gettext("The triage key is not available: nothing was saved."))
        return redirect(self.url("case", referral.pk))

    def _assign(self, request):
        if not self.user_has_permission("assign"):
            raise PermissionDenied
        value = request.POST.get("assignee", "")
        assignee = None
        if value:
            if value in dict(assignable_choices()):  # also keeps a malformed pk out of SQL
                assignee = staff_who_can_open().filter(pk=value).first()
            if assignee is None:
                raise workflow.ActionRefused(_("This account cannot open referrals."))
        workflow.assign(self.referral, assignee, by=request.user)
        messages.success(request, gettext("Assignment changed."))


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
