"""reCAPTCHA v2 on the intake forms, degrading safely.

On only when both keys are set and RECAPTCHA_DISABLED is not. It never turns a referral away:
a missing or rejected token, or a provider that cannot be reached or does not answer in time,
only stores the referral with captcha_verified=False for triage to weigh (a person in danger
must not depend on a third party's uptime, nor on JavaScript, which the widget needs). The
honeypot and the rate limit are what refuse bots.
"""

import http.client
import logging

from django.conf import settings
from django.utils.translation import get_language
from django_recaptcha import client
from django_recaptcha.widgets import ReCaptchaV2Checkbox

logger = logging.getLogger(__name__)

RESPONSE_FIELD = ReCaptchaV2Checkbox.recaptcha_response_name


def csp_directives():
    """What the form pages' CSP adds when the captcha is on: the provider's script and frame
    hosts, nothing else (the provider's own CSP guidance)."""
    domain = settings.RECAPTCHA_DOMAIN
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    }


def enabled():
    return bool(
        settings.RECAPTCHA_PUBLIC_KEY
        and settings.RECAPTCHA_PRIVATE_KEY
        and not settings.RECAPTCHA_DISABLED
    )


class Widget(ReCaptchaV2Checkbox):
    """The checkbox with our template: the provider's script by URL, no inline script, no
    callback (the form is submitted by its own button, with or without the widget)."""

    template_name = "referrals/widgets/recaptcha.html"
    # The provider's language codes; Serbian Latin has none, the provider then follows the
    # browser's language.
    LANGUAGES = {"sr": "sr", "en": "en"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs["data-sitekey"] = settings.RECAPTCHA_PUBLIC_KEY

    def get_context(self, name, value, attrs):
        language = self.LANGUAGES.get(get_language())
        self.api_params = {"hl": language} if language else {}
        return super().get_context(name, value, attrs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


def verify(token):
    """True when the provider confirms the token; False for anything else, never an error."""
    if not token or not isinstance(token, str) or len(token) > 4096:
        return False
    try:
        # No remote IP is sent: the provider learns nothing from us it was not already told.
        answer = client.submit(
            recaptcha_response=token, private_key=settings.RECAPTCHA_PRIVATE_KEY, remoteip=""
        )
    # OSError covers refused, reset, DNS, TLS and time-outs (URLError is one); ValueError a
    # body that is not JSON; HTTPException a connection cut mid-answer.
    except (OSError, ValueError, KeyError, http.client.HTTPException) as error:
        logger.warning("captcha provider unreachable or unreadable: %s", type(error).__name__)
        return False
    if not answer.is_valid:
        logger.info("captcha not verified: %s", ",".join(map(str, answer.error_codes))[:100])
    return bool(answer.is_valid)
