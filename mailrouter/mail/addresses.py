"""Which addresses mail can be sent to, and which of them a person reads.

Header parsers are lenient: `getaddresses('"Jane <jane@example.net>')` gives the "address"
`Jane <jane@example.net>`, and a control or undecodable 8-bit byte comes through as part of
one. Such a string is still kept to scrub the report, but nothing is ever sent to it: a report
whose sender has no deliverable address is handled as one from an unknown sender.
"""

import re
import unicodedata
from email.utils import getaddresses

_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
MAX_ADDRESS = 254                    # RFC 5321's path limit, less the angle brackets
MAX_LOCAL = 64
MAX_GROUPS = 100                     # colons in one value: each opens a group, parsed by recursion
AUTOMATIC_LOCAL_PARTS = ("mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply",
                         "do-not-reply", "bounce", "bounces", "nobody")


def _unicode_ok(text):
    """Non-ASCII is allowed (RFC 6531) when it is a letter, mark, number or symbol: not a
    control, format (bidi override), space, surrogate-escaped byte, or the replacement
    character a parser puts where a byte did not decode."""
    return all(ord(c) < 128 or (unicodedata.category(c)[0] in "LMNSP" and c != "\ufffd") for c in text)


def _dot_atom(text, word):
    atoms = text.split(".")
    return all(atom and all(word.fullmatch(a) for a in re.split(r"[^\x00-\x7f]+", atom) if a)
               for atom in atoms) and _unicode_ok(text)


def deliverable(address):
    """True when `address` is one mailbox (`local@host.domain`) the courier will send to."""
    if not isinstance(address, str) or not 3 <= len(address) <= MAX_ADDRESS:
        return False
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or len(local.encode("utf-8", "replace")) > MAX_LOCAL:
        return False
    # As the courier checks before MAIL/RCPT: a dotted host name (no bare host, no literal).
    return "." in domain and _dot_atom(local, _ATEXT) and _dot_atom(domain, _LABEL)


def plausible_human(address, own_addresses=()):
    """A deliverable address that is not a mail system, a no-reply account, or our own (one
    of its `+` subaddresses too: a case address, a return path)."""
    local, _, domain = address.lower().rpartition("@")
    local = local.split("+", 1)[0]
    own = {a.lower() for a in own_addresses}
    if not deliverable(address) or address.lower() in own or f"{local}@{domain}" in own:
        return False
    return local not in AUTOMATIC_LOCAL_PARTS and not local.endswith("-request") and \
        not local.startswith("owner-")


def address_pairs(value):
    """`email.utils.getaddresses` of one value of free text ("Original reporter: …"). Where
    that would not end well, the bare addresses written in it, with no names: more colons
    than MAX_GROUPS (each opens a group, which the parser reads by recursion: "From:" 1,600
    times raised RecursionError, and the report was set aside) or any error of the parser
    (T4). An address in the value is never lost: it may be someone to protect."""
    if value.count(":") <= MAX_GROUPS:
        try:
            return getaddresses([value])
        except (ValueError, IndexError, TypeError, RecursionError):
            pass
    return [("", address) for address in _BARE_ADDRESS.findall(value)]


_BARE_ADDRESS = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
