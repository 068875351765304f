"""The address headers of forwarded evidence, scrubbed and still valid headers."""

from email.utils import formataddr, getaddresses

EVIDENCE_ADDRESSES = ("From", "To", "Cc")


def one_line(value):
    """A header value on one line, NULs read as spaces."""
    return " ".join(value.replace("\x00", " ").split())


def mailboxes(scrubber, value, scrubbed):
    """An address header of evidence whose reporter's address was scrubbed, still a valid
    header: `"[reporter]" <>` (a `<[reporter's address]>` is no address: it would be read,
    and passed on to the members, as a bare `<>`). `scrubbed`: the value scrubbed as text."""
    pairs = getaddresses([value])
    if scrubbed == one_line(value) or not pairs or not all("@" in a for _, a in pairs):
        return scrubbed
    placeholder, shown = scrubber.address_placeholder, []
    for name, address in pairs:
        clean_name, clean_address = one_line(scrubber.value(name)), scrubber.value(address)
        if clean_address == address:
            shown.append(formataddr((clean_name, address)))
            continue
        kept_name = clean_name if clean_name == one_line(name) else ""     # someone else's name
        label = clean_name if clean_name and not kept_name else " ".join(x for x in (kept_name, placeholder) if x)
        shown.append(formataddr((label, "")))
    return ", ".join(shown)


def by_another(scrubber, sender):
    """Whether a forwarded message from `sender` (its From) is someone else's: every mailbox
    an address and none of the reporter's, by address or name), whose signature is evidence
    and stays. Unreadable: the reporter's, and its signature goes."""
    pairs = getaddresses([sender or ""])
    return bool(pairs) and all("@" in a for _, a in pairs) and not scrubber.found_in(sender)
