"""A decrypted referral's answers as staff read them: each question's label and the label of
each chosen option, in the order of the form the reporter filled in; contact details and the
reporter's safe-contact wishes set apart so the case view can put them side by side."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ...intake import channels
from ...intake.fields import YES_NO_UNKNOWN
from ...intake.forms import FollowUpAddForm
from ...intake.professional import IDENTIFICATION

CONTACT = {"contact_name", "contact_phone", "contact_email", "person_name", "person_contact"}
SAFE_CONTACT = ("wants_contact", "safe_channels", "safe_times", "never_use")
REFERRER = {"referrer_name", "organisation", "work_phone", "work_email", "organisation_type"}


@dataclass
class Answer:
    name: str
    label: str
    value: str


def _display(field, value):
    if value in (None, "", []):
        return ""
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return str(choices.get(value, value))
    return str(value)


def _labelled(form_class, answers):
    fields = form_class().fields
    out = []
    for name, value in answers.items():
        field = fields.get(name)
        label = str(field.label) if field is not None else name
        out.append(Answer(name, label, _display(field, value) if field else str(value or "")))
    return out


def sections(form_id, answers):
    """{"safe_contact", "contact", "referrer", "answers"}: lists of Answer, empty ones dropped
    except the safe-contact wishes, which are always shown when contact was asked for. The
    indicators seen in the guided check are shown apart (identification())."""
    answers = {name: value for name, value in answers.items() if name != IDENTIFICATION}
    rows = _labelled(channels.form_class(form_id), answers)
    result = {"safe_contact": [], "contact": [], "referrer": [], "answers": []}
    for row in rows:
        if row.name in SAFE_CONTACT:
            result["safe_contact"].append(row)
        elif not row.value:
            continue
        elif row.name in CONTACT:
            result["contact"].append(row)
        elif row.name in REFERRER:
            result["referrer"].append(row)
        else:
            result["answers"].append(row)
    result["safe_contact"] = [
        row for row in result["safe_contact"] if row.value or row.name != "wants_contact"
    ]
    return result


def followup_answers(answers):
    return [row for row in _labelled(FollowUpAddForm, answers) if row.value]


WEIGHTS = {"strong": _("strong indicator"), "general": _("general indicator")}


def identification(answers):
    """The indicators seen in the guided check, as sealed with the referral: the sector, the
    answers about a child and danger now, and the groups in the order the professional saw
    them (group title, then each indicator with its weight), in the language they were seen in.
    None for a referral that did not come from the check."""
    sealed = answers.get(IDENTIFICATION)
    if not sealed:
        return None
    said = dict(YES_NO_UNKNOWN)
    return {
        "sector": sealed.get("sector", ""),
        "language": sealed.get("language", ""),
        "child": str(said.get(sealed.get("child"), "")),
        "danger": str(said.get(sealed.get("danger"), "")),
        "groups": [
            {
                "title": group.get("title", ""),
                "indicators": [
                    {
                        "text": item.get("text", ""),
                        "strong": item.get("weight") == "strong",
                        "weight": str(WEIGHTS.get(item.get("weight"), item.get("weight", ""))),
                    }
                    for item in group.get("indicators", [])
                ],
            }
            for group in sealed.get("groups", [])
        ],
    }
