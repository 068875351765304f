"""A report's parts as the files clean_copy attaches: a part's bytes, a file uuencoded into a
text body, and the one part of a message that is not its text (F1).

A message whose whole body is one part that is not inline text (an S/MIME blob, an inline
image, a PDF, a `text/plain` marked as an attachment, a forwarded message) is that part, as a
multipart would carry it: its own MIME header fields and its payload, nothing of the sender's
header, so it is cleaned or withheld and sealed like any attachment, never dropped.
"""

from email.message import EmailMessage

from mailrouter.mail.filenames import clean_filename
from mailrouter.mail.header_cache import FAST_SMTP

PART_FIELDS = ("content-type", "content-transfer-encoding", "content-disposition", "content-id")


def lone_part(msg):
    """The one part of the single-part `msg` (or of a bare message/rfc822), as a part."""
    part = type(msg)(policy=msg.policy)
    for name, value in msg.raw_items():
        if name.lower() in PART_FIELDS:
            part.set_raw(name, value)
    part.set_payload(msg.get_payload())
    return part


def as_part(file):
    """A file decoded out of a text body, as the attachment it was meant to be."""
    part = EmailMessage(policy=FAST_SMTP)
    part.set_content(file.data, maintype="application", subtype="octet-stream",
                     filename=clean_filename(file.filename) or "file")     # a CR or a control: cleaned
    return part


def payload(part):
    """A part's bytes, decoded; as written when its transfer encoding cannot be undone."""
    try:
        data = part.get_payload(decode=True)
    except (LookupError, ValueError, TypeError):
        data = None
    if data is None:
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    return data
