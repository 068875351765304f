"""More lines a report's own text can carry (issue 14), read like cases/declarations.py:

    Anonymous: yes              no identity is kept once the acknowledgement is sent
    Concern: pre-event          a safety arrangement for an upcoming event (PyTorch)
    Event date: 2026-12-05      the day of that event: the members are reminded on it
    Actions taken: …            a delegate's summary of what they did during the event
                                (that line and the lines below it, up to a blank line)

Only the sender's own words count: quoted lines and forwarded messages do not, so a
forwarded report's `Anonymous: yes` is its author's wish only when the delegate repeats it.
"""

import re
from datetime import date

from mailrouter.mail.quoting import split_own_text

ANONYMOUS_LINE = re.compile(r"^[ \t]*anonymous[ \t]*:[ \t]*yes[ \t.]*\r?$", re.IGNORECASE | re.MULTILINE)
CONCERN_LINE = re.compile(r"^[ \t]*concern[ \t]*:[ \t]*pre-?event[ \t.]*\r?$", re.IGNORECASE | re.MULTILINE)
EVENT_DATE_LINE = re.compile(r"^[ \t]*event date[ \t]*:[ \t]*(?P<day>\d{4}-\d{2}-\d{2})[ \t.]*\r?$",
                             re.IGNORECASE | re.MULTILINE)
ACTIONS_LINE = re.compile(r"^[ \t]*actions? taken[ \t]*:[ \t]*(?P<first>.*?)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
# A cheap first look at the raw bytes: most reports carry none of these lines, and need not
# have their text decoded (a few milliseconds of header parsing) or split. A base64 body
# hides the words, so any base64 part means looking properly.
_RAW_HINTS = (b"anonymous", b"concern", b"base64")


def may_carry_marks(raw):
    """False only when the message certainly has no `Anonymous:` or `Concern:` line."""
    lowered = (raw or b"").lower()
    return any(hint in lowered for hint in _RAW_HINTS)
SUMMARY_LIMIT = 4000        # characters kept of a delegate's summary


def own_words(text):
    """The sender's own words of a body text, without quoted or forwarded mail."""
    words, _ = split_own_text(text or "")
    return words


def is_anonymous(words):
    return bool(ANONYMOUS_LINE.search(words or ""))


def is_pre_event(words):
    return bool(CONCERN_LINE.search(words or ""))


def event_date(words):
    """The `Event date:` as an ISO date, or None when absent or not a real day."""
    match = EVENT_DATE_LINE.search(words or "")
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group("day")).isoformat()
    except ValueError:
        return None


def actions_taken(words):
    """The text of an `Actions taken:` section: its line and the lines below, to a blank line."""
    match = ACTIONS_LINE.search(words or "")
    if match is None:
        return ""
    lines = [match.group("first")]
    for line in words[match.end():].lstrip("\r\n").splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return "\n".join(line for line in lines if line).strip()[:SUMMARY_LIMIT]
