"""The intake's channels, in one place: each form says which channel it serves, which receipt
it shows and how its referral is triaged (referrals/intake/forms.py); the form pages, the
follow-up and the case view find a channel's forms here."""

from typing import NamedTuple

from .forms import FollowUpAddForm, FollowUpLookupForm, ReportForm
from .professional import (
    ProfessionalFollowUpAddForm,
    ProfessionalFollowUpLookupForm,
    ProfessionalReferralForm,
)

FORMS = {form.channel: form for form in (ReportForm, ProfessionalReferralForm)}


class FollowUp(NamedTuple):
    """A channel's follow-up: the professional one speaks formally, as its form and receipt."""

    lookup_form: type
    add_form: type
    template: str
    status_template: str


FOLLOW_UPS = {
    ReportForm.channel: FollowUp(
        FollowUpLookupForm,
        FollowUpAddForm,
        "referrals/follow_up.html",
        "referrals/follow_up_status.html",
    ),
    ProfessionalReferralForm.channel: FollowUp(
        ProfessionalFollowUpLookupForm,
        ProfessionalFollowUpAddForm,
        "referrals/professional_follow_up.html",
        "referrals/professional_follow_up_status.html",
    ),
}


def form_class(channel):
    """The form of a channel ("public", "professional") or of a stored form id ("public/1");
    the public form for a channel no longer offered, so that old answers still show."""
    return FORMS.get(str(channel).split("/")[0], ReportForm)


def follow_up(channel):
    return FOLLOW_UPS.get(str(channel), FOLLOW_UPS[ReportForm.channel])
