"""The hand-over from the guided check (identification/) to the professional referral form.

"Refer to the Centre" on the check's result posts the sector, the indicators seen and the
answers about a child and danger now (docs/identification.md). This module is the only one of
referrals that imports identification, and only identification.handover, which reads those
fields as untrusted input: a hand-over that does not read is reported, never trusted and
never a 500. A POST with the hand-over and none of the form's own fields is not a submission:
the form shows itself, started with the hand-over (views.intake_form)."""

from django.utils.translation import gettext_lazy as _

from identification import handover as handovers

from ..choices import AgeBand
from .fields import UNKNOWN, YES
from .professional import CHILD

FIELDS = handovers.FIELDS
TAMPERED = _(
    "The indicators from the check could not be read, so they were not added to the referral. "
    "Please go through the check again, or describe what you saw in the form."
)


def posted(data):
    """Whether a POST carries any of the hand-over's fields."""
    return any(name in data for name in FIELDS)


def read(page, data):
    """(the hand-over posted to `page`, or None; whether one was posted but did not read)."""
    try:
        return handovers.read(data, page.locale_id), False
    except handovers.Tampered:
        return None, True


def only_handover(data, form_class):
    """Whether a POST carries none of the form's own questions: a hand-over, not a referral."""
    return not any(name in form_class.base_fields for name in data)


def initial(handover):
    """The form's starting answers from the check's: danger now as it was answered; a child
    (no consent needed) when the person is one, and an unknown age group when that was not
    known. "Not a child" starts nothing: whether the adult consented is the form's question."""
    values = {"danger_now": handover.danger}
    if handover.child == YES:
        values["consent"] = CHILD
    elif handover.child == UNKNOWN:
        values["age_band"] = AgeBand.UNKNOWN
    return values
