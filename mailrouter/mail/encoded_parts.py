"""T4: an attached message sent base64 or quoted-printable, as the caps check reads it (F2).

The parser decodes such a part and parses the message it is (mail/encoded_messages.py), so
what its readers read is the decoded message: the caps check (mail/limits.py) keeps the
part's lines, decodes them as the parser does and reads the message they make with the
caps of the whole, its inline text counted with the rest. Its encoded lines are not text:
a 3 MB PDF inside an .eml sent base64 is an attachment, not 4 MB of text. Where the check
cannot read the part as the parser does (a line longer than it keeps, bytes that do not
decode, two Content-Type or Content-Transfer-Encoding fields), the encoded lines count as
text, as before: never less than the parser reads.
"""

from email.message import Message

from mailrouter.mail.lines import byte_chunks, ended_lines

ENCODINGS = (b"base64", b"quoted-printable")    # those mail/encoded_messages.py decodes


class EncodedMessages:
    """limits._Scan's reading of encoded attached messages (its fields `encodings`, `types`,
    `encoded`, `depth`, `stack`, `parts`, `text`; its `_count`)."""

    def _encoded_body(self):
        """The part's lines to keep when the parser decodes the attached message it is: one
        Content-Type and one Content-Transfer-Encoding, base64 or quoted-printable."""
        encoding = b"".join(self.encodings[0].value).strip().lower() if len(self.encodings) == 1 else b""
        if self.types == 1 and encoding in ENCODINGS:
            return EncodedBody(encoding, self.depth + len(self.stack) + 1)
        return None

    def _decoded(self):
        """An encoded attached message's part ended: read the message it is, as the parser
        will, within the caps of the whole (its lines as text where that cannot be known)."""
        encoded, self.encoded = self.encoded, None
        data = None if encoded is None else encoded.decoded()
        if data is None and encoded is not None:
            self._count(encoded.length)
        elif data is not None:
            inner = type(self)(encoded.depth, self.parts - 1, self.text)
            for line, length, terminator in ended_lines(byte_chunks(data)):
                inner.take(line, length, terminator)
            inner.end()
            self.parts, self.text = inner.parts, inner.text


class EncodedBody:
    """The lines of one encoded attached message, kept until its part ends."""

    def __init__(self, encoding, depth):
        self.encoding, self.depth = encoding.decode("ascii"), depth    # the message's, as parsed
        self.data, self.length, self.whole = bytearray(), 0, True

    def add(self, line, length):
        self.whole = self.whole and length == len(line)        # a long line comes as its head
        if self.whole:
            self.data += b"\r\n" + line if self.length else line
        self.length += length + 2

    def decoded(self):
        """The bytes the parser decodes from the part (line ends as message.parse makes
        them), or None where they cannot be known."""
        if not self.whole:
            return None
        part = Message()
        part["Content-Transfer-Encoding"] = self.encoding
        part.set_payload(self.data.decode("ascii", "surrogateescape"))
        try:
            return part.get_payload(decode=True)
        except (LookupError, ValueError, TypeError):
            return None
