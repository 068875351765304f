"""Letterheads: the headers and footers of the reporter's own documents (cleaners/office.py).

A header or footer that names the reporter is their letterhead: its phone numbers are theirs
too, and go with the name. A Word document's header and footer parts, an OpenDocument's
styles (its master pages), a presentation's slide masters and layouts, a slide's footer
placeholders, and a spreadsheet's printed header and footer sections. The body of a document
is evidence: its numbers stay unless the scrubber knows them, or its own words give them as the
writer's, as in a mail's body ("You can reach me on …", `drop_own_numbers`, read paragraph by
paragraph: a cue and its number are often in different runs).
"""

import re

from lxml import etree

from mailrouter.privacy.cleaners.paths import numbers_replaced, own_numbers, without_own_numbers
from mailrouter.privacy.signature import MAX_BLOCK

LETTERHEAD_PARTS = re.compile(r"^(?:word/(?:header|footer)\d*\.xml|styles\.xml"
                              r"|ppt/(?:slideMasters|slideLayouts|notesMasters|handoutMasters)/[^/]+\.xml)$")
PRESENTATION = "http://schemas.openxmlformats.org/presentationml/2006/main"
FOOTER_PLACEHOLDERS = {"ftr", "hdr"}      # a slide's footer and a handout's header: `<p:ph type="ftr"/>`
PARAGRAPHS = {"p", "h"}                  # w:p, a:p (a slide's), text:p and text:h (OpenDocument)
# A document's last lines are no mail's signature: a number alone there ("Meetup deck, +49 …" on
# a slide) is not taken as the writer's; only one their words say is (lines after the text).
NOT_THE_END = "\n." * MAX_BLOCK
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


def drop_own_numbers(root):
    """The numbers the part's paragraphs give as the writer's, out of every text node; a number
    split across runs ("948 12" "345") puts its paragraph's text, cleaned, in its first run."""
    paragraphs = [node for node in root.iter() if isinstance(node.tag, str)
                  and etree.QName(node).localname in PARAGRAPHS]
    text = "\n".join(_text(paragraph) for paragraph in paragraphs)
    numbers = own_numbers(text + NOT_THE_END) if any(c.isdigit() for c in text) else []
    if not numbers:
        return False
    for node in root.iter():
        for part in ("text", "tail"):
            value = getattr(node, part)
            if value and any(number in value for number in numbers):
                setattr(node, part, numbers_replaced(value, numbers))
    for paragraph in paragraphs:
        if any(number in _text(paragraph) for number in numbers):
            _collapsed(paragraph, numbers_replaced(_text(paragraph), numbers))
    return True


def _collapsed(paragraph, text):
    holders = [(paragraph, "text")] + [(node, part) for node in paragraph.iterdescendants()
                                       for part in ("text", "tail")]
    filled = [(node, part) for node, part in holders if getattr(node, part)]
    for index, (node, part) in enumerate(filled):
        setattr(node, part, text if index == 0 else "")
