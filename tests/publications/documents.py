"""The seed plans and reports as the Centre's real files: Word documents written with
python-docx and PDFs printed by Chromium (LibreOffice is not installed here), each with page
breaks, a running header and page numbers in the footer, so the admin import reads them as it
would read the originals. The action plan keeps its body in a two-column table in both, the PDF
printed landscape in a small type as the original was: its cells wrap over several lines and
share baselines, which is what the PDF import must read back cell by cell."""

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
        grid = document.add_table(rows=0, cols=2)
        for left, right in _pairs(rows):
            cells = grid.add_row().cells
            cells[0].text, cells[1].text = left, right
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pairs(rows: list[str]):
    """Two cells a row, read back row by row: the order of the flattened seed."""
    for left in range(0, len(rows), 2):
        yield rows[left], rows[left + 1] if left + 1 < len(rows) else ""


def _html(text: str, table: bool) -> str:
    lines = text.splitlines()
    body, rows = (lines[:TABLE_FROM], lines[TABLE_FROM:]) if table else (lines, [])
    parts = [f"<p>{escape(line) or '&nbsp;'}</p>" for line in body]
    if rows:
        cells = "".join(
            f"<tr><td>{escape(left)}</td><td>{escape(right)}</td></tr>"
            for left, right in _pairs(rows)
        )
        parts.append(f"<table>{cells}</table>")
    size = "6.5pt" if table else "11pt"
    style = f"body{{font:{size} 'DejaVu Sans'}} p{{margin:0 0 2pt}} td{{vertical-align:top}}"
    return f"<!doctype html><meta charset=utf-8><style>{style}</style>{''.join(parts)}"


def print_pdf(page, text: str, *, table: bool = False) -> bytes:
    """``text`` printed to a PDF by a Playwright page; with ``table``, landscape, its lines after
    the title page in a two-column table."""
    header = f"<div style='font-size:8px;width:100%;text-align:center'>{escape(HEADER)}</div>"
    footer = (
        "<div style='font-size:8px;width:100%;text-align:center'>"
        "<span class=pageNumber></span></div>"
    )
    page.set_content(_html(text, table))
    return page.pdf(
        format="A4",
        landscape=table,
        display_header_footer=True,
        header_template=header,
        footer_template=footer,
        margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
    )


def make_pdfs(texts: dict[str, tuple[str, bool]]) -> dict[str, bytes]:
    """{name: (text, table)} printed to PDFs in one browser session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        pdfs = {name: print_pdf(page, text, table=table) for name, (text, table) in texts.items()}
        browser.close()
    return pdfs
