"""Where a committee member's own words end in a reply, and what the rest is.

A member's mail client puts the committee's internal discussion below the
member's words: behind '>' marks, under an attribution line ("On ..., Ana
Lima <ana@example.org> wrote:"), under a forwarded-message separator or under
an Outlook header block ("From: / Sent: / To: / Subject:"), in the member's
language. `split_reply` cuts the reply where the first of these begins.

It fails closed: text after the own words that looks like earlier mail in a
shape it does not know (an unknown header block, a separator, an address in
angle brackets, a line ending with a colon that carries an address or a date
and a time) is returned as `unclassified`, never as own words.

Lines are tested one at a time (or two or three joined, for wrapped attributions)
with patterns of bounded repetition, so the work is linear in the text.
"""

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from mailrouter.mail.reply_markers import (
    ADDRESS_COLON, ANGLE_ADDRESS, DATE, DEVICE, DIGIT, EMAIL, FIELD_LINE, HEADER_LINE, MARKER_CHARACTER,
    MARKER_LINE, MOBILE_SIGNATURE, OPENER, QUOTE_LINE, SEPARATOR_LIKE, SEPARATOR_PHRASE, SEPARATOR_RUN,
    SIGNATURE_DASHES, SIGNATURE_HINT, TIME, VERB_ANYWHERE, VERB_AT_END, VERB_BEFORE_NAME)

MAX_MARKER_LINE = 600       # longer lines are never attribution or header lines
MAX_CHECKED_LINES = 5000    # lines with a marker character examined before giving up
SENTENCE_END = (".", "!", "?", "。", "！", "？")


@dataclass(frozen=True)
class ReplyParts:
    own: str            # the writer's own words, without quoted mail or signature
    quoted: str         # recognised quoted/forwarded earlier mail, attribution line onward
    unclassified: str   # text after the own words that may be earlier mail, not recognised


def split_reply(text: str) -> ReplyParts:
    """Split a member's reply into own words, recognised quoted mail and the unrecognised rest."""
    text = text or ""
    raw_lines = text.split("\n")
    lines = [line.rstrip("\r") for line in raw_lines]
    offsets = list(accumulate((len(line) + 1 for line in raw_lines), initial=0))
    quoted_at, suspicious_at = None, None
    for count, index in enumerate(_lines_worth_checking(text, lines, offsets)):
        if count == MAX_CHECKED_LINES:      # no reply's own words are this long: fail closed
            suspicious_at = index if suspicious_at is None else suspicious_at
            break
        if _starts_quoted(lines, index):
            quoted_at = index
            break
        if suspicious_at is None and _is_suspicious(lines, index):
            suspicious_at = index
    quoted_from = offsets[quoted_at] if quoted_at is not None else len(text)
    own_until = offsets[suspicious_at] if suspicious_at is not None else quoted_from
    own = text[:own_until]
    signature = signature_start(own)
    own = own if signature is None else own[:signature]
    return ReplyParts(own=own.rstrip(), quoted=text[quoted_from:],
                      unclassified=text[own_until:quoted_from])


def _lines_worth_checking(text, lines, offsets):
    """Indices, in order, of the lines holding a marker character (':', '>', '@', '<', '----'),
    and of the two lines before one that ends with a colon (a wrapped attribution's start).
    Other lines can start neither quoted nor suspicious text; skipping them keeps this fast."""
    checked = -1
    for found in MARKER_LINE.finditer(text):
        index = bisect_right(offsets, found.start()) - 1
        first = index - 2 if _ends_colon(lines[index]) else index
        yield from range(max(first, checked + 1), index + 1)
        checked = index


def signature_start(text: str) -> int | None:
    """Index where a signature block ('-- ' line or a mobile signature) starts, or None."""
    text = text or ""
    dashes = SIGNATURE_DASHES.search(text)
    end = dashes.start() if dashes else len(text)
    lowered = text.replace("\u0130", "I").lower()     # 'İ' is the one letter whose lower case is longer
    hint = SIGNATURE_HINT.search(lowered, 0, end)
    while hint:
        start = text.rfind("\n", 0, hint.start()) + 1
        stop = text.find("\n", hint.end())
        stop = len(text) if stop < 0 else stop
        if _is_mobile_signature(text[start:stop].strip()):
            return start
        hint = SIGNATURE_HINT.search(lowered, stop + 1, end)
    return dashes.start() if dashes else None


def _is_mobile_signature(line):
    if len(line) > 90:
        return False
    found = MOBILE_SIGNATURE.fullmatch(line)
    return bool(found and (not found.group("sent") or DEVICE.search(line.lower())))


def _next_filled(lines, index, skip=2):
    """Index of the first non-blank line after `index`, looking past at most `skip` blank lines."""
    for candidate in range(index + 1, min(len(lines), index + 2 + skip)):
        if lines[candidate].strip():
            return candidate
    return None


def _dated(line, both=False):
    """Does the line (its last MAX_MARKER_LINE characters) carry a time or a date (or both)?"""
    tail = line[-MAX_MARKER_LINE:]
    if not DIGIT.search(tail):
        return False
    time_, date = TIME.search(tail), DATE.search(tail)
    return bool(time_ and date) if both else bool(time_ or date)


