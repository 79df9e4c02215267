"""Attachments: held in memory, checked by content, never written to disk unsealed.

Django spools uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file on disk, and
CsrfViewMiddleware reads request.POST before any view could swap the handlers. So the handler
below is first in FILE_UPLOAD_HANDLERS: on every path outside the admin it takes each uploaded
file into memory, stops keeping bytes past the limits (the form then says which file was too
large, the text answers are still parsed) and stops Django's other handlers from seeing it.
The intake seals the bytes before anything is stored (referrals/sealing.py).
"""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.utils.translation import gettext_lazy as _

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024
# Memory one request may hold in files: every allowed file at full size, plus one byte each
# to tell "exactly 10 MB" from "more".
MAX_REQUEST_FILE_BYTES = (MAX_FILES + 1) * (MAX_FILE_SIZE + 1)

# Content types by their first bytes; what the name or the browser says is ignored.
SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
]
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
HELP = _("PDF, JPEG or PNG; up to 5 files of 10 MB each.")


def sniff(head):
    """(content type, extension) from the first bytes, or None."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


class OversizedFile(InMemoryUploadedFile):
    """Stands for a file whose bytes were dropped because it was over the limit."""

    oversized = True


class IntakeMemoryUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        path = self.request.path_info if self.request is not None else ""
        self.activated = not any(
            path.startswith(prefix) for prefix in settings.INTAKE_UPLOAD_EXEMPT_PREFIXES
        )
        self.kept = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.activated:
            self.buffer = BytesIO()
            self.size = 0
            self.dropped = False
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if not self.activated:
            return raw_data
        self.size += len(raw_data)
        room = min(MAX_FILE_SIZE + 1 - self.buffer.tell(), MAX_REQUEST_FILE_BYTES - self.kept)
        if room >= len(raw_data) and not self.dropped:
            self.buffer.write(raw_data)
            self.kept += len(raw_data)
        else:
            # Too large: keep nothing of it (free what was kept), but read on to the end.
            self.kept -= self.buffer.tell()
            self.buffer = BytesIO()
            self.dropped = True
        return None

    def file_complete(self, file_size):
        if not self.activated:
            return None
        cls = OversizedFile if self.dropped else InMemoryUploadedFile
        self.buffer.seek(0)
        return cls(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
