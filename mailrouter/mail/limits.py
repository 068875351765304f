"""T4: the shape of a message, checked on its raw bytes before anything parses it.

Python's mail parser and the text work after it grow far faster than a message's size
on some shapes: a Content-Type holding 20,000 `;` took 34 s of CPU, a 24 MB plain-text
report about 200 s. `over_limits(raw)` walks the lines once, linearly, and names the first
cap a message breaks (or returns None); `over_limits_in(file)` does the same reading a file
in chunks, so a 20 MB message past a cap is never held whole (F4, mail/lines.py). The
caps: MIME parts, nesting (multiparts and attached messages), the length of one header
field, its parameters (`;`), the addresses in an address header, and the text a stage
would read (inline text parts; a text file attached, `Content-Disposition: attachment`,
is bounded by the message size and the reading budget like any other attachment; attached
messages' text counts, one sent base64 or quoted-printable decoded: encoded_parts.py).
A message past a cap is not processed: the worker sets it aside with an alert (nothing
accepted is lost) and takes the next.
"""

import re

from mailrouter.errors import MailrouterError
from mailrouter.mail.encoded_parts import EncodedMessages
from mailrouter.mail.lines import LINE_HEAD, byte_chunks, ended_lines, file_chunks

MAX_PARTS = 200                  # MIME entities below the message itself
MAX_DEPTH = 24                   # multiparts and attached messages inside each other (a forward as attachment: 2)
MAX_HEADER_FIELD = 32 * 1024     # bytes of one header field, folded lines included
MAX_HEADER_SECTION = 256 * 1024  # bytes of one header section (each is parsed field by field)
MAX_PARAMETERS = 100             # `;` in one header field
MAX_ADDRESSES = 1000             # in one address header (From, To, Cc, …): a reply to all of a big event
# Bytes of inline text parts. A long chat log pasted fits; the stages after the reading
# process (identify, forward) read the whole text outside its budget, about a second of CPU
# per megabyte here, so the cap also bounds what one message costs outside the budget (T4).
MAX_TEXT = 3 * 1024 * 1024
ADDRESS_FIELDS = {b"from", b"to", b"cc", b"bcc", b"reply-to", b"sender", b"resent-from",
                  b"resent-to", b"resent-cc", b"resent-bcc", b"resent-sender"}
MESSAGE_TYPES = {b"message/rfc822", b"message/global"}
# Python's feed parser reads a header section up to the first line that is none of these;
# that line, and all after it, are the body (a colon-less line is text, not a header).
_HEADER_LINE = re.compile(rb"From |[\041-\071\073-\176]*:|[ \t]")
_MAYBE_HEADER = re.compile(rb"From |[\041-\071\073-\176]*(?::|\Z)")  # a line cut at LINE_HEAD
_BOUNDARY = re.compile(rb';\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))', re.IGNORECASE)


class Unreadable(MailrouterError):
    """A message past a cap or past its time budget: set aside at once (retrying cannot help)."""


def over_limits(raw):
    """The first cap `raw` breaks, as a short reason with no content in it; None if none."""
    return _first_cap(byte_chunks(raw))


def over_limits_in(file):
    """The first cap the rest of a binary `file` breaks, read in chunks; None if none."""
    return _first_cap(file_chunks(file))


def _first_cap(chunks):
    scan = _Scan()
    try:
        for line, length, terminator in ended_lines(chunks):
            scan.take(line, length, terminator)
        scan.end()
    except Unreadable as error:
        return str(error)
    return None


