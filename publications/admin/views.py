"""Publications → Import: upload a file and see the structure found (ImportView; a long PDF is
read in the background while ImportProgressView shows how far it is), then save it as a draft
page or as a new draft revision of the page it updates (CreateDraftView). Editors,
moderators and superusers only: whoever may add a page under a publications archive."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import ImportJob, Kind
from . import jobs, staging
from .drafts import save_draft
from .extract import Extracted, ExtractError
from .forms import ConfirmForm, UploadForm, archives_for
from .prepare import prepare, prepare_extracted


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not archives_for(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self):
        # Wagtail's header shows the breadcrumbs, which ended at "Home": the screen's name last.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "publications/admin/import.html"
    form_class = UploadForm
    header_icon = "doc-full"

    def get_page_title(self):
        return _("Import a plan or report")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        archive, kind = form.cleaned_data["archive"], form.cleaned_data["kind"]
        if jobs.in_background(data):
            job = jobs.start(data, upload.name, self.request.user, kind, archive)
            return redirect("publications_import_progress", job.pk)
        try:
            prepared = prepare(data, archive, kind)
        except ExtractError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return staged_preview(self, prepared, data, upload.name, kind, archive)


def staged_preview(view, prepared, data, file_name, kind, archive):
    """The preview, with the file (and the text read from it) kept for "Create draft"."""
    token = staging.stage(data, file_name, view.request.user, prepared.extracted)
    confirm = ConfirmForm(
        initial={"token": token, "kind": kind, "archive": archive.pk}, user=view.request.user
    )
    return render_preview(view, confirm, prepared, file_name, len(data))


class ImportProgressView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Where a file read in the background is: the page reloads itself every few seconds (a
    meta refresh, no script) and has a link to check at once; once the text is read it is the
    preview, and a failed read sends the editor back to the upload with its message."""

    template_name = "publications/admin/progress.html"
    header_icon = "doc-full"
    refresh_seconds = 3

    def get_page_title(self):
        return _("Import a plan or report")

    def get(self, request, pk):
        job = ImportJob.objects.filter(pk=pk, user=request.user).first()
        if job is None:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("publications_import")
        if job.status == ImportJob.Status.FAILED or jobs.stalled(job):
            job.delete()
            messages.error(request, job.error or stalled_message())
            return redirect("publications_import")
        if job.status != ImportJob.Status.READ:
            context = self.get_context_data(job=job, refresh_seconds=self.refresh_seconds)
            return self.render_to_response(context)
        data = bytes(job.data)
        extracted = Extracted(job.file_type, job.text, job.pages)
        try:
            prepared = prepare_extracted(extracted, job.archive, job.kind)
        except ExtractError as error:
            messages.error(request, str(error))
            return redirect("publications_import")
        finally:
            job.delete()  # the file is staged for "Create draft" (or not needed any more)
        return staged_preview(self, prepared, data, job.file_name, job.kind, job.archive)


def stalled_message():
    return _(
        "The file was not read in time: the reading service may be stopped. Upload it again, "
        "or import its Word file; if this happens again, tell the administrator."
    )


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
            data, filename, extracted = staging.load(token, user)
            kind = form.cleaned_data["kind"]
            if extracted is None:
                prepared = prepare(data, archive, kind)
            else:
                prepared = prepare_extracted(extracted, archive, kind)
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
