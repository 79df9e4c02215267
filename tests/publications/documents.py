"""The seed plans and reports as the Centre's real files: Word documents written with
python-docx and PDFs printed by Chromium (LibreOffice is not installed here), each with page
breaks, a running header and page numbers in the footer, so the admin import reads them as it
would read the originals. The Word action plan keeps its body in a table; the PDF one is printed
landscape in a small type, as the original table was, without the table: pypdf reads a printed
two-column table's wrapped cells out of order."""

import io
from html import escape

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
HEADER = "Центар за заштиту жртава трговине људима"
LINES_PER_PAGE = 45
TABLE_FROM = 12  # the action plan's first lines are its title page, the rest is the table


def _page_number_field(paragraph):
    run = paragraph.add_run()
    for tag, text in (("w:fldChar", "begin"), ("w:instrText", "PAGE"), ("w:fldChar", "end")):
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), text)
        else:
            element.text = text
        run._r.append(element)


def make_docx(text: str, *, table: bool = False) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    _page_number_field(section.footer.paragraphs[0])
    lines = text.splitlines()
    body, rows = (lines[:TABLE_FROM], lines[TABLE_FROM:]) if table else (lines, [])
    for number, line in enumerate(body, start=1):
        paragraph = document.add_paragraph(line)
        if number % LINES_PER_PAGE == 0:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    if rows:
        # Two cells a row, read back row by row: the order of the flattened seed.
        grid = document.add_table(rows=0, cols=2)
        for left in range(0, len(rows), 2):
            cells = grid.add_row().cells
            cells[0].text = rows[left]
            cells[1].text = rows[left + 1] if left + 1 < len(rows) else ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html(text: str, wide: bool) -> str:
    parts = [f"<p>{escape(line) or '&nbsp;'}</p>" for line in text.splitlines()]
    size = "6.5pt" if wide else "11pt"
    style = f"body{{font:{size} 'DejaVu Sans'}} p{{margin:0 0 2pt}} td{{vertical-align:top}}"
    return f"<!doctype html><meta charset=utf-8><style>{style}</style>{''.join(parts)}"


def print_pdf(page, text: str, *, wide: bool = False) -> bytes:
    """``text`` printed to a PDF by a Playwright page; a wide one landscape."""
    header = f"<div style='font-size:8px;width:100%;text-align:center'>{escape(HEADER)}</div>"
    footer = (
        "<div style='font-size:8px;width:100%;text-align:center'>"
        "<span class=pageNumber></span></div>"
    )
    page.set_content(_html(text, wide))
    return page.pdf(
        format="A4",
        landscape=wide,
        display_header_footer=True,
        header_template=header,
        footer_template=footer,
        margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
    )


def make_pdfs(texts: dict[str, tuple[str, bool]]) -> dict[str, bytes]:
    """{name: (text, wide)} printed to PDFs in one browser session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        pdfs = {name: print_pdf(page, text, wide=wide) for name, (text, wide) in texts.items()}
        browser.close()
    return pdfs
