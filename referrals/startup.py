"""What the development server says once when it starts: which safety features are off."""

import os
import sys

from django.conf import settings

from .intake import captcha


def messages():
    out = []
    if not captcha.enabled():
        reason = (
            "RECAPTCHA_DISABLED is set"
            if settings.RECAPTCHA_DISABLED
            else "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY are not set"
        )
        out.append(f"Intake: the captcha on the forms is off ({reason}).")
    if not settings.TRIAGE_PUBLIC_KEY_FILE:
        out.append(
            "Intake: no triage public key (TRIAGE_PUBLIC_KEY_FILE): the forms answer 503 with "
            "the phone numbers and store nothing."
        )
    return out


def serving_process():
    """True in the process that serves requests under runserver (the autoreloader's child,
    or the only process with --noreload): so the console says it once, not per command."""
    if os.environ.get("RUN_MAIN") == "true":
        return True
    return "runserver" in sys.argv and "--noreload" in sys.argv


def announce():
    if serving_process():
        for message in messages():
            sys.stderr.write(message + "\n")
