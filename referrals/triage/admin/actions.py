"""What each button of the case view does: one small handler per action, each taking the case
view and the request and returning the message to show (or a response of its own). A handler
raises workflow.ActionRefused for a step that does not apply now, PermissionDenied for a step
this member of staff may not take; the case view turns both into what the user sees."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...choices import Outcome, Priority, Status
from .. import workflow
from ..staff import assignable_choices, staff_who_can_open
from . import contact


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=workflow.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sealed like the referral: only staff who can open referrals read it."),
    )


class ReplyForm(forms.Form):
    """Posted as `text` like the note; its own ids, as both are on the case page."""

    text = forms.CharField(
        label=_("Message to the reporter"),
        max_length=workflow.REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Sealed so that only the reporter's secret code opens it; they read it when they "
            "come back to the follow-up page. Nothing is e-mailed or texted to them."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reply_%s")
        super().__init__(*args, **kwargs)


def claim(view, request):
    workflow.assign(view.referral, request.user, by=request.user)
    return gettext("You now handle this referral.")


def assign(view, request):
    if not view.user_has_permission("assign"):
        raise PermissionDenied
    value = request.POST.get("assignee", "")
    assignee = None
    if value:
        if value in dict(assignable_choices()):  # also keeps a malformed pk out of SQL
            assignee = staff_who_can_open().filter(pk=value).first()
        if assignee is None:
            raise workflow.ActionRefused(_("This account cannot open referrals."))
    workflow.assign(view.referral, assignee, by=request.user)
    return gettext("Assignment changed.")


def unassign(view, request):
    if not view.user_has_permission("assign"):
        raise PermissionDenied
    workflow.unassign(view.referral, by=request.user)
    return gettext("Unassigned.")


def status(view, request):
    value = request.POST.get("status")
    if value not in Status.values:
        raise workflow.ActionRefused(_("Choose a status."))
    workflow.change_status(view.referral, value, by=request.user)
    return gettext("Status changed.")


def outcome(view, request):
    value = request.POST.get("outcome", "")
    if value not in Outcome.values:
        raise workflow.ActionRefused(_("Choose an outcome."))
    workflow.set_outcome(view.referral, value, by=request.user)
    return gettext("Outcome recorded.")


def priority(view, request):
    value = request.POST.get("priority", "")
    if value not in {str(v) for v in Priority.values}:
        raise workflow.ActionRefused(_("Choose a priority."))
    workflow.set_priority(view.referral, value, by=request.user)
    return gettext("Priority changed; the deadline follows it.")


def note(view, request):
    """A note that does not validate re-shows the case with the form and its errors."""
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The note was not saved: see below."))
        return view.render_to_response(view.get_context_data(note_form=form))
    workflow.add_note(view.referral, form.cleaned_data["text"], by=request.user)
    return gettext("Note saved, sealed.")


def reply(view, request):
    """A message that does not validate re-shows the case with the form and its errors."""
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The message was not sent: see below."))
        return view.render_to_response(view.get_context_data(reply_form=form))
    workflow.send_reply(view.referral, form.cleaned_data["text"], by=request.user)
    return gettext("Message sealed for the reporter: they read it when they come back.")


HANDLERS = {
    "claim": claim,
    "assign": assign,
    "unassign": unassign,
    "status": status,
    "outcome": outcome,
    "priority": priority,
    "note": note,
    "reply": reply,
    "contact": contact.record,
}
