"""What the two form pages answer: the form, the receipt, the follow-up, the refusals.

Every response here is `Cache-Control: no-store` (nothing of a report stays in a browser's or a
proxy's cache); the site-wide `Referrer-Policy: same-origin` lets a POST carry its real Origin,
which Django's CSRF check needs. The receipt is rendered in the
response to the POST, after the commit, not behind a redirect: a redirect would need the
secret in a URL or in a server-side session, and the server must keep only its hash. Sending
the same form again (a reload) shows the same receipt (referrals/intake/submit.py).
"""

import logging
from functools import wraps

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.debug import sensitive_variables

from .. import keys
from . import captcha, channels, conversation, identification, ratelimit, submit
from .fields import new_token

logger = logging.getLogger(__name__)


def intake_response(view):
    """No-store on every intake response, and nothing a person sent in an error report: these
    views receive what is sealed, so Django's error mail (ADMINS) shows neither the POST (as
    sensitive_post_parameters would, which cannot wrap a page's method) nor the local
    variables of this view or anything it calls (sensitive_variables)."""
    view = sensitive_variables()(view)

    @wraps(view)
    def wrapped(page, request, *args, **kwargs):
        request.sensitive_post_parameters = "__ALL__"
        response = view(page, request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped


def captcha_csp(view):
    """The form views, and only they, may load the captcha's script and frame: django-csp's
    csp_update, applied when the captcha is on."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if captcha.enabled():
            return csp_update(captcha.csp_directives())(view)(*args, **kwargs)
        return view(*args, **kwargs)

    return wrapped


def render(page, request, template, context=None, status=200):
    full = page.get_context(request)
    full.update(context or {})
    response = TemplateResponse(request, template, full, status=status)
    return response.render()


def unavailable(page, request):
    """No key to seal with: store nothing, and give the phone numbers instead."""
    return render(page, request, "referrals/unavailable.html", status=503)


def _form_page(page, request, form, status=200, **extra):
    context = {
        "form": form,
        "files_dropped": bool(request.FILES) and form.is_bound and bool(form.errors),
        **extra,
    }
    return render(page, request, page.template, context, status=status)


@intake_response
@captcha_csp
def intake_form(page, request):
    # The key is read once, here: no key, no form (and nothing stored).
    try:
        pub = keys.public_key()
    except keys.KeyUnavailable:
        return unavailable(page, request)
    form_class = page.form_class
    if request.method in ("GET", "HEAD"):
        return _form_page(page, request, form_class(initial={"token": new_token()}))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

    handover, tampered = None, False
    if form_class.accepts_handover and identification.posted(request.POST):
        handover, tampered = identification.read(page, request.POST)
        if identification.only_handover(request.POST, form_class):
            return _handed_over(page, request, form_class, handover, tampered)
    form = form_class(request.POST, request.FILES, handover=handover)
    valid = form.is_valid()
    if tampered:
        # Hidden indicators that do not read are dropped, and said so: nothing is stored
        # until the professional sends the form again, without them.
        form.add_error(None, identification.TAMPERED)
        valid = False
    if not valid:
        return _form_page(page, request, form, status=400 if tampered else 200)
    refusal = None
    if ratelimit.submissions(request).over():
        refusal = "client"
    elif not ratelimit.intake_bytes().take(submit.upload_size(form)):
        refusal = "busy"
    if refusal:
        # A second POST of a form already stored (a reload of the receipt) still gets its
        # receipt; anything else waits, with everything typed still in the form.
        receipt = submit.find_duplicate(form.cleaned_data["token"])
        if receipt is None:
            return _form_page(page, request, form, status=429, rate_limited=refusal)
    else:
        # A double submit is found by the unique token hash when it is stored, so the usual
        # case costs no extra lookup.
        receipt = submit.submit(
            form,
            pub,
            language=get_language(),
            captcha_token=form.cleaned_data.get("captcha"),
            checked_duplicate=True,
        )
    # The route comes from the form just sent, not from the stored row: the public tier may
    # read only the receipt's columns back (operations/database_roles.py).
    context = {
        "receipt": receipt,
        "answer_days": conversation.answer_days(),
        "route": form.route(),
    }
    return render(page, request, form_class.receipt_template, context)


def _handed_over(page, request, form_class, handover, tampered):
    """The form started by the check's "Refer to the Centre": not a submission, so no error
    message but one for a hand-over that did not read."""
    initial = {"token": new_token()}
    if handover is not None:
        initial.update(identification.initial(handover))
    form = form_class(initial=initial, handover=handover)
    if tampered:
        return _form_page(
            page, request, form, status=400, handover_tampered=identification.TAMPERED
        )
    return _form_page(page, request, form)


@intake_response
def follow_up(page, request):
    try:
        pub = keys.public_key()
    except keys.KeyUnavailable:
        return unavailable(page, request)
    # The professional form's follow-up speaks formally, as its form and receipt do.
    channel = channels.follow_up(page.channel)
    if request.method in ("GET", "HEAD"):
        return render(page, request, channel.template, {"lookup": channel.lookup_form()})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

    action = request.POST.get("action")
    form, lookup = _followup_forms(request, action, channel)
    if not lookup.is_valid():
        return render(page, request, channel.template, {"lookup": lookup})

    reference = lookup.cleaned_data["reference"]
    limits = [ratelimit.followup_attempts(request), ratelimit.followup_reference(reference)]
    if any(limit.exceeded() for limit in limits):
        lookup.add_error(None, lookup.too_many_tries)
        context = {"lookup": lookup, "rate_limited": True}
        return render(page, request, channel.template, context, 429)
    secret = lookup.cleaned_data["secret"]
    referral = submit.check_receipt(reference, secret)
    if referral is None:
        for limit in limits:
            limit.hit()
        lookup.add_error(None, lookup.wrong_codes)
        return render(page, request, channel.template, {"lookup": lookup})

    status = {"referral": referral, "secret": secret}
    if action == "delete":
        status["deleted"] = conversation.delete(referral, secret, request.POST.get("message"))
    elif action == "add" and form.is_valid():
        refusal = _followup_refusal(request, referral, form)
        if refusal:
            # Nothing is stored; what the person wrote stays in the form, with the phone.
            return _status_page(page, request, channel, dict(status, form=form, refusal=refusal))
        submit.add_followup(referral, form, pub)
        ratelimit.followup_adds(request).hit()
        status["added"] = True
    if form is None or status.get("added"):
        form = channel.add_form(
            initial={"token": new_token(), "reference": referral.reference, "secret": secret}
        )
    return _status_page(page, request, channel, dict(status, form=form))


def _status_page(page, request, channel, context):
    """The follow-up page of a referral whose receipt was just checked: its status, the
    Centre's messages opened with the secret (for this request only) and the form to add."""
    referral, secret = context["referral"], context.pop("secret")
    context.update(
        replies=conversation.read(referral, secret),
        can_receive=conversation.can_receive(referral),
        answer_days=conversation.answer_days(),
    )
    return render(
        page, request, channel.status_template, context, 429 if "refusal" in context else 200
    )


def _followup_forms(request, action, channel):
    """(the form adding information or None, the reference-and-secret form) of a POST: adding
    and deleting a message send the reference and secret again, as hidden fields."""
    if action not in ("add", "delete"):
        return None, channel.lookup_form(request.POST)
    lookup = channel.lookup_form(
        {
            "reference": request.POST.get("reference", ""),
            "secret": request.POST.get("secret", ""),
        }
    )
    if action == "delete":
        return None, lookup
    return channel.add_form(request.POST, request.FILES), lookup


def _followup_refusal(request, referral, form):
    """Why this follow-up may not be stored now ("full", "client", "busy"), or None. One
    receipt must not become an unlimited upload channel: a referral takes a bounded number and
    size of follow-ups, every stored one counts against the client, and all intake together
    has an hourly byte budget."""
    if submit.followup_stored(form.cleaned_data["token"]):
        return None  # the same form sent twice: answered as the first time, nothing added
    count, size = submit.followups_received(referral)
    incoming = submit.upload_size(form)
    if (
        count >= settings.INTAKE_FOLLOWUPS_PER_REFERRAL
        or size + incoming > settings.INTAKE_FOLLOWUP_BYTES_PER_REFERRAL
    ):
        return "full"
    if ratelimit.followup_adds(request).exceeded():
        return "client"
    if not ratelimit.intake_bytes().take(incoming):
        return "busy"
    return None


def csrf_failure(request, reason=""):
    """The form came back without its security cookie (blocked cookies, or a page left open
    for days): say so plainly, and give the phone numbers."""
    response = TemplateResponse(request, "referrals/csrf_failure.html", status=403)
    add_never_cache_headers(response)
    return response
