"""The building blocks of the intake forms: the one-time token, the yes/no/unknown answers, the
attachments field (files checked by their first bytes, held in memory, sealed by the intake) and
short constructors for the kinds of question the forms ask."""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import uploads

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}\Z")
TEXT_MAX = 20_000
LINE_MAX = 200

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO_UNKNOWN = [(YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("I don't know"))]
# The ways a person may say it is safe to contact them; a contact attempt names its channel
# with the same codes, so it can be checked against them (referrals/triage/contact.py).
SAFE_CHANNELS = [
    ("call", _("Phone call")),
    ("sms", _("Text message")),
    ("messaging", _("Messaging app (Viber, WhatsApp, Signal)")),
    ("email", _("E-mail")),
]


def new_token():
    """The one-time token of one rendering of a form (idempotency: referrals/intake/submit.py)."""
    return secrets.token_urlsafe(32)


TOO_MANY_FILES = _("You can attach at most %(max)d files. Remove %(extra)d and send again.")
TOO_MANY_FILES_FORMAL = _(
    "A referral takes at most %(max)d files. Remove %(extra)d and send again."
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five PDF, JPEG or PNG files of 10 MB, recognised by their first bytes. Cleans to a
    list of {"name", "content_type", "data"}: the bytes in memory, sealed by the intake."""

    widget = MultipleFileInput

    def __init__(self, *, formal=False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", uploads.HELP)
        super().__init__(**kwargs)
        # Professionals are addressed formally ("ви"), a person reporting informally ("ти").
        self.too_many_message = TOO_MANY_FILES_FORMAL if formal else TOO_MANY_FILES
        self.widget.attrs.update({"accept": uploads.ACCEPT, "multiple": True})

    def to_python(self, data):
        return data

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f is not None and getattr(f, "name", None)]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > uploads.MAX_FILES:
            raise ValidationError(
                self.too_many_message,
                params={"max": uploads.MAX_FILES, "extra": len(files) - uploads.MAX_FILES},
                code="too_many",
            )
        errors, cleaned = [], []
        for upload in files:
            name = display_name(upload.name)
            if getattr(upload, "oversized", False) or upload.size > uploads.MAX_FILE_SIZE:
                errors.append(
                    ValidationError(
                        _("“%(name)s” is larger than 10 MB."), params={"name": name}, code="size"
                    )
                )
                continue
            data = upload.read()
            if not data:
                errors.append(
                    ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
                )
                continue
            kind = uploads.sniff(data[:16])
            if kind is None:
                errors.append(
                    ValidationError(
                        _("“%(name)s” is not a PDF, JPEG or PNG file."),
                        params={"name": name},
                        code="type",
                    )
                )
                continue
            cleaned.append({"name": name, "content_type": kind[0], "data": data})
        if errors:
            raise ValidationError(errors)
        return cleaned


def display_name(name):
    """The file's own name without any folder, kept short; it is sealed, never stored plain."""
    name = re.split(r"[\\/]", str(name))[-1].replace("\x00", "").strip()
    return name[:200] or "file"


def radios(choices, **kwargs):
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


def checkboxes(choices, **kwargs):
    kwargs.setdefault("required", False)
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs)


def line(label, **kwargs):
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, max_length=LINE_MAX, **kwargs)


def text(label, **kwargs):
    return forms.CharField(
        label=label, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}), **kwargs
    )
