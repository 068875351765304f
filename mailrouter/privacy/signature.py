"""The reporter's sign-off and signature block, in their own words only.

Removed whole: everything after a `-- ` line, and after a closing ("Thanks,", "Best,",
"Viele Grüße", "Cordialement", …) the name line with the contact lines under it (title,
employer, phone, website). Quoted and forwarded text below the own words is evidence and
is left alone. The same sign-off lines tell the identity step a surname the display
name did not give (`From: Noa <nf.1990@…>` signing "Noa Fischer").
"""

import re

from mailrouter.privacy.names import fold
from mailrouter.quoting import split_own_text

SIGNATURE_REMOVED = "[signature removed by mailrouter]"
_CLOSINGS = (r"thanks|thank you|many thanks|thanks again|best|best wishes|best regards|regards|kind regards|"
             r"warm regards|warmly|cheers|sincerely|yours|yours truly|cordially|take care|all the best|love|xo|"
             r"with thanks|respectfully|gruß|grüße|viele grüße|liebe grüße|beste grüße|mit freundlichen grüßen|lg|"
             r"vg|mfg|cordialement|bien à vous|merci|amitiés|bises|saludos|un saludo|atentamente|gracias|"
             r"abrazos|obrigad[oa]|atenciosamente|abraços|cumprimentos|grazie|cordiali saluti|saluti|"
             r"un saluto|groeten|met vriendelijke groet|hartelijke groet|dank je|pozdrawiam|dziękuję|"
             r"z poważaniem|hälsningar|mvh|med vänliga hälsningar|tack|vänliga hälsningar|"
             r"よろしくお願いします|よろしくお願いいたします|以上|谢谢|此致|敬礼|祝好|謝謝|敬上")
CLOSING = re.compile(rf"^[ \t]*(?:{_CLOSINGS})[ \t]*[,.!—–:-]*[ \t]*\r?$", re.IGNORECASE)
CLOSING_AND_NAME = re.compile(rf"^(?P<closing>[ \t]*(?:{_CLOSINGS})[ \t]*[,.!—–-]+[ \t]*)"
                              r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]{1,20}(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]{0,20}){0,2})"
                              r"[ \t]*\r?$", re.IGNORECASE)
NAME_LINE = re.compile(r"^[ \t]*((?:[A-ZÀ-ÖØ-Þ][\w'’.-]{1,20})(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]{0,20}){0,3})[ \t]*\r?$")
DASHES = re.compile(r"^-- ?\r?$")
_CONTACT = re.compile(r"\+?\d[\d ().-]{6,}\d|https?://|www\.|@|\||linkedin|github|mastodon|twitter|"
                      r"\b(?:tel|phone|mobile|mob|cell|fax|pronouns?)\b", re.IGNORECASE)
_NOT_SIGNATURE = re.compile(r"^[ \t]*(?:p\.?s\.?|ps:|n\.?b\.?)\b", re.IGNORECASE)
MAX_BLOCK = 8


def signoff_lines(own):
    """Indexes of sign-off name lines in `own` (after a closing, or after `-- `)."""
    lines = own.split("\n")
    found = []
    for i, line in enumerate(lines):
        if CLOSING.match(line) or DASHES.match(line):
            following = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
            if following is not None and NAME_LINE.match(lines[following]):
                found.append(following)
    return found


def names_signed(own, known_words):
    """Full names on sign-off lines whose first word is one the identity already knows."""
    lines = own.split("\n")
    names = []
    for i in signoff_lines(own):
        words = lines[i].split()
        if len(words) >= 2 and fold(words[0]) in known_words:
            names.append(" ".join(words))
    return names


def remove_signature(own, short_forms=(), placeholder=SIGNATURE_REMOVED):
    """`own` without the reporter's sign-off and signature block."""
    lines = own.split("\n")
    replaced = _signature_spans(lines, short_forms)
    for start, end, keep in sorted(replaced, reverse=True):
        lines[start:end] = [keep + placeholder + _cr(lines[end - 1])]
    return "\n".join(lines)


