"""The case view's contact attempts: the form that records one, checked against the person's
wishes before it is stored (referrals/triage/contact.py), and what the page shows of the
contact details and the attempts, each beside the wishes."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...choices import Channel
from ...models.contact import ContactChannel, ContactOutcome, ContactRecipient
from .. import contact, workflow
from ..staff import display_name

ADDRESS_MAX = 200
# A clock a few minutes fast on the member's computer is not a refusal.
FUTURE_SLACK = timedelta(minutes=10)


class ContactAttemptForm(forms.Form):
    recipient = forms.ChoiceField(
        label=_("Who was contacted"),
        choices=ContactRecipient.choices,
        initial=ContactRecipient.PERSON,
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=ContactChannel.choices)
    attempted_at = forms.DateTimeField(
        label=_("Time of the attempt"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    address = forms.CharField(
        label=_("Number or address used"),
        max_length=ADDRESS_MAX,
        required=False,
        help_text=_("Sealed like the referral. It is checked against the never-use list."),
    )
    within_times = forms.BooleanField(
        label=_("The time fits when the person said it is safe to contact them"),
        required=False,
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    reason = forms.CharField(
        label=_("Reason for going against the person's wishes"),
        max_length=contact.REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when the attempt goes against the wishes shown above. Sealed; the "
            "coordinator is told that it happened."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=workflow.NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, wishes, referral, **kwargs):
        # Its own ids: the case page also has an outcome form and a note form.
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
        self.wishes = wishes
        if referral.channel != Channel.PROFESSIONAL:
            # A report from the public has no referring professional to call.
            self.fields["recipient"].choices = [
                (ContactRecipient.PERSON.value, ContactRecipient.PERSON.label)
            ]
        if not wishes.times:
            del self.fields["within_times"]

    def clean_attempted_at(self):
        value = self.cleaned_data["attempted_at"]
        if value > timezone.now() + FUTURE_SLACK:
            raise forms.ValidationError(_("Record an attempt after it was made."))
        return value

    def clean(self):
        data = super().clean()
        if not {"recipient", "channel"} <= data.keys():
            return data
        found = contact.breaches(
            self.wishes,
            recipient=data["recipient"],
            channel=data["channel"],
            address=data.get("address", ""),
            within_times=data.get("within_times", False),
        )
        if found and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("This attempt goes against the person's wishes (%(wishes)s): give the reason.")
                % {"wishes": contact.in_words(found)},
            )
        return data


def new_form(wishes, referral):
    now = timezone.localtime().replace(second=0, microsecond=0)
    return ContactAttemptForm(wishes=wishes, referral=referral, initial={"attempted_at": now})


def record(view, request):
    """The "contact" action: a form that does not validate (no reason for an attempt against
    the wishes, among others) re-shows the case with its errors and stores nothing."""
    opened = view.opened
    if opened is None:
        raise workflow.ActionRefused(_("The sealed data of this referral cannot be opened."))
    wishes = contact.Wishes.of(view.referral, opened.data["answers"])
    form = ContactAttemptForm(request.POST, wishes=wishes, referral=view.referral)
    if not form.is_valid():
        messages.error(request, gettext("The contact attempt was not recorded: see below."))
        return view.render_to_response(view.get_context_data(contact_form=form))
    row = contact.record_attempt(view.referral, wishes, by=request.user, attempt=form.cleaned_data)
    if row.against_wishes:
        return gettext(
            "Contact attempt recorded. It went against the person's wishes: the coordinator "
            "is told."
        )
    return gettext("Contact attempt recorded.")


def context(referral, opened, sections, form=None):
    """The wishes, the contact details each marked when on the never-use list, the attempts
    in words, and the form: the case view shows no contact detail without the wishes."""
    wishes = contact.Wishes.of(referral, opened.data["answers"])
    details = [
        {
            "label": row.label,
            "value": row.value,
            "never_use": contact.on_never_use_list(wishes, row.value),
        }
        for row in sections["contact"]
    ]
    attempts = [
        {
            "attempted_at": attempt.attempted_at,
            "author": display_name(attempt.author) if attempt.author else "—",
            "recipient": attempt.get_recipient_display(),
            "channel": attempt.get_channel_display(),
            "outcome": attempt.get_outcome_display(),
            "against": contact.in_words(attempt.against_wishes),
            "address": content.get("address", ""),
            "reason": content.get("reason", ""),
            "note": content.get("note") or "",
        }
        for attempt, content in opened.contacts
    ]
    return {
        "wishes": wishes,
        "contact_details": details,
        "contact_attempts": attempts,
        "contact_form": form or new_form(wishes, referral),
    }
