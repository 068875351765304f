"""Where a person's own words end in a reply: quotes, attributions, forwarded blocks."""

import re

OWN_TEXT_ENDS = re.compile(r"^(?:>|On .*(?:wrote|schrieb|a écrit)|On .{5,120}<\s*$|.*wrote:\s*$|"
                           r"-{2,}\s*(?:Forwarded|Original)|Begin forwarded message|From:\s)", re.MULTILINE)
SIGNATURE = re.compile(r"^-- ?\r?$", re.MULTILINE)


def split_own_text(text):
    """(the writer's own words, the quoted or forwarded rest)."""
    end = OWN_TEXT_ENDS.search(text or "")
    return (text[:end.start()], text[end.start():]) if end else (text or "", "")


def trimmed(text):
    """The writer's own words, without quoted earlier mail or a `-- ` signature."""
    own, _ = split_own_text(text)
    signature = SIGNATURE.search(own)
    if signature:
        own = own[:signature.start()]
    return own.strip()
