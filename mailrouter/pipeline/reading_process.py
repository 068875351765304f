"""The reading process's side of pipeline/reading.py (T4): parse, clean copy, named people.

It answers each request in order, keeps the messages it parsed by their entry's path (the
entry in hand and the one read ahead: at most two, so at most two big messages held), and
keeps the attachment settings and the committee the worker last sent. Its answers are
pickled with the header objects of the clean copy as their text (`dumps`).
"""

import io
import pickle
import time
from email.headerregistry import BaseHeader

from mailrouter.cases.parties import named_candidates, named_parties
from mailrouter.entry_dir import open_payload
from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.limits import Unreadable, over_limits, over_limits_in
from mailrouter.mail.message import parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.scrubber import Scrubber


def serve(conn):
    """The child's loop: answer each request with ("ok", result, path, seconds) or ("error",
    exception, None, seconds): `path` names the message it now holds, `seconds` its time on it."""
    holdings = _Holdings()
    while True:
        try:
            operation, args = conn.recv()
        except (EOFError, OSError):
            return                       # the worker closed its end or is gone
        started, path = time.monotonic(), None
        try:
            if operation == "scrub":
                answer = ("ok", holdings.scrub(*args))
            else:
                path = args[0]
                answer = ("ok", holdings.parse_entry(path, ahead=operation == "read_ahead"))
        except Exception as error:       # the worker retries or quarantines, as for its own
            answer, path = ("error", error), None
        _answer(conn, answer + (path, time.monotonic() - started))


class _Holdings:
    """What the child keeps between requests: the messages it parsed, by their entry's path,
    with the people each names if it found them ahead; the settings the worker last sent."""

    def __init__(self):
        self.held = {}                   # path -> [message, (committee, people it names) or None]
        self.settings = None             # (unknown, committee)

    def parse_entry(self, path, ahead):
        for old in [held_path for held_path in self.held if held_path != path][:-1]:
            del self.held[old]           # its bytes are freed before the next are read
        self.held.pop(path, None)
        msg = _read_entry(path)
        self.held[path] = [msg, None]
        if ahead and self.settings is not None:
            # The worker is busy with the entry before: the search of the text for names,
            # the scrub call's longest part, is done now, within this message's budget.
            committee = self.settings[1]
            try:
                self.held[path][1] = (committee, named_candidates(msg, committee))
            except Exception:            # not this call's to answer: the scrub call's, if any
                pass                     # (a member's reply has none), finds them again
        return msg

    def scrub(self, key, identity, notes, sent):
        self.settings = sent or self.settings
        unknown, committee = self.settings
        msg, found = self._held(key) if isinstance(key, str) else (_read(key), None)
        named = found[1] if found is not None and found[0] is committee else None
        report, originals, notes = _clean_copy(msg, identity, unknown, notes)
        return report, originals, notes, named_parties(msg, committee, identity, named)

    def _held(self, path):
        if path not in self.held:
            raise RuntimeError("the reading process holds no such message")
        return self.held[path]


def _answer(conn, answer):
    try:
        conn.send_bytes(dumps(answer))
    except Exception as error:           # an exception or result that does not pickle
        conn.send(("error", RuntimeError(f"reading failed ({error.__class__.__name__})"), None, answer[-1]))


def _read_entry(path):
    with open_payload(path) as entry:
        start = entry.tell()
        reason = over_limits_in(entry)
        if reason:
            raise Unreadable(reason)
        entry.seek(start)
        return parse(entry.read())


def _read(raw):
    reason = over_limits(raw)
    if reason:
        raise Unreadable(reason)
    return parse(raw)


def _clean_copy(msg, identity, unknown, notes):
    copy = CleanCopy(Scrubber(identity), unknown=unknown, notes=notes)
    report = copy.of(msg)
    return report, copy.originals, copy.notes


class _Pickler(pickle.Pickler):
    """Pickles a header object as its name and text (issue 11): by default it goes with its
    parse tree and unpickles by making its class anew with `type()`, ~1 ms a header each
    way, several per report. Made again from its text, it is the same header."""

    def reducer_override(self, obj):
        if isinstance(obj, BaseHeader):
            return _header, (obj.name, str(obj))
        return NotImplemented


def dumps(answer):
    """`answer` pickled, header objects by their text; unpickled by Connection.recv."""
    buffer = io.BytesIO()
    _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(answer)
    return buffer.getbuffer()


def _header(name, value):
    """The header object `value` makes (the composing policy reuses the same one for the
    same short text: the Content-Type, MIME-Version and Date of most reports)."""
    try:
        return FAST_SMTP.header_store_parse(name, value)[1]
    except ValueError:                   # a line break, which only setting a header refuses
        return FAST_SMTP.header_factory(name, value)


