"""The professionals' referral of a presumed victim: formal words ("ви"), the preliminary
indicators, and the person's age, gender and consent checked against each other."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import (
    FORMS_OF_EXPLOITATION,
    PROFESSIONAL_REFERRERS,
    AgeBand,
    Channel,
    Gender,
    age_band_for,
)
from .fields import YES_NO_UNKNOWN, AttachmentsField, checkboxes, line, radios, text
from .forms import FollowUpAddForm, FollowUpLookupForm, IntakeForm, exploitation_summary


class ProfessionalReferralForm(IntakeForm):
    """Professional referral of a presumed victim, with the preliminary indicators."""

    formal = True
    channel = Channel.PROFESSIONAL
    # The professional receipt speaks formally and counts the documents.
    receipt_template = "referrals/professional_receipt.html"

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

    def coarse_fields(self):
        data = self.cleaned_data
        return {
            "referrer_type": data["organisation_type"],
            "exploitation_type": exploitation_summary(data.get("exploitation")),
            "age_band": self.plain_age_band(),
            "gender": data["gender"],
        }


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


class ProfessionalFollowUpAddForm(FollowUpAddForm):
    """More information for a professional's referral, asked for formally ("ви")."""

    formal = True
    information = text(
        _("What would you like to add to the referral?"),
        error_messages={"required": _("Please write what you would like to add.")},
    )
    attachments = AttachmentsField(label=_("Documents"), formal=True)
