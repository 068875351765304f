"""Letterheads: the headers and footers of the reporter's own documents (cleaners/office.py).

A header or footer that names the reporter is their letterhead: its phone numbers are theirs
too, and go with the name. A Word document's header and footer parts, an OpenDocument's
styles (its master pages), a presentation's slide masters and layouts, a slide's footer
placeholders, and a spreadsheet's printed header and footer sections. The body of a document
is evidence: its numbers stay unless the scrubber knows them.
"""

import re

from lxml import etree

from mailrouter.privacy.cleaners.paths import without_own_numbers

LETTERHEAD_PARTS = re.compile(r"^(?:word/(?:header|footer)\d*\.xml|styles\.xml"
                              r"|ppt/(?:slideMasters|slideLayouts|notesMasters|handoutMasters)/[^/]+\.xml)$")
PRESENTATION = "http://schemas.openxmlformats.org/presentationml/2006/main"
FOOTER_PLACEHOLDERS = {"ftr", "hdr"}      # a slide's footer and a handout's header: `<p:ph type="ftr"/>`
SHEET_HEADERS = {"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"}
SHEET_HEADER_CODES = re.compile(r'(&(?:"[^"]*"|\d+|[A-Za-z&]))')     # &L &C &R &P &"Arial,Bold" &12


class Letterheads:
    """The letterheads of one XML part, read before it is cleaned, to be judged after."""

    def __init__(self, name, root):
        self.whole = bool(LETTERHEAD_PARTS.match(name))
        self.root = root
        self.footers = [] if self.whole else [(shape, _text(shape)) for shape in _footer_shapes(root)]

    def drop_numbers_if_named(self, changed):
        """Drop the phone numbers of each letterhead the cleaning changed (it named the reporter)."""
        if self.whole and changed:
            drop_phone_numbers(self.root)
        for shape, before in self.footers:
            if _text(shape) != before:
                drop_phone_numbers(shape)


def _footer_shapes(root):
    placeholder = f"{{{PRESENTATION}}}ph"
    for shape in root.iter(f"{{{PRESENTATION}}}sp"):
        if any(ph.get("type") in FOOTER_PLACEHOLDERS for ph in shape.iter(placeholder)):
            yield shape


def _text(element):
    return "".join(element.itertext())


def drop_phone_numbers(root):
    """Every phone number in a letterhead that named the reporter (or had other changes)."""
    for node in root.iter():
        for part in ("text", "tail"):
            value = getattr(node, part)
            if value and any(c.isdigit() for c in value):
                setattr(node, part, without_own_numbers(value, names_reporter=True))


def is_sheet_header(node):
    return etree.QName(node).localname in SHEET_HEADERS


def clean_sheet_header(node, scrub_text):
    """A spreadsheet's printed header or footer (`&LName&R+351 …`): each section between its
    codes scrubbed alone; one that names the reporter is their letterhead, phones and all."""
    original = node.text or ""
    pieces = SHEET_HEADER_CODES.split(original)
    texts = range(0, len(pieces), 2)            # the codes sit at the odd positions
    for i in texts:
        pieces[i] = scrub_text(pieces[i]) if pieces[i].strip() else pieces[i]
    named = "".join(pieces) != original
    for i in texts:
        pieces[i] = without_own_numbers(pieces[i], names_reporter=named)
    node.text = "".join(pieces) if "".join(pieces) != original else node.text
    return node.text != original and bool(original)
