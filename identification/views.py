"""The steps of the guided check, each a response to the form of the step before.

Every response is `Cache-Control: no-store`. Nothing is written anywhere: no row, no session, no
cache entry, no log line; the answers so far travel in the form as hidden fields and are
validated again on every step (identification/check.py). The steps are POSTs, so no answer ever
appears in a URL or the browser's history of addresses."""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import check
from .check import ANSWERS, Tampered

TEMPLATE = "identification/identification_page.html"
SECTOR, PERSON, GROUP, RESULT = "sector", "person", "group", "result"


def serve_check(page, request):
    if request.method == "GET":
        response = render_step(page, request, SECTOR, sets=list(page.indicator_sets()))
    elif request.method == "POST":
        response = advance(page, request)
    else:
        response = HttpResponseNotAllowed(["GET", "POST"])
    add_never_cache_headers(response)
    return response


def render_step(page, request, step, status=200, **context):
    context.update(page=page, self=page, step=step, answer_choices=ANSWERS)
    return TemplateResponse(request, TEMPLATE, context, status=status)


def advance(page, request):
    data = request.POST
    sets = list(page.indicator_sets())
    steps = {SECTOR: sector_step, PERSON: person_step, GROUP: group_step}
    step = steps.get(data.get("stage"))
    try:
        if step is None:
            raise Tampered("stage")
        return step(page, request, data, sets)
    except Tampered:
        # Said plainly and with a way on; the status tells a client that the input was bad.
        return render_step(page, request, SECTOR, status=400, sets=sets, tampered=True)


def sector_step(page, request, data, sets):
    sector = check.sector_from(data.get("sector", ""), sets)
    if sector is None:
        errors = {"sector": _("Choose the sector you work in.")}
        return render_step(page, request, SECTOR, sets=sets, errors=errors)
    return render_step(page, request, PERSON, state=check.State(sector=sector))


def person_step(page, request, data, sets):
    state = check.State(sector=check.hidden_sector(data, sets))
    state.child, state.danger = data.get("child", ""), data.get("danger", "")
    errors = {}
    if state.child not in check.ANSWER_VALUES:
        errors["child"] = _("Say whether the person is a child, or that you don't know.")
    if state.danger not in check.ANSWER_VALUES:
        errors["danger"] = _("Say whether someone is in danger now, or that you don't know.")
    if errors:
        return render_step(page, request, PERSON, state=state, errors=errors)
    return next_group(page, request, state, check.groups_of(state.sector, state.child), 0)


def group_step(page, request, data, sets):
    state = check.State(sector=check.hidden_sector(data, sets))
    state.child, state.danger = check.hidden_person(data)
    groups = check.groups_of(state.sector, state.child)
    index = check.hidden_index(data, groups)
    state.answers, open_questions = check.read_answers(data, groups, index)
    if data.get("back"):
        # Back without JavaScript or the browser's history (which would resend a POST): the
        # step before, with its answers chosen; the answers of this step may be incomplete.
        if index == 0:
            return render_step(page, request, PERSON, state=state)
        return group_page(page, request, state, groups, index - 1)
    if open_questions:
        errors = {i.field_name: _("Choose yes, no or don't know.") for i in open_questions}
        return group_page(page, request, state, groups, index, errors=errors)
    return next_group(page, request, state, groups, index + 1)


def next_group(page, request, state, groups, index):
    if index < len(groups):
        return group_page(page, request, state, groups, index)
    result = check.result_of(groups, state)
    return render_step(
        page,
        request,
        RESULT,
        state=state,
        result=result,
        referral_page=referral_page(page),
    )


def group_page(page, request, state, groups, index, errors=None):
    earlier = [i for group in groups[:index] for i in group.indicators]
    return render_step(
        page,
        request,
        GROUP,
        state=state,
        group=groups[index],
        index=index,
        number=index + 1,
        count=len(groups),
        hidden_answers=[(i.field_name, state.answers[i.id]) for i in earlier],
        answers=state.answers,
        errors=errors or {},
    )


def referral_page(page):
    """The professional referral form in the page's language, found by its type's name so that
    this app does not import the intake's models."""
    return (
        Page.objects.live()
        .filter(
            locale_id=page.locale_id,
            content_type__app_label="referrals",
            content_type__model="professionalreferralpage",
        )
        .first()
    )
