"""Which lines of an HTML body's text are the reporter's signature, for the clean copy.

Two ways to know. The HTML's own text shows a signature block (`signature.signature_lines`).
Or its text alternative does: a client writes the two versions of one mail, and what lies in
the HTML where the text version's signature is belongs to that signature, though the HTML's
may be richer than the text's (OWA's Sent items: the text signed "Aleksandra", the HTML a
table with a title, the faculty, two phones and an ORCID id). So the HTML lines between the
text's last own words above its signature and its first words below it (quoted mail, say)
go too: the HTML loses what its text alternative loses. Within MAX_REGION lines; when either
edge is not found in the HTML, only its own text decides.
"""

import re

from mailrouter.mail.quoting import own_parts
from mailrouter.privacy.signature import signature_lines
from mailrouter.privacy.signoff_words import is_closing

EDGE_WORDS = 6           # words of the text alternative that find each edge in the HTML
MAX_REGION = 30          # lines of HTML beside a text signature, at most
_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]*)+")     # the HTML quotes in a <blockquote>
_LINK = re.compile(r"\s*\(([^)]*)\)$")          # html_to_text writes a link's URL after its text


def dropped_lines(as_text, plain, short_forms=(), address_patterns=()):
    """The lines (white space folded) to drop from an HTML body whose text is `as_text` and
    whose text alternative is `plain` (or ''); each table cell, and a link's URL, too."""
    dropped = signature_lines(as_text, short_forms, address_patterns) | signature_lines(
        own_parts(as_text)[1], short_forms, address_patterns)       # below a quote the reporter pasted
    if plain:
        dropped |= _beside_text_signature(as_text, plain, short_forms, address_patterns)
    for line in list(dropped):
        for cell in line.split(" | "):
            dropped.add(_LINK.sub("", cell).strip())
            dropped.update(_LINK.findall(cell))
    dropped.discard("")
    return dropped


def _beside_text_signature(as_text, plain, short_forms, address_patterns):
    signature = signature_lines(plain, short_forms, address_patterns)
    lines = [" ".join(_QUOTE_MARKS.sub("", line).split()) for line in plain.split("\n") if line.strip()]
    first = next((i for i, line in enumerate(lines) if _signs(line, signature)), None)
    if first is None:
        return set()
    last = first
    while last + 1 < len(lines) and _signs(lines[last + 1], signature):
        last += 1
    above = " ".join(lines[:first]).split()[-EDGE_WORDS:]
    below = " ".join(lines[last + 1:]).split()[:EDGE_WORDS]
    html = [" ".join(line.split()) for line in as_text.split("\n") if line.strip()]
    start, end = _region(html, " ".join(above), " ".join(below))
    if start is None or not 0 < end - start <= MAX_REGION:
        return set()
    return set(html[start:end])


def _signs(line, signature):
    """The line is a signature line, or a closing with one after it ("Thanks, Priya")."""
    return line in signature or any(line.endswith(" " + s) and is_closing(line[:-len(s)].strip())
                                    for s in signature)


def _region(html, above, below):
    """(first, end) indexes of the HTML lines after `above`'s words and before `below`'s."""
    joined, starts = "", []
    for line in html:
        starts.append(len(joined))
        joined += line + " "
    end_at = joined.find(below) if below else len(joined)
    if not above or end_at < 0:
        return None, None
    found = joined.rfind(above, 0, end_at)
    if found < 0:
        return None, None
    start = _line_at(starts, found + len(above) - 1) + 1
    end = _line_at(starts, end_at) if below else len(html)
    return start, end


def _line_at(starts, offset):
    return max(i for i, begin in enumerate(starts) if begin <= offset)
