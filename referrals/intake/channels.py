"""The intake's channels, in one place: each form says which channel it serves, which receipt
it shows and how its referral is triaged (referrals/intake/forms.py); the form pages and the
case view find a channel's form here."""

from .forms import ReportForm
from .professional import ProfessionalReferralForm

FORMS = {form.channel: form for form in (ReportForm, ProfessionalReferralForm)}


def form_class(channel):
    """The form of a channel ("public", "professional") or of a stored form id ("public/1");
    the public form for a channel no longer offered, so that old answers still show."""
    return FORMS.get(str(channel).split("/")[0], ReportForm)
