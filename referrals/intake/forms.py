"""The intake forms: plain Django forms, rendered by the two form pages (referrals/models/pages.py).

Every question is labelled; radio and checkbox groups get a fieldset and legend in the template
(templates/referrals/includes/field.html). Free-text answers carry autocomplete="off" and
spellcheck="false": browsers must not remember them, nor send them to a cloud spell checker.

Each form knows its channel and the coarse fields it gives the plaintext columns (DESIGN.md):
IntakeForm.triage_fields(). The professional form is in professional.py; channels.py lists
both.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..choices import (
    MINOR_AGE_BANDS,
    AgeBand,
    Channel,
    ExploitationType,
    Gender,
    Priority,
    ReferrerType,
    Route,
)
from . import captcha
from .fields import (
    NO,
    SAFE_CHANNELS,
    TOKEN_RE,
    UNKNOWN,
    YES,
    YES_NO_UNKNOWN,
    AttachmentsField,
    checkboxes,
    line,
    new_token,
    radios,
    text,
)


def exploitation_summary(values):
    """The plaintext form of exploitation: the one ticked, "multiple" or "unknown"."""
    values = [v for v in values or [] if v]
    if not values:
        return ExploitationType.UNKNOWN
    return values[0] if len(values) == 1 else ExploitationType.MULTIPLE


class IntakeForm(forms.Form):
    """What both forms share: the one-time token, the honeypot and (when on) the captcha."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)
    # A field people do not see and bots fill in. Filling it shows an error, it does not
    # silently drop the referral: a person whose browser filled it by mistake loses nothing.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1"}),
    )
    # The public form speaks to a person in trouble informally (Serbian "ти"); the
    # professional form speaks to professionals formally ("ви"): its own words below.
    formal = False

    # Fields whose answers are sealed but not part of the referral itself.
    NOT_ANSWERS = ("token", "website", "captcha", "attachments")

    use_captcha = True
    # Whether the guided check's result may start this form (the professional form's only).
    accepts_handover = False
    # The channel a referral sent with this form arrives on, and the receipt it is shown.
    channel = None
    receipt_template = "referrals/receipt.html"

    def __init__(self, *args, handover=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The check's result (identification.py), read again from this very POST's hidden
        # fields, never kept from an earlier request; None for a form not started by a check.
        self.handover = handover
        if self.formal:
            self.fields["website"].label = _("Please leave this field empty")
        if self.use_captcha and captcha.enabled():
            self.fields["captcha"] = forms.CharField(
                label=_("Please confirm that you are a person")
                if self.formal
                else _("Confirm that you are a person"),
                required=False,
                widget=captcha.Widget(),
                help_text=_("If this box does not appear, the form can still be sent.")
                if self.formal
                else _("If this box does not appear, you can still send the form."),
            )
        for field in self.fields.values():
            if isinstance(
                field.widget, (forms.TextInput, forms.Textarea, forms.EmailInput, forms.NumberInput)
            ):
                field.widget.attrs.setdefault("autocomplete", "off")
                field.widget.attrs.setdefault("spellcheck", "false")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            message = (
                _("Please leave this field empty.") if self.formal else _("Leave this field empty.")
            )
            raise ValidationError(message, code="honeypot")
        return ""

    def clean_token(self):
        value = self.cleaned_data.get("token") or ""
        # A missing or malformed token only loses the double-submit protection.
        return value if TOKEN_RE.match(value) else new_token()

    def coarse_fields(self):
        """{referrer_type, exploitation_type, age_band, gender} of a valid form (and the
        route, for a form that has one)."""
        raise NotImplementedError

    def route(self):
        """The way this referral goes (Route): only the professional form asks for consent."""
        return Route.NONE

    def triage_fields(self):
        """The plaintext columns for this submission: only coarse categories (DESIGN.md)."""
        fields = self.coarse_fields()
        fields["is_minor"] = fields["age_band"] in MINOR_AGE_BANDS
        # Danger now, or a child (an unknown age counts as a child): urgent. "I don't know"
        # about danger counts as danger; triage can lower it, a missed emergency cannot be undone.
        danger = self.cleaned_data.get("danger_now") in (YES, UNKNOWN)
        fields["priority"] = Priority.URGENT if danger or fields["is_minor"] else Priority.NORMAL
        return fields

    @property
    def honeypot_filled(self):
        return "website" in self.errors

    def answers(self):
        """The answers to seal, in the order of the form."""
        return {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name not in self.NOT_ANSWERS
        }

    def error_summary(self):
        """(anchor, message) pairs for the summary at the top: each links to its field."""
        items = [("intake-form", message) for message in self.non_field_errors()]
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            bound = self[name]
            anchor = bound.auto_id
            if isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                anchor = f"{bound.auto_id}_0"
            for message in self.errors[name]:
                items.append((anchor, message))
        return items


class ReportForm(IntakeForm):
    """Report / get help: short, plain, anonymous unless the reporter wants contact."""

    channel = Channel.PUBLIC

    danger_now = radios(
        YES_NO_UNKNOWN,
        label=_("Is someone in danger right now?"),
        help_text=_("If yes, call the police on 192 now. You can still send this form."),
        error_messages={"required": _("Say whether someone is in danger right now.")},
    )
    child_involved = radios(
        YES_NO_UNKNOWN,
        label=_("Is a child (under 18) involved?"),
        error_messages={"required": _("Say whether a child is involved.")},
    )
    what_happened = text(
        _("What happened?"),
        help_text=_(
            "Write in your own words. You do not need proof. Leave out anything you do not "
            "want to tell."
        ),
        error_messages={"required": _("Tell us what happened, in a few words if you like.")},
    )
    where = line(
        _("Where is it happening?"),
        help_text=_("Town or municipality. If it is abroad, the country."),
    )
    situation = checkboxes(
        [
            (ExploitationType.LABOUR, _("Made to work for little or no pay")),
            (ExploitationType.SEXUAL, _("Made to provide sex")),
            (ExploitationType.BEGGING, _("Made to beg")),
            (ExploitationType.CRIMINALITY, _("Made to commit crimes")),
            (ExploitationType.MARRIAGE, _("Made to marry")),
            (ExploitationType.DOMESTIC, _("Made to work in someone's home and not let go")),
            (ExploitationType.ORGANS, _("Made to give an organ")),
            (ExploitationType.OTHER, _("Something else")),
        ],
        label=_("What is the person made to do? Tick all that fit, or none if you are not sure."),
    )
    reporter = radios(
        [
            (ReferrerType.SELF, _("This is happening to me")),
            (ReferrerType.ACQUAINTANCE, _("It is happening to someone I know")),
            (ReferrerType.WITNESS, _("I saw or heard about it")),
            (ReferrerType.UNDISCLOSED, _("I would rather not say")),
        ],
        label=_("Who are you?"),
        required=False,
    )
    wants_contact = radios(
        [
            (NO, _("No, I want to stay anonymous")),
            (YES, _("Yes, the Centre may contact me")),
        ],
        label=_("Do you want the Centre to contact you?"),
        error_messages={"required": _("Say whether the Centre may contact you.")},
    )
    contact_name = line(
        _("What should we call you?"),
        help_text=_("It does not have to be your real name."),
    )
    contact_phone = line(_("Phone number"))
    contact_email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    safe_channels = checkboxes(SAFE_CHANNELS, label=_("How is it safe to contact you?"))
    safe_times = line(
        _("When is it safe to contact you?"),
        help_text=_("For example: weekdays after 6 pm, or only in the morning."),
    )
    never_use = line(
        _("Is there a number or address we must never use?"),
        help_text=_("For example a shared phone that someone else checks."),
    )

    def clean(self):
        data = super().clean()
        if data.get("wants_contact") == YES and not (
            data.get("contact_phone") or data.get("contact_email")
        ):
            self.add_error(
                "contact_phone",
                _(
                    "Give a phone number or an e-mail address, or choose that you want to stay "
                    "anonymous."
                ),
            )
        return data

    def coarse_fields(self):
        data = self.cleaned_data
        age_band = {YES: AgeBand.CHILD, UNKNOWN: AgeBand.UNKNOWN}.get(
            data["child_involved"], AgeBand.ADULT
        )
        return {
            "referrer_type": data.get("reporter") or ReferrerType.UNDISCLOSED,
            "exploitation_type": exploitation_summary(data.get("situation")),
            "age_band": age_band,
            "gender": Gender.UNKNOWN,
        }


class FollowUpLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        help_text=_("It looks like CZ-7K3M-9QXD."),
        error_messages={"required": _("Enter the reference from your receipt.")},
    )
    secret = forms.CharField(
        label=_("Secret code"),
        max_length=80,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("The code shown once on your receipt, next to the reference."),
        error_messages={"required": _("Enter the secret code from your receipt.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update(
                {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
            )

    error_summary = IntakeForm.error_summary
    # What the follow-up view says when the codes are wrong or tried too often.
    wrong_codes = _("The reference or the secret code is not right. Check both.")
    too_many_tries = _(
        "Too many tries. Wait 15 minutes and try again, or call the Centre and give your reference."
    )


class FollowUpAddForm(IntakeForm):
    """More information for a referral, sent with the reference and secret again."""

    reference = forms.CharField(widget=forms.HiddenInput, max_length=40)
    secret = forms.CharField(widget=forms.HiddenInput, max_length=80)
    information = text(
        _("What would you like to add?"),
        error_messages={"required": _("Write what you would like to add.")},
    )
    attachments = AttachmentsField(label=_("Documents"))

    NOT_ANSWERS = (*IntakeForm.NOT_ANSWERS, "reference", "secret")
    # The secret already proves a person with a receipt; the rate limit holds back guessing.
    use_captcha = False
