"""Removing the reporter's identity from what members read (P1, P3, P4).

`Scrubber(identity)` finds the reporter's addresses (any case, with or without a +tag, in
mailto: links, HTML entities and %-encoding, and a distinctive local part on its own) and
their display name and name parts (case- and accent-insensitive, whole words) in text,
HTML, headers of forwarded evidence and filenames. `scrubbed_report` rebuilds a report from
an allow-list of headers and scrubbed parts, so nothing the reporter's mail client wrote in
a header reaches a member, while the evidence (what the reported person wrote, their
address) stays intact.
"""

import html
import re
import unicodedata
from email.message import EmailMessage
from email.policy import SMTP

from mailrouter.message import header
from mailrouter.quoting import split_own_text

ADDRESS_PLACEHOLDER = "[reporter's address]"
NAME_PLACEHOLDER = "[reporter]"
KEPT_HEADERS = ("Subject", "Date")                       # of the report itself (P1)
EVIDENCE_HEADERS = ("From", "To", "Cc", "Date", "Subject")  # of forwarded messages
MIN_NAME_PART = 3
GENERIC_LOCAL_PARTS = {"info", "contact", "hello", "mail", "me", "admin", "office", "team",
                       "support", "reporter", "user", "home", "work", "private", "post"}
# P4: parts that carry the sender's identity by their nature.
IDENTIFYING_TYPES = {"application/pgp-keys": "a PGP key", "application/pgp-signature": "a PGP signature",
                     "application/pkcs7-signature": "an S/MIME signature",
                     "application/x-pkcs7-signature": "an S/MIME signature",
                     "text/vcard": "a contact card (vCard)", "text/x-vcard": "a contact card (vCard)",
                     "text/directory": "a contact card (vCard)"}
IDENTIFYING_SUFFIXES = {".vcf": "a contact card (vCard)", ".asc": "a PGP key or signature",
                        ".p7s": "an S/MIME signature", ".gpg": "a PGP key", ".pgp": "a PGP key"}
INLINE_PGP = re.compile(r"-----BEGIN PGP (SIGNATURE|PUBLIC KEY BLOCK)-----.*?-----END PGP \1-----",
                        re.DOTALL)
MAX_DEPTH = 10                                           # T4: nesting of forwarded messages


