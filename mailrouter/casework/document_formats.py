"""The report document in the formats the CLI and #export/#history give: md, html, pdf.

One model (casework/report_document.py), three renderings: Markdown and HTML from the
templates (HTML escaped by the composer's autoescape), PDF with fpdf2.
"""

from mailrouter.casework.document_pdf import document_pdf
from mailrouter.casework.report_document import NONE_RECORDED

FORMATS = {"md": ("text", "markdown"), "html": ("text", "html"), "pdf": ("application", "pdf")}


def render_document(doc, fmt, composer):
    """The bytes of `doc` in `fmt` (one of FORMATS)."""
    if fmt == "pdf":
        return document_pdf(doc, composer.config.committee_name, NONE_RECORDED)
    return composer.render(f"report_document.{fmt}.j2", doc=doc, none_recorded=NONE_RECORDED).encode("utf-8")


def file_name(doc, fmt):
    return f"{doc.code.replace(' ', '-')}.{fmt}"
