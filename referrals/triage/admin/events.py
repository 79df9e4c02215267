"""The audit log's events said in words, for the people who read them: the coordinators' audit
log and the case history. An event stores codes and usernames (referrals/triage/audit.py, which
hashes exactly what is stored); the words, in the reader's language, and people's names are made
when the event is shown, from the event and the user table, never from a referral's sealed
data."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ...choices import Outcome, Priority, Status
from ...models.contact import ContactChannel, ContactOutcome
from .. import contact
from ..staff import display_name

# What the filter of the audit log offers, by code (the words of one kind of event).
ACTIONS = {
    "referral.viewed": _("Viewed the referral"),
    "attachment.downloaded": _("Opened an attachment"),
    "referral.claimed": _("Took the referral"),
    "referral.assigned": _("Assigned"),
    "referral.unassigned": _("Unassigned"),
    "referral.status": _("Changed the status"),
    "referral.outcome": _("Recorded the outcome"),
    "referral.priority": _("Changed the priority"),
    "note.added": _("Added a note"),
    "reply.sent": _("Wrote to the reporter"),
    "contact.recorded": _("Recorded a contact attempt"),
    "referral.exported": _("Exported the referral"),
    "referral.destroyed": _("Destroyed the sealed data"),
    "staff.second_factor_reset": _("Reset a second factor"),
    # A member's own second factor (users/factors.py): said the same whatever the detail.
    "staff.second_factor_added": _("Added a second factor"),
    "staff.second_factor_used": _("Confirmed a sign-in with a second factor"),
    "staff.second_factor_failed": _("A second factor was refused"),
    "staff.second_factor_removed": _("Removed a second factor"),
    "staff.second_factor_renamed": _("Renamed a second factor"),
    "staff.recovery_code_used": _("Confirmed a sign-in with a recovery code"),
    "staff.recovery_codes_issued": _("Made new recovery codes"),
    "referrals.resealed": _("Re-sealed to a new key"),
}


def _label(choices, value):
    """A choice's label in running text ("in assessment"); an unknown code as it is."""
    try:
        return str(choices(value).label).lower()
    except ValueError:
        return str(value)


def _priority(name):
    try:
        return str(Priority[str(name).upper()].label).lower()
    except KeyError:
        return str(name)


class People:
    """Names for the usernames and account ids that a batch of events mentions, read in one
    query. Anyone who is not (or no longer) an account keeps the text stored in the event, such
    as "root (manage.py)" for a command run on the server."""

    def __init__(self, events):
        usernames, accounts = set(), set()
        for event in events:
            usernames.add(event.actor)
            detail = event.detail if isinstance(event.detail, dict) else {}
            for key in ("assignee", "previous"):
                if isinstance(detail.get(key), str):
                    usernames.add(detail[key])
            if isinstance(detail.get("account"), int):
                accounts.add(detail["account"])
        self.by_username, self.by_pk = {}, {}
        usernames.discard("")
        if usernames or accounts:
            users = (
                get_user_model()
                .objects.filter(Q(username__in=usernames) | Q(pk__in=accounts))
                .only("pk", "username", "first_name", "last_name")
            )
            for user in users:
                self.by_username[user.get_username()] = display_name(user)
                self.by_pk[user.pk] = display_name(user)

    def name(self, username):
        return self.by_username.get(username, username)

    def account(self, pk):
        return self.by_pk.get(pk) or gettext("account %(id)s") % {"id": pk}


def _contact_attempt(detail):
    words = {
        "channel": _label(ContactChannel, detail.get("channel")),
        "outcome": _label(ContactOutcome, detail.get("outcome")),
    }
    against = detail.get("against_wishes")
    if against and isinstance(against, list):
        words["wishes"] = contact.in_words(against)
        return (
            gettext(
                "Recorded a contact attempt AGAINST the person's wishes (%(wishes)s), with a "
                "reason: %(channel)s, %(outcome)s"
            )
            % words
        )
    return gettext("Recorded a contact attempt: %(channel)s, %(outcome)s") % words


def _destroyed(detail):
    days = detail.get("retention_days")
    if isinstance(days, int):
        return ngettext(
            "Destroyed the sealed data (retention period of %(days)s day)",
            "Destroyed the sealed data (retention period of %(days)s days)",
            days,
        ) % {"days": days}
    return gettext("Destroyed the sealed data")


def _factor_reset(detail, people):
    if isinstance(detail.get("account"), int):
        return gettext("Reset the second factor of %(name)s") % {
            "name": people.account(detail["account"])
        }
    return gettext("Reset a second factor")


def describe(event, people):
    """One event as a sentence in the active language."""
    detail = event.detail if isinstance(event.detail, dict) else {}
    action = event.action
    if action == "referral.viewed":
        return gettext("Viewed the referral")
    if action == "attachment.downloaded":
        # Events from before the number was recorded name the document by its id only.
        if detail.get("number"):
            return gettext("Opened attachment %(number)s") % {"number": detail["number"]}
        return gettext("Opened an attachment")
    if action == "referral.status":
        return gettext("Status: %(from)s → %(to)s") % {
            "from": _label(Status, detail.get("from")),
            "to": _label(Status, detail.get("to")),
        }
    if action == "referral.outcome":
        return gettext("Outcome: %(outcome)s") % {"outcome": _label(Outcome, detail.get("outcome"))}
    if action == "referral.priority":
        return gettext("Priority: %(from)s → %(to)s") % {
            "from": _priority(detail.get("from")),
            "to": _priority(detail.get("to")),
        }
    if action == "referral.claimed":
        return gettext("Took the referral")
    if action == "referral.assigned":
        if detail.get("assignee"):
            return gettext("Assigned to %(name)s") % {"name": people.name(detail["assignee"])}
        return gettext("Unassigned")  # how "Nobody" was recorded before unassigning had a name
    if action == "referral.unassigned":
        if detail.get("previous"):
            return gettext("Unassigned (was %(name)s)") % {"name": people.name(detail["previous"])}
        return gettext("Unassigned")
    if action == "note.added":
        return gettext("Added a note")
    if action == "reply.sent":
        return gettext("Wrote to the reporter")
    if action == "contact.recorded":
        return _contact_attempt(detail)
    if action == "referral.exported":
        if detail.get("files"):
            return gettext("Exported the referral with its documents")
        return gettext("Exported the referral")
    if action == "referral.destroyed":
        return _destroyed(detail)
    if action == "staff.second_factor_reset":
        return _factor_reset(detail, people)
    if action.startswith("staff.") and action in ACTIONS:
        return str(ACTIONS[action])
    return action  # an event this module does not know yet: its code, rather than nothing


def in_words(events):
    """The events, each given `actor_name` and `description` for display."""
    events = list(events)
    people = People(events)
    for event in events:
        event.actor_name = people.name(event.actor)
        event.description = describe(event, people)
    return events
