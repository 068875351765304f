"""Attached messages sent base64 or quoted-printable, read as the messages they are.

RFC 2046 allows an attached `message/rfc822` (or `message/global`) only 7bit, 8bit or
binary, but Yahoo, Zimbra and scripts attach one base64 or quoted-printable anyway. Python's
parser reads the body of any `message/*` part as a message whatever its encoding, so such a
part became a message with no headers whose text was the encoded bytes: nothing downstream
(the reporter's identity, the clean copy, the parties) could read what it says, and members
got it as it was. While parsing, `Reading` shows such a part as a leaf; `read_nested` then
decodes it and parses the bytes as the message they are, its own encoded ones too.
Bounded (T4): at most MAX_DECODED such parts per message, each within the caps of
mail/limits.py; one past them stays the leaf, which the clean copy reads as an attachment.
"""

from email.message import EmailMessage

from mailrouter.mail.limits import over_limits

NESTED_TYPES = ("message/rfc822", "message/global")
ENCODINGS = ("base64", "quoted-printable")
MAX_DECODED = 10         # encoded attached messages decoded per message, at any depth


class Reading(EmailMessage):
    """A part while the parser reads it: an encoded attached message says it is a leaf."""

    def get_content_maintype(self):
        if encoded_message(self):
            return "application"
        return super().get_content_maintype()


def encoded_message(part):
    """True for a message/rfc822 or message/global part declared base64 or quoted-printable."""
    try:
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        return encoding in ENCODINGS and part.get_content_type() in NESTED_TYPES
    except Exception:             # a header the parser cannot read: as the parser would take it
        return False


def read_nested(msg, parse, budget):
    """`msg` with its parts made plain messages again and each encoded attached message
    decoded and parsed with `parse` (which shares `budget`, a one-item list of what is left)."""
    encoded = []
    for part in msg.walk():
        if type(part) is Reading:
            if encoded_message(part):
                encoded.append(part)
            part.__class__ = EmailMessage
    for part in encoded:
        _decode(part, parse, budget)
    return msg


def _decode(part, parse, budget):
    if budget[0] <= 0:
        return
    budget[0] -= 1
    try:
        data = part.get_payload(decode=True)
    except (LookupError, ValueError, TypeError):
        return
    if not data or over_limits(data) is not None:
        return
    part.set_payload([parse(data)])
    part.replace_header("Content-Transfer-Encoding", "8bit" if max(data) > 127 else "7bit")