def _has_email(text):
    return "@" in text and bool(EMAIL.search(text))


def _has_signal(line):
    return "@" in line or "<" in line or _dated(line)


def _ends_colon(line):
    return line.rstrip().endswith((":", "："))


def _wrapped_quoted(lines, index):
    """Does a wrapped attribution start here? Gmail wraps long attribution lines, so the next one
    or two lines finish it with a colon; this line must carry an address, a date or a time."""
    for last in (index + 1, index + 2):
        if last >= len(lines) or not lines[last].strip():
            return False
        previous = lines[last - 1].strip()
        if len(previous) > 300 or previous.endswith(SENTENCE_END):
            return False
        if _ends_colon(lines[last]):
            joined = " ".join(part.strip() for part in lines[index:last + 1])
            return _has_signal(lines[index]) and _introduces_mail(joined, lines, last)
    return False


def _starts_quoted(lines, index):
    """Does recognised quoted or forwarded earlier mail start at this line?"""
    line = lines[index]
    if not line.strip():
        return False
    if not MARKER_CHARACTER.search(line):
        return bool(len(line) < 100 and SEPARATOR_PHRASE.fullmatch(line)) or _wrapped_quoted(lines, index)
    if QUOTE_LINE.match(line):
        return True
    if len(line) > MAX_MARKER_LINE:
        return False
    if SEPARATOR_PHRASE.fullmatch(line):
        return True
    if SEPARATOR_LIKE.search(line):
        following = _next_filled(lines, index)
        return following is not None and bool(HEADER_LINE.match(lines[following]))
    if _ends_colon(line) and _introduces_mail(line.strip(), lines, index):
        return True
    if (":" in line or "：" in line) and _header_block(lines, index):
        return True
    return _wrapped_quoted(lines, index)


def _introduces_mail(candidate, lines, last):
    return _is_attribution(candidate) or _colon_before_mail(candidate, lines, last, generic=True)


def _is_attribution(candidate):
    if _verb(VERB_AT_END, candidate) or ADDRESS_COLON.search(candidate):
        return True
    signal = _dated(candidate, both=True) or bool(_has_email(candidate))
    if _verb(VERB_BEFORE_NAME, candidate) and (signal or TIME.search(candidate)):
        return True
    return bool(signal and OPENER.match(candidate))


def _verb(pattern, text):
    """Does a verb pattern match the lower-cased text, a Latin-script verb at a word's start?"""
    lowered = text.lower()
    for found in pattern.finditer(lowered):
        before, first = lowered[found.start() - 1:found.start()], found.group()[0]
        if not (before.isalpha() and first.isalpha() and first < "\u2e80"):
            return True
    return False


def _colon_before_mail(candidate, lines, last, generic=False):
    """Is this line, which ends with a colon, followed by quoted lines or mail headers?"""
    if generic and not (_has_email(candidate) or _dated(candidate)):
        return False
    following = _next_filled(lines, last)
    line = lines[following] if following is not None else ""
    if QUOTE_LINE.match(line) or (HEADER_LINE.match(line) and _header_block(lines, following)):
        return True
    return bool(FIELD_LINE.match(line) and _has_signal(line.split(":", 1)[-1].split("：", 1)[-1]))


def _header_block(lines, index):
    """Two or more known header lines ("From:", "Von:", "差出人:") with at most one blank between."""
    following = _next_filled(lines, index, skip=1) if HEADER_LINE.match(lines[index]) else None
    return following is not None and bool(HEADER_LINE.match(lines[following]))


def _is_suspicious(lines, index):
    """Does earlier mail in an unknown shape possibly start at this line?"""
    line = lines[index]
    stripped = line.strip()
    if not stripped or not MARKER_CHARACTER.search(line):
        return False
    if ANGLE_ADDRESS.search(line) or SEPARATOR_LIKE.search(line) or SEPARATOR_RUN.fullmatch(stripped[:4]) \
            or SEPARATOR_RUN.fullmatch(stripped[-4:]):
        return True
    if ":" not in line and "：" not in line:
        return False
    if _dated_verb(line):
        return True
    if stripped.endswith((":", "：")) and (_has_email(line) or _dated(line, both=True)
                                         or _colon_before_mail(stripped, lines, index)):
        return True
    return _field_block(lines, index)


def _dated_verb(line):
    """'wrote:' (in any known language) with a date or time shortly before it, anywhere in the line."""
    if not DIGIT.search(line):
        return False
    lowered = line.lower()
    for count, verb in enumerate(VERB_ANYWHERE.finditer(lowered)):
        if count >= 20 or _dated(lowered[max(0, verb.start() - 300):verb.end()]):
            return True
    return False


def _field_block(lines, index):
    """`Word: value` lines in a row: two where a value holds '@', or three with an address or date."""
    chunk = "".join(lines[index:index + 3])
    if "@" not in chunk and "<" not in chunk and not DIGIT.search(chunk):
        return False
    run = []
    for line in lines[index:index + 3]:
        if len(line) > MAX_MARKER_LINE or not FIELD_LINE.match(line):
            break
        run.append(line.split(":", 1)[-1].split("：", 1)[-1])
    if len(run) >= 2 and any("@" in value for value in run[:2]):
        return True
    return len(run) == 3 and any(_has_signal(value) for value in run)
