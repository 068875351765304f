"""Where a person's own words end in a reply: quotes, attributions, forwarded blocks."""

import re
from functools import lru_cache

from mailrouter.mail.replies import split_reply

OWN_TEXT_ENDS = re.compile(r"^(?:>|On .*(?:wrote|schrieb|a écrit)|On .{5,120}<\s*$|.*wrote:\s*$|"
                           r"-{2,}\s*(?:Forwarded|Original)|Begin forwarded message|From:\s)", re.MULTILINE)
SIGNATURE = re.compile(r"^-- ?\r?$", re.MULTILINE)
QUOTE_LINE = re.compile(r"[ \t]*>")
NOT_QUOTED = re.compile(r"^(?![ \t]*>)[ \t]*\S", re.MULTILINE)     # a line of text not quoted
# A report's text is split by several stages (identify and throttle in the worker, the
# clean copy and its signature in the reading process): the same text is split once while
# among the last few. Only texts up to this size are kept, so the cache stays small.
SPLIT_KEPT = 64 * 1024
# Quotes pasted among the own words looked for at most, in a text up to SPLIT_KEPT: each
# costs a split of the rest (a longer text is split once, as before).
MAX_PASTED_QUOTES = 16


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


def trimmed(text, pasted=False):
    """The writer's own words, without quoted earlier mail or a `-- ` signature; `pasted`:
    with the quotes they pasted between their words (`with_pasted_quotes`)."""
    own = with_pasted_quotes(text) if pasted else split_own_text(text)[0]
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


def with_pasted_quotes(text):
    """The writer's own words with the `>` quotes they pasted among them: a quote their own
    words follow (not an attribution, a forward, or nothing: the mail they answer) is what they
    quote as evidence ("a friend got this, I paste it:" then a <blockquote>), and is kept."""
    head, own, _ = own_parts(text)
    return head + own


def own_parts(text):
    """(the own words up to the last quote they pasted, inclusive; their words after it; the
    quoted or forwarded rest): `split_own_text` with pasted quotes kept as their own words."""
    head, (own, rest) = "", split_own_text(text)
    for _ in range(MAX_PASTED_QUOTES if len(text) <= SPLIT_KEPT else 0):
        if not rest or not QUOTE_LINE.match(rest):
            break
        end = next((m.start() for m in NOT_QUOTED.finditer(rest)), len(rest))
        own_after, rest_after = split_own_text(rest[end:])
        if not own_after.strip():
            break
        head, own, rest = head + own + rest[:end], own_after, rest_after
    return head, own, rest
