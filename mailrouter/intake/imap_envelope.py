"""What the SMTP envelope would have said, read from a delivered message's headers.

Over IMAP there is no envelope. The recipients are the alias and the `+` addresses under
it that the delivering server's trace names (Delivered-To, X-Original-To: the envelope it
had), with the case addresses To and Cc name; the alias from To or Cc only when the trace
names none of ours (the trace then names the mailbox, or nothing). Each address once, the
alias under any spelling; a `+` address only where `accepts` it (a live case address, as at
the SMTP door); with none of them, the alias. All of them go to the spool, as one SMTP
transaction with every RCPT would: a Reply-All to a case address and the alias, filed as one
copy or one per address, then runs once on the case address's path by the worker's one rule
for that (`CaseLookups.recipients`, pipeline/lookups.py), never a rule of its own here.
The sender is the Return-Path the delivering server wrote (`<>` for a bounce, which the
pipeline then holds as automatic mail), else the From address.
A Return-Path under the alias itself (Google Groups rewrites it to `conduct+bnc…@` when the
alias is a group delivering into the mailbox) says nothing of the sender: From is used.
"""

from email.utils import getaddresses

from mailrouter.mail.message import PARSER_FAULTS, header, normalise_line_ends, parse, sole_mailbox, unsurrogate

TRACE_HEADERS = ("Delivered-To", "X-Original-To")      # written by the delivering server
WRITTEN_HEADERS = ("To", "Cc")                          # written by the sender
_UNSAFE = set("\r\n\0 \t<>\"")


def headers_of(raw):
    """The header section, read by the one safe parse (mail/message.py: deep comments read flat)."""
    head = normalise_line_ends(raw).split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    return parse(head)


def envelope(msg, alias, accepts):
    """(mail_from, rcpt_tos) for the spool, as the SMTP handler would record them."""
    return sender(msg, alias), recipients(msg, alias, accepts)


def recipients(msg, alias, accepts):
    """What the delivery was for, and the case addresses a Reply-All names beside the alias
    (its copy to the case address may be this very copy, filed once by the provider)."""
    delivered = _ours(msg, TRACE_HEADERS, alias, accepts)
    written = _ours(msg, WRITTEN_HEADERS, alias, accepts)
    if delivered:     # the alias in To of mail delivered to a case address was not its recipient
        written = [address for address in written if address != alias]
    found = {}
    for address in delivered + written:
        found.setdefault(address.lower(), address)
    return list(found.values()) or [alias]


def _ours(msg, names, alias, accepts):
    """The alias and the live case addresses in these header fields, in their order."""
    found = []
    for name in names:
        for address in _addresses(msg, name):
            if address.lower() == alias.lower():
                found.append(alias)
            elif _under(address, alias) and accepts(address):
                found.append(address)
    return found


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
