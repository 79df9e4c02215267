"""The text of an uploaded plan or report, from a PDF (pypdf), a Word file (python-docx) or plain
text. The type is told by the file's first bytes, never by its name or the browser's word, and
every way a file can be unusable ends in an ExtractError with a message for the editor.

pypdf is pure Python and well kept (no system library to install or patch on the servers) and
reads the text layer, which is all the parser needs; python-docx reads the body of a .docx,
tables included, in document order. Headers and footers live outside the body of a .docx and
are not read; in a PDF they are part of each page's text, so lines repeated on most pages and
bare page numbers are dropped."""

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass

import docx
import pypdf
from django.utils.translation import gettext as _
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf.errors import PdfReadError

from .pdftext import pages_text

MAX_UPLOAD = 20 * 1024 * 1024  # the documents' own limit (WAGTAILDOCS_MAX_UPLOAD_SIZE)
# A .docx of the Centre's is well under this once unpacked; a ZIP bomb is far over it.
MAX_UNPACKED = 60 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
# Reading takes about a fifth of a second a page here (more on a busy server): the Centre's plans
# have tens of pages, and this bounds how long an upload keeps a worker busy.
MAX_PAGES = 300
MIN_TEXT = 200  # fewer characters than a title and a paragraph: no text layer to speak of

PDF, DOCX, TEXT = "pdf", "docx", "txt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    TEXT: "text/plain",
}
# A number alone on a line after an unfinished one is the end of a wrapped sentence ("... најмање
# 210"): the parser reads a bare number as a page number, so it is joined back.
_BARE_NUMBER_WRAPPED = re.compile(r"(?<=[^.:;!?\n])\n(\d{1,6}(?:[.,]\d+)?\s?%?)(?=\n|$)")
# Chromium and Word print "fi", "fl"... as one glyph, read back as a ligature character that no
# pattern of the parser's matches ("identiﬁkacije").
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
EDGE = 2  # lines at the top and at the bottom of a page where headers and footers sit
_PAGE_NUMBER = re.compile(r"^\s*-?\s*(\d{1,4})\s*(?:-|/\s*\d{1,4})?\s*$")


class ExtractError(ValueError):
    """The file cannot be imported; the message says why, in the editor's language."""


@dataclass
class Extracted:
    file_type: str  # PDF, DOCX or TEXT
    text: str
    pages: int = 0

    @property
    def content_type(self):
        return CONTENT_TYPES[self.file_type]


def sniff(data: bytes) -> str:
    """The file's type from its content."""
    if not data:
        raise ExtractError(_("The file is empty."))
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return DOCX
    if b"\x00" not in data[:8192]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return TEXT
    raise ExtractError(_("This is not a PDF, a Word (.docx) or a plain text file."))


def extract(data: bytes) -> Extracted:
    if len(data) > MAX_UPLOAD:
        raise ExtractError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD // (1024 * 1024)}
        )
    kind = sniff(data)
    if kind == PDF:
        result = _pdf(data)
    elif kind == DOCX:
        result = Extracted(DOCX, _docx(data))
    else:
        result = Extracted(TEXT, data.decode("utf-8").lstrip("\ufeff"))
    if len(result.text.strip()) < MIN_TEXT:
        if kind == PDF:
            raise ExtractError(
                _(
                    "The PDF has no text to read: it is probably a scan. Import the PDF the "
                    "document was saved as, or its Word file."
                )
            )
        raise ExtractError(_("The file has too little text to be a plan or a report."))
    return result


def _pdf(data: bytes) -> Extracted:
    corrupt = _("The PDF is damaged and cannot be read.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractError(_("The PDF is protected by a password. Import an unprotected copy."))
        if len(reader.pages) > MAX_PAGES:
            raise ExtractError(
                _("The PDF has more than %(pages)d pages: import the plan or report alone.")
                % {"pages": MAX_PAGES}
            )
        pages = pages_text(reader.pages)
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        if "encrypt" in str(error).lower() or "password" in str(error).lower():
            raise ExtractError(
                _("The PDF is protected by a password. Import an unprotected copy.")
            ) from error
        raise ExtractError(corrupt) from error
    text = "\n".join(_without_running_lines(pages)).translate(_LIGATURES)
    return Extracted(PDF, _BARE_NUMBER_WRAPPED.sub(r" \1", text), len(pages))


def _without_running_lines(pages: list[str]) -> list[str]:
    """Each page's text without its running header and footer: a line at the very top or bottom
    of at least half the pages (of three or more), or a bare page number there."""
    split = [page.splitlines() for page in pages]
    seen = Counter(line.strip() for lines in split for line in set(_edges(lines)) if line.strip())
    running = set()
    if len(pages) >= 3:
        running = {line for line, n in seen.items() if n * 2 >= len(pages)}
    kept = []
    for page_number, lines in enumerate(split, start=1):
        edges = set(range(EDGE)) | set(range(len(lines) - EDGE, len(lines)))
        kept.append(
            "\n".join(
                line
                for number, line in enumerate(lines)
                if number not in edges
                or (line.strip() not in running and not _is_page_number(line, page_number))
            )
        )
    return kept


def _is_page_number(line: str, page_number: int) -> bool:
    # Only the page's own number: a target such as "210" may end a page too.
    match = _PAGE_NUMBER.match(line)
    return match is not None and int(match.group(1)) == page_number


def _edges(lines: list[str]) -> list[str]:
    return lines[:EDGE] + lines[-EDGE:]


def _check_zip(data: bytes) -> None:
    """Refuses a ZIP bomb before anything is unpacked: the sizes the archive declares are
    checked, and zipfile stops (CRC error) at the declared size of a member that lies."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as error:
        raise ExtractError(_("The Word file is damaged and cannot be read.")) from error
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise ExtractError(
            _("The Word file unpacks to far more than a document holds; it is not imported.")
        )
    if "word/document.xml" not in names:
        raise ExtractError(_("This is not a PDF, a Word (.docx) or a plain text file."))


def _docx(data: bytes) -> str:
    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines += _table_lines(block)
    except ExtractError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a broken file
        raise ExtractError(_("The Word file is damaged and cannot be read.")) from error
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    # Row by row, cell by cell: the flattened order the parser knows from the PDF extractions.
    lines = []
    for row in table.rows:
        for cell in row.cells:
            lines += [paragraph.text for paragraph in cell.paragraphs]
    return lines


def pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF, read from its page tree alone (no text); 0 for any other
    file or one pypdf cannot open, which the full read then refuses with its message."""
    if not data.startswith(b"%PDF-"):
        return 0
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return 0
        return len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return 0
