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

from mailrouter.cases.parties import named_parties
from mailrouter.entry_dir import open_payload
from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.limits import Unreadable, over_limits, over_limits_in
from mailrouter.mail.message import parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.scrubber import Scrubber


def serve(conn):
    """The child's loop: answer each request with ("ok", result, path, seconds) or ("error",
    exception, None, seconds): `path` names the message it now holds, `seconds` its time on it."""
    held = {}                            # path -> message: the entry in hand and the one read ahead
    settings = None                      # (unknown, committee), sent when they change (a reload)
    while True:
        try:
            operation, args = conn.recv()
        except (EOFError, OSError):
            return                       # the worker closed its end or is gone
        started, path = time.monotonic(), None
        try:
            if operation == "parse_entry":
                path = args[0]
                for old in [held_path for held_path in held if held_path != path][:-1]:
                    del held[old]        # its bytes are freed before the next are read
                held.pop(path, None)
                held[path] = _read_entry(path)
                answer = ("ok", held[path])
            else:
                key, identity, notes, sent = args
                settings = sent or settings
                msg = _held(held, key) if isinstance(key, str) else _read(key)
                answer = ("ok", OPERATIONS[operation](msg, identity, settings[0], notes, settings[1]))
        except Exception as error:       # the worker retries or quarantines, as for its own
            answer, path = ("error", error), None
        _answer(conn, answer + (path, time.monotonic() - started))


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


def _held(held, path):
    if path not in held:
        raise RuntimeError("the reading process holds no such message")
    return held[path]


def _read(raw):
    reason = over_limits(raw)
    if reason:
        raise Unreadable(reason)
    return parse(raw)


def _clean_copy(msg, identity, unknown, notes):
    copy = CleanCopy(Scrubber(identity), unknown=unknown, notes=notes)
    report = copy.of(msg)
    return report, copy.originals, copy.notes


def _scrub(msg, identity, unknown, notes, committee):
    return _clean_copy(msg, identity, unknown, notes) + (named_parties(msg, committee, identity),)


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
    return FAST_SMTP.header_store_parse(name, value)[1]


OPERATIONS = {"scrub": _scrub}
