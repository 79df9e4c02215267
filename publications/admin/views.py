"""Publications → Import: upload a file and see the structure found (ImportView), then save it
as a draft page or as a new draft revision of the page it updates (CreateDraftView). Editors,
moderators and superusers only: whoever may add a page under a publications archive."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Kind
from . import staging
from .drafts import save_draft
from .extract import ExtractError
from .forms import ConfirmForm, UploadForm, archives_for
from .prepare import prepare


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not archives_for(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class ImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "publications/admin/import.html"
    form_class = UploadForm
    header_icon = "doc-full"

    def get_page_title(self):
        return _("Import a plan or report")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        archive = form.cleaned_data["archive"]
        try:
            prepared = prepare(data, archive, form.cleaned_data["kind"])
        except ExtractError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        token = staging.stage(data, upload.name, self.request.user)
        confirm = ConfirmForm(
            initial={"token": token, "kind": form.cleaned_data["kind"], "archive": archive.pk},
            user=self.request.user,
        )
        return render_preview(self, confirm, prepared, upload.name, len(data))


def render_preview(view, form, prepared, file_name, size):
    context = view.get_context_data(
        form=form,
        prepared=prepared,
        file_name=file_name,
        file_size=filesizeformat(size),
        kind_label=Kind(prepared.fields["kind"]).label,
        detected_label=Kind(prepared.detected_kind).label,
        create_url=reverse("publications_import_create"),
    )
    return view.response_class(
        request=view.request, template="publications/admin/preview.html", context=context
    )


class CreateDraftView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "publications/admin/preview.html"
    header_icon = "doc-full"
    form_class = ConfirmForm
    http_method_names = ["post"]

    def get_page_title(self):
        return _("Import a plan or report")

    def form_invalid(self, form):
        messages.error(self.request, _("The import could not be saved. Upload the file again."))
        return redirect("publications_import")

    def form_valid(self, form):
        user = self.request.user
        token, archive = form.cleaned_data["token"], form.cleaned_data["archive"]
        try:
            data, filename = staging.load(token, user)
            prepared = prepare(data, archive, form.cleaned_data["kind"])
        except ExtractError as error:
            messages.error(self.request, str(error))
            return redirect("publications_import")
        if (
            prepared.existing is not None
            and prepared.edited_by_hand
            and not form.cleaned_data["keep_manual_changes_warning"]
        ):
            form.add_error(
                "keep_manual_changes_warning",
                _(
                    "The page was changed by hand since its last import. Confirm that those "
                    "changes may be replaced, or copy them first."
                ),
            )
            return render_preview(self, form, prepared, filename, len(data))
        page = save_draft(prepared, archive, data, filename, user)
        staging.discard(token, user)
        if prepared.existing is None:
            messages.success(self.request, _("Draft created: %(title)s") % {"title": page.title})
        else:
            messages.success(
                self.request, _("New draft revision saved: %(title)s") % {"title": page.title}
            )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
