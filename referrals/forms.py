"""The intake forms: plain Django forms, rendered by the two form pages (referrals/models/pages.py).

Every question is labelled; radio and checkbox groups get a fieldset and legend in the template
(templates/referrals/includes/field.html). Free-text answers carry autocomplete="off" and
spellcheck="false": browsers must not remember them, nor send them to a cloud spell checker.
"""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import captcha, uploads
from .choices import (
    FORMS_OF_EXPLOITATION,
    PROFESSIONAL_REFERRERS,
    AgeBand,
    ExploitationType,
    Gender,
    ReferrerType,
    age_band_for,
)

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}\Z")
TEXT_MAX = 20_000
LINE_MAX = 200

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO_UNKNOWN = [(YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("I don't know"))]


def new_token():
    """The one-time token of one rendering of a form (idempotency: referrals/intake.py)."""
    return secrets.token_urlsafe(32)


TOO_MANY_FILES = _("You can attach at most %(max)d files. Remove %(extra)d and send again.")
TOO_MANY_FILES_FORMAL = _(
    "A referral takes at most %(max)d files. Remove %(extra)d and send again."
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five PDF, JPEG or PNG files of 10 MB, recognised by their first bytes. Cleans to a
    list of {"name", "content_type", "data"}: the bytes in memory, sealed by the intake."""

    widget = MultipleFileInput

    def __init__(self, *, formal=False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", uploads.HELP)
        super().__init__(**kwargs)
        # Professionals are addressed formally ("ви"), a person reporting informally ("ти").
        self.too_many_message = TOO_MANY_FILES_FORMAL if formal else TOO_MANY_FILES
        self.widget.attrs.update({"accept": uploads.ACCEPT, "multiple": True})

    def to_python(self, data):
        return data

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f is not None and getattr(f, "name", None)]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > uploads.MAX_FILES:
            raise ValidationError(
                self.too_many_message,
                params={"max": uploads.MAX_FILES, "extra": len(files) - uploads.MAX_FILES},
                code="too_many",
            )
        errors, cleaned = [], []
        for upload in files:
            name = display_name(upload.name)
            if getattr(upload, "oversized", False) or upload.size > uploads.MAX_FILE_SIZE:
                errors.append(
                    ValidationError(
                        _("“%(name)s” is larger than 10 MB."), params={"name": name}, code="size"
                    )
                )
                continue
            data = upload.read()
            if not data:
                errors.append(
                    ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
                )
                continue
            kind = uploads.sniff(data[:16])
            if kind is None:
                errors.append(
                    ValidationError(
                        _("“%(name)s” is not a PDF, JPEG or PNG file."),
                        params={"name": name},
                        code="type",
                    )
                )
                continue
            cleaned.append({"name": name, "content_type": kind[0], "data": data})
        if errors:
            raise ValidationError(errors)
        return cleaned


def display_name(name):
    """The file's own name without any folder, kept short; it is sealed, never stored plain."""
    name = re.split(r"[\\/]", str(name))[-1].replace("\x00", "").strip()
    return name[:200] or "file"


def radios(choices, **kwargs):
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


def checkboxes(choices, **kwargs):
    kwargs.setdefault("required", False)
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs)


def line(label, **kwargs):
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, max_length=LINE_MAX, **kwargs)


def text(label, **kwargs):
    return forms.CharField(
        label=label, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}), **kwargs
    )


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
    safe_channels = checkboxes(
        [
            ("call", _("Phone call")),
            ("sms", _("Text message")),
            ("messaging", _("Messaging app (Viber, WhatsApp, Signal)")),
            ("email", _("E-mail")),
        ],
        label=_("How is it safe to contact you?"),
    )
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


