"""An indicator set of its own for the hand-over tests: the check's page under the minimal
site's home and one set under it, in Cyrillic and English (the referral form of tests is the
English one, and the hand-over finds the set in the form's language)."""

import re
import uuid

from identification.check import groups_of
from identification.models import IdentificationPage, IndicatorSetPage
from tests.factories import SitePageFactory, stream, translate
from tests.referrals.support import PROFESSIONAL_URL, form_token, professional_data


class CheckPageFactory(SitePageFactory):
    class Meta:
        model = IdentificationPage

    title = "Провера индикатора"
    slug = "identification"


class SetPageFactory(SitePageFactory):
    class Meta:
        model = IndicatorSetPage

    title = "Школе"
    slug = "schools"


def item(text, weight, applies_to="both"):
    value = {"text": text, "explanation": f"Зашто: {text}", "example": "", "weight": weight}
    return {"type": "item", "id": str(uuid.uuid4()), "value": {**value, "applies_to": applies_to}}


GROUPS = [
    (
        "Контрола",
        [
            item("Дете каже да ради да би вратило дуг", "strong", "children"),
            item("Неко други држи документа", "strong"),
        ],
    ),
    ("Школа", [item("Често изостаје из школе", "general", "children")]),
]
ENGLISH = {
    "Школе": "Schools",
    "Контрола": "Control",
    "Школа": "School",
    "Дете каже да ради да би вратило дуг": "The child says they work to pay off a debt",
    "Неко други држи документа": "Someone else holds the documents",
    "Често изостаје из школе": "Often absent from school",
}


def make_school_set(home):
    """(the Cyrillic set, the English set) under a new check page under `home`."""
    check = CheckPageFactory(parent=home)
    translate(check, texts={check.title: "Indicator check"})
    groups = stream(*(("group", {"title": t, "indicators": items}) for t, items in GROUPS))
    cyrillic = SetPageFactory(parent=check, groups=groups)
    english = translate(cyrillic, texts=ENGLISH)
    return cyrillic, IndicatorSetPage.objects.get(pk=english.pk)


def indicators(indicator_set):
    return [i for group in groups_of(indicator_set) for i in group.indicators]


def handover_data(indicator_set, ids, child="yes", danger="no"):
    """What "Refer to the Centre" on the check's result posts."""
    return {
        "identification_sector": str(indicator_set.translation_key),
        "identification_indicators": list(ids),
        "identification_child": child,
        "identification_danger": danger,
    }


HIDDEN = re.compile(r'<input type="hidden" name="(identification_\w+)" value="([^"]*)">')


def carried(response):
    """The hand-over's hidden fields in the form shown, as a POST would send them again."""
    data = {}
    for name, value in HIDDEN.findall(response.content.decode()):
        data.setdefault(name, []).append(value)
    return data


def hand_over(client, indicator_set, ids, **answers):
    """ "Refer to the Centre" pressed on a result that saw `ids`."""
    return client.post(PROFESSIONAL_URL, handover_data(indicator_set, ids, **answers))


def submit_handed_over(client, indicator_set, ids, **overrides):
    form = hand_over(client, indicator_set, ids, child="yes", danger="yes")
    data = professional_data(consent="child", age="12", municipality="", **overrides)
    response = client.post(PROFESSIONAL_URL, {"token": form_token(form), **data, **carried(form)})
    return response
