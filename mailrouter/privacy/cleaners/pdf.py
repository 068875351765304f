"""Clean copies of PDFs with pikepdf: no document info, XMP, author names or embedded files.

The result is a full rewrite, so earlier revisions that an incremental save left in the
file (an old /Info with the reporter's name) are gone, and a fresh /ID replaces the one
that would link the copy to the reporter's original file. Page content (the text one
sees) cannot be edited safely, so it is read instead: when the text drawn on a page names
the reporter (their name or address in the page's own strings), the PDF is withheld and
its original kept sealed, for a chair to release. Text drawn with a font's private
encoding cannot be read this way: an honest limit, in the README.
"""

import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

from mailrouter.privacy.cleaners import Uncleanable, Unreadable
from mailrouter.privacy.cleaners.images import strip_jpeg
from mailrouter.privacy.cleaners.pdf_forms import clean_form
from mailrouter.privacy.cleaners.pdf_notes import NOTE_KEYS, Notes

# Keys that carry metadata or attached files on any object (page, XObject, catalog...).
DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/AF", "/LastModified")
EMBEDDED_FILES_REMOVED = "embedded files were removed"
PAGES_NAME_THE_REPORTER = "its pages name the reporter, which cannot be removed from a PDF"
MAX_PAGE_TEXT = 4 * 1024 * 1024          # bytes of decoded page content read (T4)


def clean_pdf(data, scrub_text):
    """(clean bytes, changed, note) for a PDF; raises Unreadable if it cannot be parsed."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        raise Unreadable() from None
    with pdf:
        changed = _drop_document_info(pdf)
        notes = Notes(pdf, scrub_text)
        changed |= _sweep_objects(pdf, scrub_text, notes)
        had_files = _drop_embedded_files(pdf)
        changed |= _clean_annotations(pdf, notes) | had_files
        changed |= clean_form(pdf, scrub_text)
        if _pages_name_the_reporter(pdf, scrub_text):
            raise Uncleanable(PAGES_NAME_THE_REPORTER)
        out = io.BytesIO()
        # fix_metadata_version=False: pikepdf must not write a new XMP packet.
        pdf.save(out, fix_metadata_version=False, encryption=False, deterministic_id=True)
    return out.getvalue(), changed, EMBEDDED_FILES_REMOVED if had_files else ""


def _drop_document_info(pdf):
    changed = False
    for key in ("/Info", "/ID"):
        if key in pdf.trailer:
            del pdf.trailer[key]
            changed = True
    return changed


def _sweep_objects(pdf, scrub_text, notes):
    """Delete metadata keys everywhere, clean every annotation (also those no page lists, as
    in a damaged page tree), and strip EXIF/XMP segments inside JPEG images."""
    changed = False
    for obj in pdf.objects:
        if not isinstance(obj, (Dictionary, Stream)):
            continue
        for key in DROPPED_KEYS:
            if key in obj:
                del obj[key]
                changed = True
        if isinstance(obj, Stream) and _is_plain_jpeg(obj):
            changed |= _strip_jpeg_stream(obj)
        elif obj.get("/Type") == Name.Annot:
            changed |= _clean_annotation(obj, notes)
        elif "/Title" in obj and ("/Parent" in obj or "/Dest" in obj or "/A" in obj):
            changed |= _scrub_strings(obj, ("/Title",), scrub_text)       # a bookmark
    return changed


def _pages_name_the_reporter(pdf, scrub_text):
    """Does the text drawn on any page carry the reporter's identity?"""
    budget = MAX_PAGE_TEXT
    for page in pdf.pages:
        try:
            contents = page.obj.get("/Contents")
            streams = list(contents) if isinstance(contents, Array) else [contents] if contents is not None else []
            for stream in streams:
                data = stream.read_bytes()[:budget]
                budget -= len(data)
                text = _drawn_strings(data)
                if text and scrub_text(text) != text:
                    return True
                if budget <= 0:
                    return False
        except Exception:       # an unreadable content stream: the copy is withheld by the caller's rule
            raise Unreadable() from None
    return False


def _drawn_strings(content):
    """The literal strings a content stream draws (`(Kenji Watanabe) Tj`), joined by lines."""
    return "\n".join(m.decode("latin-1") for m in re.findall(rb"\(((?:[^()\\]|\\.){1,2000})\)", content))


def _is_plain_jpeg(stream):
    filters = stream.get("/Filter")
    if isinstance(filters, Array) and len(filters) == 1:
        filters = filters[0]
    return stream.get("/Subtype") == Name.Image and filters == Name.DCTDecode


def _strip_jpeg_stream(stream):
    """A photo placed in a PDF keeps its EXIF (GPS, camera owner) inside the image stream."""
    raw = stream.read_raw_bytes()
    clean = strip_jpeg(raw)               # PDF viewers ignore EXIF orientation: none kept
    if clean == raw:
        return False
    stream.write(clean, filter=Name.DCTDecode, decode_parms=stream.get("/DecodeParms"))
    return True


def _drop_embedded_files(pdf):
    changed = False
    names = pdf.Root.get("/Names")
    if isinstance(names, Dictionary) and "/EmbeddedFiles" in names:
        del names["/EmbeddedFiles"]
        changed = True
    if "/Collection" in pdf.Root:             # a portfolio: the document is its files
        del pdf.Root["/Collection"]
        changed = True
    return changed


def _clean_annotations(pdf, scrub_text):
    """Blank the author (/T) of every annotation, scrub its text, drop file attachments."""
    changed = False
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array):
            continue
        kept = [annot for annot in annots if not _is_file_attachment(annot)]
        if len(kept) != len(annots):
            page.obj["/Annots"] = Array(kept)
            changed = True
        for annot in kept:
            if isinstance(annot, Dictionary):
                changed |= _clean_annotation(annot, scrub_text)
    return changed


def _is_file_attachment(annot):
    return isinstance(annot, Dictionary) and annot.get("/Subtype") == Name.FileAttachment


def _clean_annotation(annot, notes):
    """Blank the author (/T, except on form widgets, where it names the field); clean the text
    (`notes`), and drop the drawn appearance of a note whose text changed: it shows the old."""
    changed = False
    if "/T" in annot and str(annot.T) != "" and annot.get("/Subtype") != Name.Widget:
        annot.T = String("")
        changed = True
    if _scrub_strings(annot, NOTE_KEYS, notes):
        if "/AP" in annot:
            del annot["/AP"]
        return True
    return changed


def _scrub_strings(obj, keys, scrub_text):
    changed = False
    for key in keys:
        value = obj.get(key)
        if isinstance(value, String):
            scrubbed = scrub_text(str(value))
            if scrubbed != str(value):
                obj[key] = String(scrubbed)
                changed = True
    return changed