class ProfessionalReferralForm(IntakeForm):
    """Professional referral of a presumed victim, with the preliminary indicators."""

    formal = True

    organisation_type = radios(
        [(value, value.label) for value in PROFESSIONAL_REFERRERS],
        label=_("Your organisation"),
        error_messages={"required": _("Choose the kind of organisation you work for.")},
    )
    referrer_name = line(
        _("Your name"),
        required=True,
        error_messages={"required": _("Enter your name.")},
    )
    organisation = line(
        _("Organisation and unit"),
        required=True,
        help_text=_("For example: Social Work Centre Kraljevo, child protection unit."),
        error_messages={"required": _("Enter your organisation.")},
    )
    work_phone = line(_("Work phone"))
    work_email = forms.EmailField(label=_("Work e-mail"), required=False, max_length=254)

    age = forms.IntegerField(
        label=_("Age of the person, if known"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the age as a number, or leave it empty."),
            "min_value": _("Enter an age of 0 or more."),
            "max_value": _("Enter an age of 120 or less."),
        },
    )
    age_band = radios(
        [
            (AgeBand.UNDER_14, AgeBand.UNDER_14.label),
            (AgeBand.FROM_14_TO_17, AgeBand.FROM_14_TO_17.label),
            (AgeBand.FROM_18_TO_25, AgeBand.FROM_18_TO_25.label),
            (AgeBand.FROM_26_TO_40, AgeBand.FROM_26_TO_40.label),
            (AgeBand.FROM_41, AgeBand.FROM_41.label),
            (AgeBand.UNKNOWN, _("Unknown")),
            (AgeBand.DISPUTED, _("Disputed")),
        ],
        label=_("Age group"),
        help_text=_("An unknown or disputed age is treated as a child's."),
        required=False,
    )
    gender = radios(
        Gender.choices,
        label=_("Gender"),
        error_messages={"required": _("Choose the person's gender, or “Not known”.")},
    )
    citizenship = line(_("Citizenship"))
    municipality = line(_("Municipality where the person is now"))
    exploitation = checkboxes(
        [(value, value.label) for value in FORMS_OF_EXPLOITATION],
        label=_("Form of exploitation you suspect"),
        help_text=_("Tick all that apply."),
        required=True,
        error_messages={"required": _("Tick at least one form of exploitation, or “Other”.")},
    )
    exploitation_other = line(_("If other, which?"))
    indicators = checkboxes(
        [
            ("documents", _("Someone else holds their identity documents")),
            ("debt", _("Owes a debt they cannot pay off (travel, housing, a job)")),
            ("movement", _("Cannot move or leave freely")),
            ("pay", _("Works long hours for little or no pay")),
            ("threats", _("Threats or violence against them or their family")),
            ("housing", _("Lives where they work, or where the employer decides")),
            ("deceived", _("Was deceived about the job or the conditions")),
            ("control", _("Someone else speaks for them or controls their phone")),
            ("injuries", _("Signs of physical or psychological abuse")),
            ("address", _("Does not know their address or where they work")),
            ("recruited", _("Travel and work were arranged by someone who now controls them")),
            ("child", _("A child who works, begs, or is in sexual activity")),
        ],
        label=_("Indicators you noticed (preliminary identification)"),
        help_text=_("Tick all that you noticed. None is required."),
    )
    danger_now = radios(
        YES_NO_UNKNOWN,
        label=_("Is the person in immediate danger?"),
        help_text=_("If yes, also call the police on 192."),
        error_messages={"required": _("Say whether the person is in immediate danger.")},
    )
    consent = radios(
        [
            ("adult-yes", _("An adult who consented to this referral")),
            ("adult-no", _("An adult who did not consent")),
            ("child", _("A child: no consent is needed")),
        ],
        label=_("Consent"),
        error_messages={"required": _("Choose one of the consent options.")},
    )
    narrative = text(
        _("What did you see or hear?"),
        help_text=_("Describe the situation: what happened, when, who is involved."),
        error_messages={"required": _("Describe the situation.")},
    )
    attachments = AttachmentsField(label=_("Documents"), formal=True)

    def clean(self):
        data = super().clean()
        if "work_phone" in data and "work_email" in data:
            if not (data.get("work_phone") or data.get("work_email")):
                self.add_error("work_phone", _("Give a work phone or a work e-mail address."))
        age, band = data.get("age"), data.get("age_band")
        if "age" in data and "age_band" in data:
            if age is None and not band:
                self.add_error(
                    "age_band",
                    _("Give the age or choose an age group (choose “Unknown” if you do not know)."),
                )
            elif age is not None and band and band not in (AgeBand.UNKNOWN, AgeBand.DISPUTED):
                if age_band_for(age) != band:
                    self.add_error("age_band", _("The age and the age group do not match."))
        consent = data.get("consent")
        band = self.plain_age_band() if "age" in data and "age_band" in data else None
        if consent and band:
            if consent == "child" and band in (
                AgeBand.FROM_18_TO_25,
                AgeBand.FROM_26_TO_40,
                AgeBand.FROM_41,
            ):
                self.add_error("consent", _("The person is an adult: choose an adult option."))
            if consent != "child" and band in (AgeBand.UNDER_14, AgeBand.FROM_14_TO_17):
                self.add_error(
                    "consent", _("The person is a child: choose “A child: no consent is needed”.")
                )
        return data

    def plain_age_band(self):
        age, band = self.cleaned_data.get("age"), self.cleaned_data.get("age_band")
        if band == AgeBand.DISPUTED:
            return AgeBand.DISPUTED
        if age is not None:
            return age_band_for(age)
        return band or AgeBand.UNKNOWN


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


class ProfessionalFollowUpLookupForm(FollowUpLookupForm):
    """The look-up of the professional form's follow-up, said formally ("ви") as its receipt."""

    wrong_codes = _("The reference or the secret code is not right. Please check both.")
    too_many_tries = _(
        "Too many tries. Please wait 15 minutes and try again, or call the Centre and give the "
        "reference."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].error_messages["required"] = _(
            "Please enter the reference from the receipt."
        )
        self.fields["secret"].error_messages["required"] = _(
            "Please enter the secret code from the receipt."
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


class ProfessionalFollowUpAddForm(FollowUpAddForm):
    """More information for a professional's referral, asked for formally ("ви")."""

    formal = True
    information = text(
        _("What would you like to add to the referral?"),
        error_messages={"required": _("Please write what you would like to add.")},
    )
    attachments = AttachmentsField(label=_("Documents"), formal=True)