def fold_with_map(text):
    """Casefolded, accent-free text and, for each of its characters, the original index."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(piece):
                continue
            for out in piece.casefold():
                folded.append(out)
                origin.append(index)
    return "".join(folded), origin


def _fold(text):
    return fold_with_map(text)[0]


class Scrubber:
    def __init__(self, identity, name_placeholder=NAME_PLACEHOLDER, address_placeholder=ADDRESS_PLACEHOLDER):
        self.name_placeholder, self.address_placeholder = name_placeholder, address_placeholder
        self.address_patterns = []
        self.name_patterns = []          # applied to folded text
        self.name_roots = set()
        self.enabled = bool(identity) and not identity.share
        if not self.enabled:
            return
        for address in identity.addresses:
            local, _, domain = address.rpartition("@")
            base = local.split("+", 1)[0]
            at = r"(?:@|&#0*64;|&#x0*40;|%40|\s?\[at\]\s?)"
            self.address_patterns.append(re.compile(
                rf"(?<![\w.+-]){re.escape(base)}(?:\+[\w.-]*)?{at}{re.escape(domain)}(?![\w-])",
                re.IGNORECASE))
            if _distinctive(base, identity.display_name):
                self.address_patterns.append(re.compile(rf"(?<![\w.+-]){re.escape(base)}(?![\w-]|\.\w)",
                                                        re.IGNORECASE))
        name = " ".join((identity.display_name or "").split())
        parts = set()
        if name and "@" not in name:
            words = [w for w in re.split(r"[^\w'’]+", _fold(name)) if w]
            self.name_patterns.append(_word_pattern(r"\W+".join(map(re.escape, words))))
            parts.update(words)
        for address in identity.addresses:
            # ola.nowak@… : "Ola" and "Nowak" are how friends and signatures name her.
            parts.update(t for t in re.split(r"[._+-]+", _fold(address.split("@")[0])) if t.isalpha())
        self.name_roots = {p for p in parts if _name_like(p)}
        for part in self.name_roots:
            self.name_patterns.append(_word_pattern(re.escape(part)))

    def text(self, text):
        if not self.enabled or not text:
            return text
        text = INLINE_PGP.sub("[PGP block removed by mailrouter]", text)
        text = _scrub_signoff(text, self.name_roots, self.name_placeholder)
        for pattern in self.address_patterns:
            text = pattern.sub(self.address_placeholder, text)
        return self._names(text, self.name_placeholder)

    def html(self, markup):
        """Scrub HTML source; placeholders are escaped so the markup stays valid."""
        if not self.enabled or not markup:
            return markup
        # `&#105;&#109;…` spells an address as well as `im…`: decode such references to
        # letters, digits and address punctuation first (harmless to the markup).
        markup = _PLAIN_REFERENCE.sub(_decode_reference, markup)
        for pattern in self.address_patterns:
            markup = pattern.sub(html.escape(self.address_placeholder), markup)
        return self._names(markup, html.escape(self.name_placeholder))

    def _names(self, text, placeholder):
        for pattern in self.name_patterns:
            folded, origin = fold_with_map(text)
            spans = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded)]
            if not spans:
                continue
            pieces, last = [], 0
            for start, end in spans:
                if start >= last:
                    pieces.append(text[last:start])
                    pieces.append(placeholder)
                    last = end
            text = "".join(pieces) + text[last:]
        return text

    def contains_identity(self, text):
        if not self.enabled:
            return False
        folded = _fold(text)
        return any(p.search(text) for p in self.address_patterns) or \
            any(p.search(folded) for p in self.name_patterns)


_PLAIN_REFERENCE = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")
_CLOSING = re.compile(r"^[ \t]*(?:thanks|thank you|many thanks|best|best wishes|best regards|regards|"
                      r"kind regards|warm regards|warmly|cheers|sincerely|take care|all the best|"
                      r"yours|cordially|love|xo|with thanks)[ \t]*[,.!—–-]*[ \t]*\r?$", re.IGNORECASE)
_CLOSING_AND_NAME = re.compile(r"^(?P<closing>[ \t]*(?:thanks|thank you|many thanks|best|best wishes|best regards|"
                               r"regards|kind regards|warm regards|warmly|cheers|sincerely|take care|"
                               r"all the best|yours|cordially|love|with thanks)[ \t]*[,.!—–-]+[ \t]*)"
                               r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]{1,20}(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]{0,20}){0,2})"
                               r"[ \t]*\r?$", re.IGNORECASE)
_SIGNOFF_NAME = re.compile(r"^[ \t]*((?:[A-ZÀ-ÖØ-Þ][\w'’.-]{1,20})(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]{0,20}){0,2})[ \t]*\r?$")



def _decode_reference(match):
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    char = chr(code) if code < 0x110000 else ""
    return char if char.isalnum() or char in "@._+-" else match.group(0)


def _scrub_signoff(text, roots, placeholder=NAME_PLACEHOLDER):
    """The reporter's sign-off: the line after 'Thanks,' or 'Best,', or a last line that is a
    short form of their name ('Sam' for Samuel). Only in the reporter's own words: quoted
    and forwarded text after them is evidence and left alone."""
    own, rest = split_own_text(text)
    lines = own.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    signoffs = set()
    for i in range(len(lines) - 1):
        if _CLOSING.match(lines[i]):
            following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if following is not None and following - i <= 2 and _SIGNOFF_NAME.match(lines[following]):
                signoffs.add(following)
    if filled:
        last = lines[filled[-1]].strip()
        short = _fold(last)
        if _SIGNOFF_NAME.match(last) and " " not in last and len(short) >= MIN_NAME_PART \
                and any(root.startswith(short) for root in roots):
            signoffs.add(filled[-1])
    for i in signoffs:
        lines[i] = placeholder + ("\r" if lines[i].endswith("\r") else "")
    for i, line in enumerate(lines):          # "Regards, Bo" on one line
        match = _CLOSING_AND_NAME.match(line)
        if match and i not in signoffs and match.group("name")[:1].isupper():
            lines[i] = match.group("closing") + placeholder + ("\r" if line.endswith("\r") else "")
    return "\n".join(lines) + rest


def _word_pattern(body):
    """Whole words in Latin script; scripts without spaces (CJK) match anywhere."""
    latin = body[:1].isascii()
    return re.compile(rf"(?<!\w){body}(?!\w)" if latin else body)


def _name_like(part):
    # Two CJK characters are a whole given name; Latin parts need three letters.
    return len(part) >= MIN_NAME_PART or (len(part) >= 2 and not part.isascii())


def _distinctive(local, display_name):
    """A local part identifies on its own unless it is a generic word like 'info'."""
    return len(local) >= 4 and local.lower() not in GENERIC_LOCAL_PARTS


def scrubbed_report(msg, scrubber, notes=None):
    """A new message holding the report's content without the reporter's identity.

    `notes`, when given a list, receives one line per part removed (P4), for the committee.
    """
    notes = [] if notes is None else notes
    report = EmailMessage(policy=SMTP)
    for name in KEPT_HEADERS:
        value = header(msg, name)
        if value:
            report[name] = _one_line(scrubber.text(value))
    _fill(report, msg, scrubber, notes, depth=0)
    return report


def _fill(target, source, scrubber, notes, depth):
    """Give `target` the scrubbed bodies and attachments of `source`."""
    text_part = source.get_body(preferencelist=("plain",))
    html_part = source.get_body(preferencelist=("html",))
    text = scrubber.text(_content(text_part)) if text_part is not None else ""
    markup = scrubber.html(_content(html_part)) if html_part is not None else ""
    target.set_content(text or _html_to_text(markup) or "")
    if markup:
        target.add_alternative(markup, subtype="html")
    bodies = {id(text_part), id(html_part)}
    for part in _attachments(source, bodies):
        _attach(target, part, scrubber, notes, depth)


def _attachments(msg, bodies):
    """Leaf parts (and forwarded messages) that are not the chosen bodies."""
    if not msg.is_multipart():
        return
    for part in msg.iter_parts():
        if id(part) in bodies:
            continue
        if part.get_content_type() == "message/rfc822":
            yield part
        elif part.is_multipart():
            yield from _attachments(part, bodies)
        elif part.get_content_type() not in ("text/plain", "text/html") or part.get_filename() \
                or part.get_content_disposition() == "attachment":
            yield part


def _attach(report, part, scrubber, notes, depth):
    content_type = part.get_content_type()
    filename = part.get_filename() or ""
    why = IDENTIFYING_TYPES.get(content_type) or next(
        (what for suffix, what in IDENTIFYING_SUFFIXES.items() if filename.lower().endswith(suffix)), None)
    if scrubber.enabled and why:
        notes.append(f"Removed {why} attached by the reporter.")
        return
    clean_name = scrubber.text(filename) if filename else None
    if clean_name != filename:
        notes.append("An attachment was renamed because its name identified the reporter.")
    maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
    if content_type == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else None
        if inner is None or depth >= MAX_DEPTH:
            notes.append("A forwarded message could not be read and was left out.")
            return
        report.add_attachment(_evidence(inner, scrubber, notes, depth + 1), filename=clean_name)
    elif maintype == "text":
        report.add_attachment(scrubber.text(_content(part)), subtype=subtype, filename=clean_name)
    else:
        report.add_attachment(part.get_payload(decode=True) or b"", maintype=maintype,
                              subtype=subtype, filename=clean_name)


def _evidence(inner, scrubber, notes, depth):
    """A forwarded message: its own From/To/Date/Subject kept, the reporter scrubbed out."""
    evidence = EmailMessage(policy=SMTP)
    for name in EVIDENCE_HEADERS:
        value = header(inner, name)
        if value:
            evidence[name] = _one_line(scrubber.text(value))
    _fill(evidence, inner, scrubber, notes, depth)
    return evidence


def _content(part):
    try:
        return part.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def _one_line(value):
    return " ".join(value.replace("\x00", " ").split())


_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def _html_to_text(markup):
    if not markup:
        return ""
    text = re.sub(r"<br\s*/?>|</p>|</div>", "\n", markup, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub("", text)).strip() + "\n"
