"""Who may post into a case (A2, A3, A5): pure checks, no side effects.

A reply address alone is not enough: the one From mailbox must be the address the token
was issued to. Where the front MTA writes Authentication-Results (configured
`authserv_id`), DMARC or aligned SPF must also pass there. Only results written by our
MTA count: those above the first Received header, which it added on delivery; a copy
further down claiming our id came from outside and is ignored (RFC 8601 §5).
"""

import re

from mailrouter.mail.message import sole_mailbox, unsurrogate

_RESULT = re.compile(r"\b(dmarc|spf)\s*=\s*(\w+)", re.IGNORECASE)
_MAILFROM = re.compile(r"\bsmtp\.mailfrom\s*=\s*\"?([^\s;\"]+)", re.IGNORECASE)


def sender_problem(msg, expected_addresses, authserv_id=None):
    """Why this message may not post as the holder, or None if it may."""
    mailbox = sole_mailbox(msg)
    if mailbox is None:
        return "From has no single mailbox"
    if mailbox.addr_spec.lower() not in {a.lower() for a in expected_addresses}:
        return "sent from an address the reply address was not issued to"
    if authserv_id:
        results = trusted_results(msg, authserv_id)
        if not results:
            return "no Authentication-Results from our mail server"
        if not any(passes(r, mailbox.domain) for r in results):
            return "neither DMARC nor aligned SPF passed"
    return None


def trusted_results(msg, authserv_id):
    """Authentication-Results bodies with our id, written above the first Received."""
    trusted = []
    for name, value in msg.raw_items():
        lowered = name.lower()
        if lowered == "received":
            break
        if lowered == "authentication-results":
            text = unsurrogate(" ".join(str(value).split()))
            if text.split(";", 1)[0].strip().split()[0].lower() == authserv_id.lower():
                trusted.append(text)
    return trusted


def passes(result, from_domain):
    verdicts = {kind.lower(): value.lower() for kind, value in _RESULT.findall(result)}
    if verdicts.get("dmarc") == "pass":
        return True
    mailfrom = _MAILFROM.search(result)
    if verdicts.get("spf") == "pass" and mailfrom:
        domain = mailfrom.group(1).rsplit("@", 1)[-1].lower()
        return aligned(domain, from_domain.lower())
    return False


def aligned(a, b):
    """Relaxed alignment: the same domain, or one a subdomain of the other."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)
