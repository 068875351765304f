"""A person's new words above a copy of our own mail they forward (issue 11, F6).

The reporter forwards our acknowledgement to the alias with something to add: attached as
message/rfc822, or inline with its full headers (mutt, Thunderbird's "all headers"). Our loop
marker in that copy marks the message as carrying our own mail (mail/screening.py), as a
bounce does. `new_words` gives the message without the copy: the writer's own text above it
and any attachment of their own; None when nothing of theirs is left (a bot's copy).
"""

import re
from email.message import EmailMessage

from mailrouter.mail.message import body_text, header
from mailrouter.mail.quoting import split_own_text

_OUR_ID = re.compile(r"<r\.[a-z2-7]{13}\.[a-z2-7]{16}@", re.IGNORECASE)
KEPT_HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To",
                "References", "Authentication-Results")


def new_words(msg, loop_header):
    """A copy of `msg` with only the writer's own text and attachments, or None."""
    marker = re.compile(rf"^[ \t>]*{re.escape(loop_header)}:", re.IGNORECASE | re.MULTILINE)
    text = split_own_text(body_text(msg))[0]
    found = marker.search(text)
    text = text[:found.start()] if found else text
    if not text.strip() or _OUR_ID.search(text) or text.lstrip().lower().startswith(("from:", "return-path:")):
        return None
    try:
        return _rebuilt(msg, text, [part for part in _attachments(msg) if not _ours(part, loop_header, marker)])
    except (ValueError, TypeError, LookupError, UnicodeError, AttributeError):
        return None            # a header or text the writer refuses: held, as before


def _rebuilt(msg, text, own):
    kept = EmailMessage()
    for name in KEPT_HEADERS:
        for value in msg.get_all(name, ()):
            kept[name] = str(value)
    kept.set_content(text.rstrip() + "\n")
    if own:
        kept.make_mixed()
        for part in own:
            kept.attach(part)
    return kept


def _attachments(msg):
    try:
        return list(msg.iter_attachments()) if msg.is_multipart() else []
    except (KeyError, LookupError, ValueError, AttributeError):
        return []


def _ours(part, loop_header, marker):
    """An attached copy of our mail (message/rfc822 with our marker), or text that quotes it."""
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        return not hasattr(inner, "get") or bool(header(inner, loop_header)) or \
            bool(_OUR_ID.search(header(inner, "Message-ID")))
    if part.get_content_maintype() == "text":
        text = body_text(part) if part.is_multipart() else str(part.get_payload(decode=False))[:200_000]
        return bool(marker.search(text) or _OUR_ID.search(text))
    return False
