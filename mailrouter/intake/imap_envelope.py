"""What the SMTP envelope would have said, read from a delivered message's headers.

Over IMAP there is no envelope. The recipient is the first address in Delivered-To,
X-Original-To, To or Cc that is the alias or a `+` address under it: a `+` address only
where `accepts` it (a live case address, as at the SMTP door), else the search goes on;
when nothing matches, the alias. The sender is the Return-Path the delivering server wrote
(`<>` for a bounce, which the pipeline then holds as automatic mail), else the From address.
A Return-Path under the alias itself (Google Groups rewrites it to `conduct+bnc…@` when the
alias is a group delivering into the mailbox) says nothing of the sender: From is used.
"""

from email.utils import getaddresses

from mailrouter.mail.message import PARSER_FAULTS, header, normalise_line_ends, parse, sole_mailbox, unsurrogate

RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "To", "Cc")
_UNSAFE = set("\r\n\0 \t<>\"")


def headers_of(raw):
    """The header section, read by the one safe parse (mail/message.py: deep comments read flat)."""
    head = normalise_line_ends(raw).split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    return parse(head)


def envelope(msg, alias, accepts):
    """(mail_from, recipient) for the spool, as the SMTP handler would record them."""
    return sender(msg, alias), recipient(msg, alias, accepts)


def recipient(msg, alias, accepts):
    for name in RECIPIENT_HEADERS:
        for address in _addresses(msg, name):
            if not _under(address, alias):
                continue
            if address.lower() == alias.lower():
                return alias
            if accepts(address):
                return address
    return alias


def sender(msg, alias):
    path = header(msg, "Return-Path").strip()
    if path:
        inner = path.strip("<> \t")
        if not inner:
            return ""                       # <>: the null sender of a bounce
        if "@" in inner and not _UNSAFE & set(inner) and not _under(inner, alias):
            return inner
    mailbox = sole_mailbox(msg)
    return mailbox.addr_spec if mailbox else ""


def message_id(msg):
    """The Message-ID as a safe IMAP search string, or None."""
    value = header(msg, "Message-ID").strip()
    if not value or len(value) > 250 or not value.isascii() or any(c in value for c in "\r\n\0\""):
        return None
    return value


def _under(address, alias):
    """The alias itself or a `+` address under it."""
    local, _, domain = alias.lower().rpartition("@")
    their_local, _, their_domain = address.lower().rpartition("@")
    return their_domain == domain and their_local.split("+", 1)[0] == local


def _addresses(msg, name):
    try:
        values = [unsurrogate(str(value)) for value in msg.get_all(name) or []]
        return [address for _, address in getaddresses(values) if "@" in address]
    except PARSER_FAULTS:
        return []
