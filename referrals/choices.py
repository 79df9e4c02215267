"""The coarse categories of a referral: the only answers kept in plaintext (DESIGN.md), because
the queue sorts by them and the monthly statistics count them. Everything else is sealed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PUBLIC = "public", _("Report from the public")
    PROFESSIONAL = "professional", _("Professional referral")


class Route(models.TextChoices):
    """The way a professional's referral goes, set by its consent answer at submission (the
    professional form, referrals/intake/professional.py). Reports from the public have none."""

    NONE = "", _("Not applicable (report from the public)")
    CONSENT = "consent", _("Referral with the person's consent")
    ANONYMOUS = "anonymous", _("Anonymous notification (no consent)")
    CHILD = "child", _("Child (no consent needed)")


class Priority(models.IntegerChoices):
    # Integers so that ordering by priority puts urgent referrals first.
    URGENT = 1, _("Urgent")
    NORMAL = 2, _("Normal")


class ReferrerType(models.TextChoices):
    # Professional referrers (the organisation types of the professional form).
    SOCIAL_WORK = "social-work", _("Social work centre")
    POLICE = "police", _("Police")
    PROSECUTOR = "prosecutor", _("Public prosecutor's office")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health care")
    EMPLOYMENT = "employment", _("National Employment Service")
    NGO = "ngo", _("Civil society organisation")
    OTHER_PROFESSIONAL = "other-professional", _("Other institution")
    # Reports from the public.
    SELF = "self", _("The person concerned")
    ACQUAINTANCE = "acquaintance", _("Someone who knows the person")
    WITNESS = "witness", _("Someone who saw or heard about it")
    UNDISCLOSED = "undisclosed", _("Did not say")


PROFESSIONAL_REFERRERS = [
    ReferrerType.SOCIAL_WORK,
    ReferrerType.POLICE,
    ReferrerType.PROSECUTOR,
    ReferrerType.SCHOOL,
    ReferrerType.HEALTH,
    ReferrerType.EMPLOYMENT,
    ReferrerType.NGO,
    ReferrerType.OTHER_PROFESSIONAL,
]


class ExploitationType(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation")
    BEGGING = "begging", _("Forced begging")
    CRIMINALITY = "criminality", _("Forced criminality")
    MARRIAGE = "marriage", _("Forced marriage")
    DOMESTIC = "domestic", _("Domestic servitude")
    ORGANS = "organs", _("Organ removal")
    OTHER = "other", _("Other")
    # Coarse summaries for the plaintext column: more than one form, or not known.
    MULTIPLE = "multiple", _("More than one form")
    UNKNOWN = "unknown", _("Not known")


FORMS_OF_EXPLOITATION = [
    ExploitationType.SEXUAL,
    ExploitationType.LABOUR,
    ExploitationType.BEGGING,
    ExploitationType.CRIMINALITY,
    ExploitationType.MARRIAGE,
    ExploitationType.DOMESTIC,
    ExploitationType.ORGANS,
    ExploitationType.OTHER,
]


class AgeBand(models.TextChoices):
    UNDER_14 = "0-13", _("Under 14")
    FROM_14_TO_17 = "14-17", _("14 to 17")
    CHILD = "child", _("Child, age not known")
    FROM_18_TO_25 = "18-25", _("18 to 25")
    FROM_26_TO_40 = "26-40", _("26 to 40")
    FROM_41 = "41+", _("41 or older")
    ADULT = "adult", _("Adult, age not known")
    UNKNOWN = "unknown", _("Unknown")
    DISPUTED = "disputed", _("Disputed")


# An unknown or disputed age counts as a child (the rule, and the law's presumption).
MINOR_AGE_BANDS = {
    AgeBand.UNDER_14,
    AgeBand.FROM_14_TO_17,
    AgeBand.CHILD,
    AgeBand.UNKNOWN,
    AgeBand.DISPUTED,
}


def age_band_for(age):
    if age < 14:
        return AgeBand.UNDER_14
    if age < 18:
        return AgeBand.FROM_14_TO_17
    if age <= 25:
        return AgeBand.FROM_18_TO_25
    if age <= 40:
        return AgeBand.FROM_26_TO_40
    return AgeBand.FROM_41


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_ASSESSMENT = "in-assessment", _("In assessment")
    FORWARDED = "forwarded", _("Forwarded")
    IDENTIFIED = "identified", _("Identified")
    NOT_CONFIRMED = "not-confirmed", _("Not confirmed")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Spam")


class Outcome(models.TextChoices):
    NONE = "", _("No outcome yet")
    IDENTIFIED = "identified", _("Victim identified")
    NOT_CONFIRMED = "not-confirmed", _("Trafficking not confirmed")
    FORWARDED = "forwarded", _("Forwarded to another service")
    NO_CONTACT = "no-contact", _("Could not be reached")
    SPAM = "spam", _("Spam or abuse")


class PublicStatus(models.TextChoices):
    """What a reporter sees with the reference and secret: coarse on purpose."""

    RECEIVED = "received", _("Received")
    ASSESSING = "assessing", _("Being assessed")
    CLOSED = "closed", _("Closed")


PUBLIC_STATUS = {
    Status.NEW: PublicStatus.RECEIVED,
    Status.IN_ASSESSMENT: PublicStatus.ASSESSING,
    Status.FORWARDED: PublicStatus.ASSESSING,
    Status.IDENTIFIED: PublicStatus.ASSESSING,
    Status.NOT_CONFIRMED: PublicStatus.ASSESSING,
    Status.CLOSED: PublicStatus.CLOSED,
    Status.SPAM: PublicStatus.CLOSED,
}


# The triage workflow: which status may follow which (referrals/triage/workflow.py enforces it).
# A closed referral may be reopened and spam may be taken back: a mistake must be repairable.
TRANSITIONS = {
    Status.NEW: [Status.IN_ASSESSMENT, Status.SPAM],
    Status.IN_ASSESSMENT: [
        Status.FORWARDED,
        Status.IDENTIFIED,
        Status.NOT_CONFIRMED,
        Status.CLOSED,
        Status.SPAM,
    ],
    Status.FORWARDED: [Status.IN_ASSESSMENT, Status.CLOSED],
    Status.IDENTIFIED: [Status.IN_ASSESSMENT, Status.CLOSED],
    Status.NOT_CONFIRMED: [Status.IN_ASSESSMENT, Status.CLOSED],
    Status.CLOSED: [Status.IN_ASSESSMENT],
    Status.SPAM: [Status.IN_ASSESSMENT],
}

# Statuses after which a referral waits only for the retention period.
FINISHED_STATUSES = {Status.CLOSED, Status.SPAM}

# The outcome a status implies when staff have not recorded one yet.
STATUS_OUTCOME = {
    Status.FORWARDED: Outcome.FORWARDED,
    Status.IDENTIFIED: Outcome.IDENTIFIED,
    Status.NOT_CONFIRMED: Outcome.NOT_CONFIRMED,
    Status.SPAM: Outcome.SPAM,
}
