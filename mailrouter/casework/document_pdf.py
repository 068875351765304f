"""The report document as PDF, with fpdf2 (pure Python; see README "Records" for why not
WeasyPrint).

Reports come in every language, so the text is set in a Unicode TrueType font: DejaVu Sans
(Debian's fonts-dejavu-core) with any CJK fallback font found on the host. Without one,
the PDF still comes out, in a core font, with characters it cannot show replaced by "?":
an export never fails for want of a font. Glyphs a font lacks (emoji) are left out by
fpdf2 with a warning, never an error.
"""

import logging
from pathlib import Path

from fpdf import FPDF

# fpdf2 warns once per glyph a font lacks (an emoji): noise in the admin's log, not a fault.
logging.getLogger("fpdf").setLevel(logging.ERROR)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"))
FALLBACKS = (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
             Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
             Path("/usr/share/fonts/truetype/arphic/uming.ttc"))


def _unicode_fonts(pdf, font_dirs):
    """Register DejaVu Sans (and CJK fallbacks); return the family, or None if not found."""
    regular = next((d / "DejaVuSans.ttf" for d in font_dirs if (d / "DejaVuSans.ttf").is_file()), None)
    if regular is None:
        return None
    bold = regular.with_name("DejaVuSans-Bold.ttf")
    pdf.add_font("dejavu", "", str(regular))
    pdf.add_font("dejavu", "B", str(bold if bold.is_file() else regular))
    fallbacks = []
    for number, path in enumerate(p for p in FALLBACKS if p.is_file() and p.suffix == ".ttf"):
        pdf.add_font(f"fallback{number}", "", str(path))
        fallbacks.append(f"fallback{number}")
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks)
    return "dejavu"


def document_pdf(doc, committee_name, none_recorded, font_dirs=FONT_DIRS):
    """The PDF bytes of `doc` (casework.report_document.ReportDocument); `font_dirs`: where
    to look for DejaVu Sans."""
    pdf = FPDF(format="A4")
    pdf.set_title(doc.title)
    pdf.set_creator("mailrouter")
    family = _unicode_fonts(pdf, font_dirs)
    text = (lambda s: s) if family else (lambda s: s.encode("latin-1", "replace").decode("latin-1"))
    family = family or "helvetica"
    pdf.add_page()

    def para(value, size=11, style="", gap=2):
        pdf.set_font(family, style, size)
        pdf.multi_cell(0, size * 0.5, text(value) or " ", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    para(doc.title, 18, "B", 4)
    for label, value in doc.facts:
        para(f"{label}: {value}", gap=0)
    for section in doc.sections:
        pdf.ln(4)
        para(section.heading, 14, "B")
        for label, value in section.facts:
            para(f"{label}: {value}")
        for entry in section.entries:
            para(f"{entry.at or 'undated'}, {entry.by}", 10, "B", 0)
            para(entry.text, 10, "", 3)
        if not section.entries:
            para(none_recorded)
    pdf.ln(6)
    para(f"{committee_name}: confidential, for committee members without a conflict of interest.", 9)
    return bytes(pdf.output())
