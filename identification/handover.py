"""What the referral form may know of the check: the hand-over the result page posts to it.

The professional referral form (referrals/intake/identification.py) imports this module and
nothing else of the app: the one import from referrals into identification that the layout
allows (pyproject.toml, "Each content type stands alone"). It reads the posted fields as
untrusted input, as the check's own steps do: an unknown sector, an answer that is not yes / no
/ don't know, or an indicator the set does not hold raises Tampered."""

import uuid
from dataclasses import dataclass

from .check import ANSWER_VALUES, Tampered, indicators_seen
from .models import IndicatorSetPage

__all__ = ["FIELDS", "Handover", "Tampered", "read"]

SECTOR = "identification_sector"
INDICATORS = "identification_indicators"
CHILD = "identification_child"
DANGER = "identification_danger"
FIELDS = (SECTOR, INDICATORS, CHILD, DANGER)


@dataclass(frozen=True)
class Handover:
    """A check's result as the referral form receives it: the set (in the form's language),
    the indicators seen grouped as the professional saw them, and the two first answers."""

    sector: IndicatorSetPage
    groups: list  # [(group title, [check.Indicator])]
    child: str
    danger: str

    @property
    def indicator_ids(self):
        return [indicator.id for _title, indicators in self.groups for indicator in indicators]

    @property
    def strong(self):
        return any(i.strong for _title, indicators in self.groups for i in indicators)

    def sealed(self):
        """What is sealed with the referral: the texts in the language they were seen in, so
        triage reads what the professional read, even after the list is edited."""
        return {
            "sector": self.sector.title,
            "sector_key": str(self.sector.translation_key),
            "language": self.sector.locale.language_code,
            "child": self.child,
            "danger": self.danger,
            "groups": [
                {
                    "title": title,
                    "indicators": [
                        {"id": i.id, "text": i.text, "weight": i.weight} for i in indicators
                    ],
                }
                for title, indicators in self.groups
            ],
        }


def read(data, locale_id):
    """The hand-over in `data` (a POST's QueryDict) for a form in the locale `locale_id`, or
    None when it carries none of the fields. Raises Tampered when it is not one a result page
    of this site could have written."""
    if not any(name in data for name in FIELDS):
        return None
    try:
        key = uuid.UUID(data.get(SECTOR, ""))
    except ValueError:
        raise Tampered("sector") from None
    sector = (
        IndicatorSetPage.objects.live()
        .public()
        .filter(translation_key=key, locale_id=locale_id)
        .select_related("locale")
        .first()
    )
    if sector is None:
        raise Tampered("sector")
    child, danger = data.get(CHILD, ""), data.get(DANGER, "")
    if child not in ANSWER_VALUES or danger not in ANSWER_VALUES:
        raise Tampered("person")
    ids = data.getlist(INDICATORS)
    if len(ids) != len(set(ids)):
        raise Tampered("indicators")
    return Handover(sector=sector, groups=indicators_seen(sector, ids), child=child, danger=danger)
