"""The import's two forms: the upload, and the confirmation that carries the staged file's
token from the preview to "Create draft"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..importer.parse import KINDS
from ..models import Kind, PublicationIndexPage
from .extract import MAX_UPLOAD


def archives_for(user):
    """The Cyrillic archives (the source language) under which ``user`` may add a page."""
    archives = PublicationIndexPage.objects.filter(locale__language_code="sr").order_by("path")
    return [page for page in archives if page.permissions_for_user(user).can_add_subpage()]


class ArchiveField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ImportChoicesForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        # The kinds the parser reads: the chosen one is the one the file is read as.
        choices=[("", _("As detected"))] + [(k, label) for k, label in Kind.choices if k in KINDS],
        help_text=_("Leave it as detected unless the preview shows the wrong kind."),
    )
    archive = ArchiveField(label=_("Archive"), queryset=PublicationIndexPage.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        archives = archives_for(user)
        field = self.fields["archive"]
        field.queryset = PublicationIndexPage.objects.filter(pk__in=[a.pk for a in archives])
        if len(archives) == 1:
            field.initial = archives[0].pk
            field.empty_label = None


class UploadForm(ImportChoicesForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, a Word (.docx) or a plain text file of up to 20 MB."),
    )
    field_order = ["file", "kind", "archive"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            # Refused before a byte is read: the extraction repeats the check on the content.
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload


class ConfirmForm(ImportChoicesForm):
    token = forms.CharField(widget=forms.HiddenInput)
    keep_manual_changes_warning = forms.BooleanField(
        label=_("I understand that the changes made by hand since the last import are replaced."),
        required=False,
    )
