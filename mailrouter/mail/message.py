"""Turning spooled bytes into a parsed message, safely.

Line ends are decided per message. A header section with no CRLF at all (a script's
`msg.as_bytes()`, an .eml saved on Unix, an old Mac's CR) uses its own line end
consistently: those are line ends. A header section in CRLF is what SMTP carries, and in it
a bare CR or LF is the smuggling shape (S2): Python's parser would read
`Subject: x<LF>Bcc: evil@example` as two headers, so there a bare CR or LF becomes a space
(the line stays one header). In the body any line end becomes CRLF (only line ends change).
S8: raw bytes, the modern email policy.

CPython's header parser reads a comment inside a comment by recursion, so a `From` of a few
thousand `(` raises RecursionError. A header whose comments nest deeper than any mail
client writes is read with its brackets as spaces, both in the top header section (which
some readers take raw) and in every MIME part's headers (through the policy).
"""

import email
import re
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.policy import EmailPolicy

from mailrouter.mail.addresses import address_pairs
from mailrouter.mail.charsets import decode_labelled
from mailrouter.mail.encoded_messages import MAX_DECODED, Reading, read_nested
from mailrouter.mail.header_cache import REGISTRY, fetched, folded
from mailrouter.mail.html import html_to_text
from mailrouter.mail.subject_fold import fold_subject

HEADER_END = b"\r\n\r\n"
_BARE = re.compile(rb"\r(?!\n)|(?<!\r)\n")
_FIRST_LINE_END = re.compile(rb"\r\n?|\n")
TRACE_HEADERS = ("received", "return-path", "delivered-to", "x-original-to")
# What CPython's header parser raises on hostile input besides its own errors (seen in fuzzing).
PARSER_FAULTS = (HeaderParseError, ValueError, IndexError, AttributeError, TypeError, LookupError)
MAX_NESTING = 32                     # comments nested deeper than this are read flat
_FIELD_START = re.compile(rb"\r\n(?![ \t])")


def _too_deep(value, opening, closing):
    if value.count(opening) <= MAX_NESTING:
        return False
    depth = 0
    for char in value:
        if char == opening:
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif char == closing and depth:
            depth -= 1
    return False


def flatten_deep_comments(value):
    """`value` with its brackets as spaces when its comments nest too deep; else unchanged.

    The spaces are then run together: thousands of them are a line no relay takes once the
    header is written out again (whitespace cannot be folded).
    """
    if isinstance(value, bytes):
        return b" ".join(value.translate(bytes.maketrans(b"()", b"  ")).split()) \
            if _too_deep(value, 40, 41) else value
    return " ".join(value.translate(str.maketrans("()", "  ")).split()) if _too_deep(value, "(", ")") else value


class _ShallowPolicy(EmailPolicy):
    """The modern policy, but a header never reaches the recursive parser too deeply nested."""

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name"):                     # set by us, not read from the source
            return value
        return fetched(self, name, flatten_deep_comments(value))

    # Writing a parsed part out again (an attached message kept as sent) refolds its long
    # headers through the same recursive parser.
    def fold(self, name, value):
        return super().fold(name, flatten_deep_comments(value))

    def fold_binary(self, name, value):
        if hasattr(value, "name"):          # a header object: the same one is often written again
            return folded(self, name, value, self._fold_binary)
        return self._fold_binary(name, value)

    def _fold_binary(self, name, value):
        if name.lower() == "subject" and (hasattr(value, "name") or self._refolded(name, value)):
            # CPython's folder loses or doubles spaces around encoded words (mail/subject_fold.py).
            text = unsurrogate(str(value if hasattr(value, "name") else self.header_fetch_parse(name, value)))
            return fold_subject(text, name=name, utf8=self.utf8, max_line=self.max_line_length or 998,
                                linesep=self.linesep)
        return super().fold_binary(name, flatten_deep_comments(value))

    def _refolded(self, name, value):
        """Whether the email package would fold a raw value read from the source again."""
        lines = value.splitlines()
        return self.refold_source == "all" or any(len(line) > (self.max_line_length or 998) for line in
                                                  [f"{name}: {lines[0]}" if lines else "", *lines[1:]]) \
            or any("\udc80" <= c <= "\udcff" for c in value)


SAFE_POLICY = _ShallowPolicy(header_factory=REGISTRY)
SAFE_SMTP = SAFE_POLICY.clone(linesep="\r\n")          # writing mail out: email.policy.SMTP, shallow
SAFE_SMTPUTF8 = SAFE_SMTP.clone(utf8=True)


def _flatten_header_section(data):
    head, end, body = data.partition(HEADER_END)
    if head.count(b"(") <= MAX_NESTING:
        return data
    fields = _FIELD_START.split(head)
    return b"\r\n".join(flatten_deep_comments(f) for f in fields) + end + body


def header_line_end(raw):
    """The header section's line end: b"\\n" or b"\\r" if it uses that one and no CRLF, else CRLF."""
    first = _FIRST_LINE_END.search(raw)
    if first is None or (end := first.group()) == b"\r\n":
        return b"\r\n"
    split = raw.find(end * 2)
    return b"\r\n" if b"\r\n" in (raw if split < 0 else raw[:split + 1]) else end


