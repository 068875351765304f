"""Where a person's own words end in a reply: quotes, attributions, forwarded blocks."""

import re
from functools import lru_cache

from mailrouter.mail.replies import split_reply

OWN_TEXT_ENDS = re.compile(r"^(?:>|On .*(?:wrote|schrieb|a écrit)|On .{5,120}<\s*$|.*wrote:\s*$|"
                           r"-{2,}\s*(?:Forwarded|Original)|Begin forwarded message|From:\s)", re.MULTILINE)
SIGNATURE = re.compile(r"^-- ?\r?$", re.MULTILINE)
# A report's text is split by several stages (identify and throttle in the worker, the
# clean copy and its signature in the reading process): the same text is split once while
# among the last few. Only texts up to this size are kept, so the cache stays small.
SPLIT_KEPT = 64 * 1024


def split_own_text(text):
    """(the writer's own words, the quoted or forwarded rest).

    The rest starts at the first quote, attribution or forward separator that the common
    clients write in any of the languages privacy.replies knows.
    """
    text = text or ""
    return _split(text) if len(text) <= SPLIT_KEPT else _split.__wrapped__(text)


@lru_cache(maxsize=8)
def _split(text):
    quoted = split_reply(text).quoted
    end = len(text) - len(quoted) if quoted else None
    legacy = OWN_TEXT_ENDS.search(text)
    if legacy and (end is None or legacy.start() < end):
        end = legacy.start()
    return (text[:end], text[end:]) if end is not None else (text, "")


def trimmed(text):
    """The writer's own words, without quoted earlier mail or a `-- ` signature."""
    own, _ = split_own_text(text)
    signature = SIGNATURE.search(own)
    if signature:
        own = own[:signature.start()]
    return own.strip()


def own_after_inline_quotes(rest):
    """The writer's own words that go on below quoted lines with no attribution above them
    (evidence pasted as a '> ' quote, then the report, its sign-off and phone line): each run of
    unquoted lines up to the next quote, attribution or forwarded block, joined by blank lines."""
    pieces = []
    while rest.lstrip("\r\n \t").startswith(">"):
        lines = rest.split("\n")
        i = 0
        while i < len(lines) and (lines[i].lstrip().startswith(">") or not lines[i].strip()):
            i += 1
        own, rest = split_own_text("\n".join(lines[i:]))
        pieces.append(own)
    return "\n\n".join(pieces)
