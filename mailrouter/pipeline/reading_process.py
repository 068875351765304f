"""The reading process's side of pipeline/reading.py (T4): parse, clean copy, named people.

It answers each request in order, keeps the messages it parsed by their entry's path (the
entry in hand and the one read ahead: at most two, so at most two big messages held), and
keeps the attachment settings and the committee the worker last sent.
"""

import time

from mailrouter.cases.parties import named_parties
from mailrouter.entry_dir import open_payload
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
        conn.send(answer)
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


OPERATIONS = {"scrub": _scrub}