def split_head(raw):
    """(header section, rest from its blank line on), cut where the message's own line end says."""
    end = header_line_end(raw)
    split = raw.find(end * 2)
    return (raw, b"") if split < 0 else (raw[:split], raw[split:])


def normalise_line_ends(raw):
    """Make every line end CRLF without letting a stray bare line end start a new header."""
    if raw.count(b"\r\n") == raw.count(b"\n") == raw.count(b"\r"):   # CRLF throughout already (C speed)
        return raw
    end = header_line_end(raw)
    head, body = split_head(raw)
    if end == b"\r\n":
        head = _BARE.sub(b" ", head)            # S2: inside CRLF, a bare CR or LF is not a line end
    else:
        stray = b"\r" if end == b"\n" else b"\n"
        head = head.replace(stray, b" ").replace(end, b"\r\n")
    return head + _BARE.sub(b"\r\n", body)


def parse(raw):
    """Parse raw message bytes with the modern policy after normalising line ends; an attached
    message sent base64 or quoted-printable is decoded and parsed too (mail/encoded_messages.py)."""
    return _parse(raw, [MAX_DECODED])


def _parse(raw, budget):
    msg = email.message_from_bytes(_flatten_header_section(normalise_line_ends(raw)),
                                   _class=Reading, policy=SAFE_POLICY)
    return read_nested(msg, lambda data: _parse(data, budget), budget)


def unsurrogate(text):
    """Raw 8-bit header bytes arrive as surrogate escapes; decode them as UTF-8 (else Latin-1)."""
    if text.isascii() or not re.search("[\udc80-\udcff]", text):     # (a loop over it: 2 % of the worker)
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def header(msg, name):
    """A header as text, or '' if missing or unparseable (never raises)."""
    try:
        value = msg.get(name)
    except PARSER_FAULTS:
        return ""
    return "" if value is None else unsurrogate(str(value))


def part_text(part):
    """The text of a MIME part, decoded; never raises (a label Python lacks: mail/charsets.py)."""
    try:
        if part.get_content_maintype() != "text":
            return part.get_content()
    except (LookupError, ValueError, AssertionError, KeyError):
        pass
    return decode_labelled(part.get_payload(decode=True) or b"", part.get_content_charset())


def body_part(msg, prefer=("plain", "html")):
    """The message's main body, the first subtype of `prefer` it has; None if none (never raises)."""
    try:
        return msg.get_body(preferencelist=prefer)
    except (KeyError, LookupError, ValueError, IndexError, AttributeError):
        return None


def body_text(msg, prefer=("plain", "html")):
    """The text of the message's main body (HTML read as text), or ''; never raises. Kept on the
    message: the reading process works it out within its budget (T4), the worker gets a copy."""
    texts = msg.__dict__.setdefault("_body_texts", {})
    return texts[prefer] if prefer in texts else texts.setdefault(prefer, _body_text(msg, prefer))


def _body_text(msg, prefer):
    body = body_part(msg, prefer)
    if body is None:
        return ""
    text = part_text(body)
    return html_to_text(text) if body.get_content_subtype() == "html" else text


def written(part):
    """A parsed message or part as bytes again; one whose payload the byte writer refuses (a
    multipart left as text by a broken boundary, with letters in it) written as text, UTF-8."""
    try:
        return part.as_bytes()
    except (UnicodeError, LookupError, ValueError, TypeError):
        return part.as_string().encode("utf-8", "surrogateescape")


def part_filename(part):
    """A MIME part's file name, or '' when it has none or its parameters do not parse."""
    try:
        return part.get_filename() or ""
    except PARSER_FAULTS:
        return ""


def header_addresses(msg, name):
    """The addresses (addr-specs) of an address header; where the parser fails on it (`Cc: "`,
    `bo@[10.0.0.1`), the bare addresses written in its raw value. Never raises."""
    try:
        value = msg.get(name)
        return [address.addr_spec for address in getattr(value, "addresses", ())] if value is not None else []
    except PARSER_FAULTS:
        raw = " ".join(str(value) for key, value in msg.raw_items() if key.lower() == name.lower())
        return [address for _, address in address_pairs(raw) if address]


def sole_mailbox(msg, name="From"):
    """A5: the one mailbox of an address header, or None when there are zero or several."""
    try:
        value = msg.get(name)
        addresses = getattr(value, "addresses", None) if value is not None else None
    except PARSER_FAULTS:
        return None
    if not addresses or len(addresses) != 1:
        return None
    address = addresses[0]
    if not isinstance(address, Address) or not address.username or not address.domain:
        return None
    # By parts: Address(addr_spec=…) refuses a UTF-8 local part (RFC 6532, SMTPUTF8 mail).
    return Address(display_name=unsurrogate(address.display_name),
                   username=unsurrogate(address.username), domain=unsurrogate(address.domain))
