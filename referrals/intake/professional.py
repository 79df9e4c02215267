"""The professionals' referral of a presumed victim: formal words ("ви"), the preliminary
indicators, and the person's age, gender and consent checked against each other.

Consent routes the referral (Route): an adult who consented is referred with what identifies
them; a child needs no consent; an adult who did not consent becomes an anonymous
notification, which must carry nothing in IDENTIFYING. Those questions are hidden by
static/js/consent-route.js, and refused here, each with its reason, when a browser without
JavaScript sends them. The coarse columns are filled on every route, so an anonymous
notification still counts in the statistics."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import (
    FORMS_OF_EXPLOITATION,
    PROFESSIONAL_REFERRERS,
    AgeBand,
    Channel,
    Gender,
    Route,
    age_band_for,
)
from .fields import SAFE_CHANNELS, YES_NO_UNKNOWN, AttachmentsField, checkboxes, line, radios, text
from .forms import FollowUpAddForm, FollowUpLookupForm, IntakeForm, exploitation_summary

# The sealed answers' key for the indicators seen in the guided check (identification.py).
IDENTIFICATION = "identification"
ADULT_CONSENTED, ADULT_NOT_CONSENTED, CHILD = "adult-yes", "adult-no", "child"
ROUTES = {
    ADULT_CONSENTED: Route.CONSENT,
    ADULT_NOT_CONSENTED: Route.ANONYMOUS,
    CHILD: Route.CHILD,
}
# What identifies the person, or reaches them: their name, their exact age (the form's
# stand-in for a date of birth), where they are now, their contact and the wishes about it
# (which mean nothing without a contact). An anonymous notification carries none of them; the
# age group, gender, citizenship and the situation stay, and are what the statistics count.
IDENTIFYING = (
    "person_name",
    "age",
    "municipality",
    "person_contact",
    "safe_channels",
    "safe_times",
    "never_use",
)
NOT_WITHOUT_CONSENT = _(
    "The person did not consent, so this is an anonymous notification: leave “%(field)s” "
    "empty, or choose that the person consented."
)


class ProfessionalReferralForm(IntakeForm):
    """Professional referral of a presumed victim, with the preliminary indicators."""

    formal = True
    channel = Channel.PROFESSIONAL
    # The guided check's result may start this form (identification.py, views.intake_form).
    accepts_handover = True
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

    # The words the Centre uses when it asks for consent: what the person agreed to.
    consent = radios(
        [
            (
                ADULT_CONSENTED,
                _(
                    "An adult who agreed to be referred: they know that the Centre receives "
                    "their details and may contact them to offer help"
                ),
            ),
            (
                ADULT_NOT_CONSENTED,
                _(
                    "An adult who did not agree: send an anonymous notification, without "
                    "anything that identifies them"
                ),
            ),
            (CHILD, _("A child: no consent is needed")),
        ],
        label=_("The person's consent"),
        help_text=_(
            "Consent means that the person was told, in words they understood, that you are "
            "referring them to the Centre for the Protection of Victims of Human Trafficking; "
            "that the Centre will assess whether they are a victim, may contact them to offer "
            "help and protection, and keeps their details for that purpose only; and that they "
            "can withdraw their consent at any time. Without consent, the Centre receives an "
            "anonymous notification: leave out the person's name, exact age, place and "
            "contact, also in the description and the documents. The Centre then does not "
            "contact the person, and counts the situation in its statistics."
        ),
        error_messages={"required": _("Choose one of the consent options.")},
    )
    person_name = line(
        _("The person's name"),
        help_text=_("Leave it empty if the person did not consent."),
    )
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
    person_contact = line(_("The person's phone or e-mail"))
    safe_channels = checkboxes(SAFE_CHANNELS, label=_("How is it safe to contact the person?"))
    safe_times = line(
        _("When is it safe to contact the person?"),
        help_text=_("For example: weekdays after 6 pm, or only in the morning."),
    )
    never_use = line(
        _("Is there a number or address the Centre must never use?"),
        help_text=_("For example a shared phone that someone else checks."),
    )
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
        if "age" in data and "age_band" in data:
            self._check_age(data.get("age"), data.get("age_band"))
            self._check_consent(data.get("consent"), self.plain_age_band())
        if data.get("consent") == ADULT_NOT_CONSENTED:
            self._refuse_identifying(data)
        return data

    def _check_age(self, age, band):
        if age is None and not band:
            self.add_error(
                "age_band",
                _("Give the age or choose an age group (choose “Unknown” if you do not know)."),
            )
        elif age is not None and band and band not in (AgeBand.UNKNOWN, AgeBand.DISPUTED):
            if age_band_for(age) != band:
                self.add_error("age_band", _("The age and the age group do not match."))

    def _check_consent(self, consent, band):
        if not consent:
            return
        adult = (AgeBand.FROM_18_TO_25, AgeBand.FROM_26_TO_40, AgeBand.FROM_41)
        if consent == CHILD and band in adult:
            self.add_error("consent", _("The person is an adult: choose an adult option."))
        if consent != CHILD and band in (AgeBand.UNDER_14, AgeBand.FROM_14_TO_17):
            self.add_error(
                "consent", _("The person is a child: choose “A child: no consent is needed”.")
            )

    def _refuse_identifying(self, data):
        """An anonymous notification sent with what identifies the person (a browser without
        JavaScript shows those questions): each such answer is refused, saying why, rather
        than dropped, so nothing the professional wrote is lost without their knowing."""
        for name in IDENTIFYING:
            if name in data and data[name] not in (None, "", []):
                label = self.fields[name].label
                self.add_error(name, NOT_WITHOUT_CONSENT % {"field": label})

    def route(self):
        return ROUTES[self.cleaned_data["consent"]]

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
            "route": self.route(),
            # Coarse, for the queue's filter and the statistics (docs/intake.md): whether the
            # referral came from the check, and whether a strong indicator was seen in it.
            "from_identification": self.handover is not None,
            "strong_indicators": self.handover is not None and self.handover.strong,
        }

    def answers(self):
        answers = super().answers()
        if self.handover is not None:
            answers[IDENTIFICATION] = self.handover.sealed()
        return answers


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