def signature_lines(text, short_forms=()):
    """The lines (white space folded) that remove_signature would take out of `text`'s own words."""
    lines = split_own_text(text)[0].split("\n")
    found = set()
    for start, end, keep in _signature_spans(lines, short_forms):
        for line in lines[start:end]:
            folded = " ".join(line[len(keep):].split()) if keep else " ".join(line.split())
            if folded:
                found.add(folded)
    return found


def _signature_spans(lines, short_forms):
    """(start, end, kept prefix) of each run of lines that is the reporter's signature."""
    spans = []
    dashes = next((i for i, line in enumerate(lines) if DASHES.match(line)), None)
    if dashes is not None:
        spans.append((dashes, len(lines), ""))
        lines = lines[:dashes]
    for i in signoff_lines("\n".join(lines)):
        spans.append((i, _block_end(lines, i), ""))
    for i, line in enumerate(lines):
        match = CLOSING_AND_NAME.match(line)
        if match and match.group("name")[:1].isupper():
            spans.append((i, i + 1, match.group("closing")))
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in filled[-MAX_BLOCK:]:
        # A bare name line near the end that names the reporter, with contact lines under it.
        words = [fold(w) for w in lines[i].split()]
        if NAME_LINE.match(lines[i]) and len(words) >= 2 and any(w in short_forms for w in words):
            spans.append((i, _block_end(lines, i), ""))
            break
    if filled:
        last = lines[filled[-1]].strip()
        if NAME_LINE.match(last) and " " not in last and len(last) >= 2 and not CLOSING.match(last) \
                and any(_short_form(fold(last), r) for r in short_forms):
            spans.append((filled[-1], filled[-1] + 1, ""))
    return _without_overlaps(spans)


_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")
# "his number", "sa ligne", "seine Nummer": a phone that is someone else's (evidence).
_THEIRS = re.compile(r"\b(?:his|her|their|him|he|she|they|sein\w*|ihr\w*|son|sa|ses|su|sus|seu|sua|suo|zijn|haar|"
                     r"jego|jej|hans|hennes|deras|from|von|de|desde|da|van|z|från)\b[^.\n]{0,40}$", re.IGNORECASE)
_NOT_PHONE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}-\d{4}$")


def own_phone_numbers(own):
    """Phone numbers in the reporter's own words: theirs, unless the sentence gives them to
    someone else ("his number is …", "he called me from …"), which is evidence."""
    numbers = []
    for match in _PHONE.finditer(own):
        number = match.group(0).strip()
        digits = sum(c.isdigit() for c in number)
        if digits < 7 or _NOT_PHONE.match(number) or (number.count(" ") == 0 and "+" not in number and digits < 9):
            continue
        before = own[max(0, match.start() - 60):match.start()].split("\n")[-1]
        if not _THEIRS.search(before):
            numbers.append(number)
    return numbers


def _short_form(word, root):
    """'Sam' for Samuel, and nicknames that keep the first letter ('Aga' for Agnieszka,
    'Bex' for Rebecca does not: a nickname no letter ties to the name stays unknowable)."""
    return root.startswith(word) or (len(word) <= 6 and word[:1] == root[:1] and len(root) >= 4)


def _without_overlaps(spans):
    kept, last_end = [], -1
    for start, end, keep in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= last_end:
            kept.append((start, end, keep))
            last_end = end
    return kept


def _block_end(lines, start):
    """The name line and the contact lines right under it (title, employer, phone, site)."""
    end = start + 1
    while end < len(lines) and end - start < MAX_BLOCK and lines[end].strip() \
            and not _NOT_SIGNATURE.match(lines[end]) and _looks_like_signature(lines[end]):
        end += 1
    return end


def _looks_like_signature(line):
    text = line.strip()
    return bool(_CONTACT.search(text)) or (len(text) <= 60 and not text.endswith((".", "?", "!", ":")))


def _cr(line):
    return "\r" if line.endswith("\r") else ""
