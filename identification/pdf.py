"""A sector's indicator list as a PDF, for the Centre's trainers: the same data as the printable
page (templates/identification/indicator_set_page.html), laid out on A4 by fpdf2.

fpdf2 is pure Python and embeds a subset of a TrueType font, which Cyrillic needs (the PDF
core fonts have no Cyrillic). The font is DejaVu Sans from the system (Debian's
fonts-dejavu-core, docs/deploy.md), found through INDICATOR_PDF_FONTS; without it the page says
the PDF is unavailable instead of failing."""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF


class FontMissing(Exception):
    """The TrueType font the PDF needs is not installed."""


def _labels(indicator):
    weight = _("strong indicator") if indicator["weight"] == "strong" else _("general indicator")
    applies = {
        "children": _("children"),
        "adults": _("adults"),
    }.get(indicator["applies_to"], _("children and adults"))
    return f"{weight} · {applies}"


def _document():
    regular, bold = (Path(path) for path in settings.INDICATOR_PDF_FONTS)
    if not (regular.is_file() and bold.is_file()):
        raise FontMissing(str(regular))
    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("Sans", "", str(regular))
    pdf.add_font("Sans", "B", str(bold))
    return pdf


def _indicator(pdf, number, indicator):
    pdf.set_font("Sans", "B", 11)
    pdf.multi_cell(0, 6, f"{number}. {indicator['text']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 9)
    pdf.multi_cell(0, 5, _labels(indicator), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 10)
    pdf.multi_cell(0, 5, indicator["explanation"], new_x="LMARGIN", new_y="NEXT")
    if indicator.get("example"):
        text = f"{_('For example:')} {indicator['example']}"
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def indicator_set_pdf(page):
    """The PDF's bytes for an IndicatorSetPage, in the active language. FontMissing when the
    font is not installed."""
    pdf = _document()
    pdf.set_title(page.title)
    pdf.add_page()
    pdf.set_font("Sans", "B", 16)
    pdf.multi_cell(0, 8, page.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 10)
    if page.demo:
        notice = _("Demo list, to be replaced by the Centre's official list.")
        pdf.multi_cell(0, 5, notice, new_x="LMARGIN", new_y="NEXT")
    if page.intro:
        pdf.multi_cell(0, 5, page.intro, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    number = 0
    for group in page.groups:
        pdf.set_font("Sans", "B", 13)
        pdf.multi_cell(0, 7, group.value["title"], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        for indicator in group.value["indicators"]:
            number += 1
            _indicator(pdf, number, indicator)
    return bytes(pdf.output())