class _Scan(EncodedMessages):
    """One pass over the lines: which header block or body we are in, and the counts so far."""

    def __init__(self, depth=0, parts=-1, text=0):
        self.stack = []              # boundaries of the open multiparts; None for a message
        self.depth = depth           # of the message read (an encoded attached one's, if > 0)
        self.parts, self.text = parts, text      # the message itself is not a part
        self.counting_text, self.encoded = False, None     # EncodedBody: an encoded attached message
        self.top = _TopSection()     # until the message's own header section ends
        self._new_block()

    def take(self, line, length, terminator):
        """One line as lines.ended_lines gives it; the top header section joins some first."""
        if self.top is not None:
            joined = self.top.join(line, length, terminator)
            if joined is None:
                return
            line, length = joined
        self.line(line, length)

    def end(self):
        if self.top is not None and self.top.length:
            self.line(*self.top.join(b"", 0, self.top.end))
        self.end_of_headers()
        self._decoded()

    def line(self, line, length):
        if self.in_headers and not line:
            self.end_of_headers()
        elif self.in_headers and _header_line(line, length):
            self._header_field_line(line, length)
        elif self.in_headers:
            self.end_of_headers()        # the parser's body begins with this line
            self.line(line, length)      # (an attached message's header section, maybe)
        elif line[:2] == b"--" and self._boundary(line.rstrip()):
            return
        elif self.encoded is not None:
            self.encoded.add(line, length)
        elif self.counting_text:
            self._count(length + 2)

    def _count(self, length):
        self.text += length
        if self.text > MAX_TEXT:
            raise Unreadable(f"more than {MAX_TEXT // 1024} KB of text")

    def _header_field_line(self, line, length):
        self.section += length + 2
        if length > LINE_HEAD:
            # Only its head was kept (lines.py); a field's value past 32 KB is over the cap.
            raise Unreadable(f"a header field longer than {MAX_HEADER_FIELD // 1024} KB")
        if self.section > MAX_HEADER_SECTION:
            raise Unreadable(f"a header section longer than {MAX_HEADER_SECTION // 1024} KB")
        if line[:1] in (b" ", b"\t"):
            # A fold (obsolete folding too: a line of blanks); before any field the parser
            # drops it, and it is still counted.
            self.field = self.field or _Field(b"")
            self.field.add(b"\r\n" + line)
        else:
            self.field = _Field(line)
            if self.field.name == b"content-type":
                self.content_type, self.types = self.field, self.types + 1
            elif self.field.name == b"content-disposition":
                self.content_disposition = self.field
            elif self.field.name == b"content-transfer-encoding":
                self.encodings.append(self.field)

    def _boundary(self, line):
        """Close or open parts at a boundary line of any open multipart; False if it is none."""
        for level in range(len(self.stack) - 1, -1, -1):
            boundary = self.stack[level]
            if boundary is None or not line.startswith(b"--" + boundary):
                continue
            rest = line[len(boundary) + 2:]
            if rest not in (b"", b"--"):
                continue
            del self.stack[level + 1:]
            self.counting_text = False
            self._decoded()
            if rest == b"--":
                self.stack[level] = None   # closed: what follows is its epilogue
            else:
                self._new_block()
            return True
        return False

    def _new_block(self):
        self.in_headers, self.field, self.section = True, None, 0   # the field being read; bytes so far
        self.content_type = self.content_disposition = None    # the block's fields of that name
        self.types, self.encodings = 0, []     # its Content-Type and Content-Transfer-Encoding fields

    def end_of_headers(self):
        self.top = None
        if not self.in_headers:
            return
        self.in_headers = False
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise Unreadable(f"more than {MAX_PARTS} MIME parts")
        content_type = b"".join(self.content_type.value) if self.content_type else b""
        kind = content_type.split(b";", 1)[0].strip().lower()
        if kind.startswith(b"multipart/") or kind in MESSAGE_TYPES:
            if self.depth + len(self.stack) >= MAX_DEPTH:
                raise Unreadable(f"nested deeper than {MAX_DEPTH}")
            self.encoded = self._encoded_body() if kind in MESSAGE_TYPES else None
            if self.encoded is not None:
                return                 # the parser reads it as a leaf, then decodes it
            if kind in MESSAGE_TYPES:
                self.stack.append(None)
                self._new_block()
                self.parts -= 1        # the attached message's own header block is not a part
                return
            found = _BOUNDARY.search(content_type)
            self.stack.append((found.group(1) if found and found.group(1) is not None
                               else found.group(2) if found else b"\0"))
        # An attached text file is not the body that every stage reads (get_body passes it
        # over); the clean copy scrubs it within the reading budget.
        self.counting_text = (kind.startswith(b"text/") or not kind) and not _attached(self)


class _Field:
    """One header field, its lines counted as they come (a long field is never re-read)."""

    def __init__(self, line):
        name, colon, value = line.partition(b":")
        self.name = name.strip().lower() if colon else b""
        value = value if colon else line         # `From ` lines are counted too
        self.length = self.semicolons = self.commas = self.ats = 0
        self.value = []
        self.add(value)

    def add(self, line):
        self.length += len(line)
        self.semicolons += line.count(b";")
        self.commas += line.count(b",")
        self.ats += line.count(b"@")
        if self.length > MAX_HEADER_FIELD:
            raise Unreadable(f"a header field longer than {MAX_HEADER_FIELD // 1024} KB")
        if self.semicolons > MAX_PARAMETERS:
            raise Unreadable(f"a header field with more than {MAX_PARAMETERS} parameters")
        if self.name in ADDRESS_FIELDS and max(self.commas + 1, self.ats) > MAX_ADDRESSES:
            raise Unreadable(f"an address header with more than {MAX_ADDRESSES} addresses")
        if self.name in (b"content-type", b"content-disposition", b"content-transfer-encoding"):
            self.value.append(line)


def _attached(scan):
    """A part inside a multipart that says it is an attachment."""
    field = scan.content_disposition
    disposition = b"".join(field.value).split(b";", 1)[0].strip().lower() if field else b""
    return bool(scan.stack) and disposition == b"attachment"


def _header_line(line, length):
    """Whether the feed parser reads `line` as part of a header section."""
    return bool((_MAYBE_HEADER if length > len(line) else _HEADER_LINE).match(line))


class _TopSection:
    """The message's own header section as message.normalise_line_ends hands it to the parser:
    only the section's line end (its first line's; CRLF once one comes) ends a line, any other
    is a space inside it, so a field of bare-LF lines is one long field, not many short ones."""

    def __init__(self):
        self.end, self.head, self.length, self.before = None, b"", 0, 0

    def join(self, line, length, terminator):
        """The parser's line once `terminator` ends one, else None (the line goes on)."""
        if self.end is None:
            self.end = terminator or b"\r\n"
        elif terminator == b"\r\n" and self.end != b"\r\n":
            # The parser reads the whole section with CRLF ends: all before is one line.
            self.end = b"\r\n"
            if self.before + self.length > MAX_HEADER_FIELD:
                raise Unreadable(f"a header field longer than {MAX_HEADER_FIELD // 1024} KB")
        head = (self.head + line)[:LINE_HEAD] if len(self.head) < LINE_HEAD else self.head
        space = b" " if len(head) < LINE_HEAD else b""     # a head is never copied past LINE_HEAD
        if terminator in (self.end, b""):
            joined = (head, self.length + length)
            self.head, self.length, self.before = b"", 0, self.before + self.length + length + 1
            return joined
        self.head, self.length = head + space, self.length + length + 1
        return None
