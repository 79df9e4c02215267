"""A long PDF is read in the background: the upload stores it as an ImportJob and enqueues
read_upload (django-tasks, backend "publications": a database queue with its worker,
cpvht-publications-worker.service); the editor's progress page (views.ImportProgressView)
shows where the read is and, once the text is read, the preview. A short file is read within
the request as before: the threshold is settings.PUBLICATIONS_IMPORT_BACKGROUND_PAGES."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ..models import ImportJob
from .extract import ExtractError, extract, pdf_pages
from .prepare import parsed
from .staging import MAX_AGE

logger = logging.getLogger(__name__)
# A read not done by then never will be (a 300-page PDF takes about a minute): the worker is
# stopped, or was killed in the middle of it. The editor is told instead of waiting for ever.
STALLED_AFTER = timedelta(minutes=15)


def in_background(data: bytes) -> bool:
    return pdf_pages(data) > settings.PUBLICATIONS_IMPORT_BACKGROUND_PAGES


def start(data: bytes, file_name: str, user, kind: str, archive) -> ImportJob:
    """Stores the file and enqueues its read; jobs abandoned for a day go first."""
    ImportJob.objects.filter(created_at__lt=timezone.now() - timedelta(seconds=MAX_AGE)).delete()
    job = ImportJob.objects.create(
        user=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        file_name=file_name[:120],
        data=data,
        kind=kind,
        archive=archive,
    )
    # Outside any transaction (the admin's requests are not atomic): the row is committed, so
    # the worker finds it as soon as it finds the task.
    read_upload.enqueue(str(job.pk))
    return job


def stalled(job: ImportJob) -> bool:
    unfinished = job.status in (ImportJob.Status.QUEUED, ImportJob.Status.READING)
    return unfinished and timezone.now() >= job.created_at + STALLED_AFTER


def _fail(job_id, message: str):
    # The file goes at once; the message stays until the editor's page shows it.
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, error=message, data=b""
    )


@task(backend="publications")
def read_upload(job_id: str):
    """Reads the job's file into text and checks that a plan or report is in it."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.READING
    )
    if not claimed:
        return "gone"  # deleted meanwhile, or read by another worker
    job = ImportJob.objects.get(pk=job_id)
    with translation.override(job.language):
        try:
            extracted = extract(bytes(job.data))
            parsed(extracted, job.kind)
        except ExtractError as error:
            _fail(job_id, str(error))
            return "failed"
        except Exception:
            _fail(job_id, _("The file could not be read. Try again, or import its Word file."))
            logger.exception("reading an uploaded publication failed")
            raise
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.READ,
        file_type=extracted.file_type,
        text=extracted.text,
        pages=extracted.pages,
    )
    return "read"
