"""Walking the guided check with Django's test client, as a browser without JavaScript does:
each step posts the hidden fields of the page before and the answers chosen."""

import re

from identification.check import groups_of
from identification.models import IndicatorSetPage

CHECK = "/identification/"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def hidden_fields(response):
    """The hidden fields of the step's form (not of the result's referral form)."""
    html = response.content.decode()
    form = html.split('class="check__form"', 1)[1].split("</form>", 1)[0]
    return [(name, value) for name, value in HIDDEN.findall(form) if name != "csrfmiddlewaretoken"]


def post(client, fields, path=CHECK):
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return client.post(path, data)


def school_set(language="sr"):
    return IndicatorSetPage.objects.get(slug="schools", locale__language_code=language)


def walk_to_result(client, sector, child="yes", danger="no", seen=(), path=CHECK):
    """Every step of the check through to the result, answering yes to the indicators in
    `seen` and no to all others; returns every response on the way."""
    responses = [post(client, [("stage", "sector"), ("sector", str(sector.pk))], path)]
    fields = hidden_fields(responses[-1]) + [("child", child), ("danger", danger)]
    responses.append(post(client, [("stage", "person"), *fields], path))
    for group in groups_of(sector, child):
        fields = hidden_fields(responses[-1])
        answers = [(i.field_name, "yes" if i.id in seen else "no") for i in group.indicators]
        responses.append(post(client, fields + answers, path))
    return responses
