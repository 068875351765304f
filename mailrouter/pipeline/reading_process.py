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
from mailrouter.entry_dir import open_entry
from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.limits import Unreadable, over_limits, over_limits_in
from mailrouter.mail.message import body_text, parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.scrubber import Scrubber

# A report read ahead is scrubbed ahead too (`_scrubbed_ahead`), unless it is bigger than
# this (two clean copies of a big message would be held at once, F4) or its parsing alone
# took longer than this (a slow message's budget is not spent on a guess).
AHEAD_BYTES = 256 * 1024
AHEAD_AFTER = 0.05                       # seconds


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
            elif operation == "identify":
                answer = ("ok", holdings.identify(*args))
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
        self.settings = None             # (unknown, committee, own addresses)

    def parse_entry(self, path, ahead):
        """The message; read ahead, (the message, `_scrubbed_ahead`'s guess or None)."""
        started = time.monotonic()
        for old in [held_path for held_path in self.held if held_path != path][:-1]:
            del self.held[old]           # its bytes are freed before the next are read
        self.held.pop(path, None)
        meta, raw, msg = _read_entry(path)
        self.held[path] = [msg, None]
        if not ahead:
            return msg
        if self.settings is None:
            return msg, None
        # The worker is busy with the entry before: the search of the text for names,
        # the scrub call's longest part, is done now, within this message's budget.
        committee = self.settings[1]
        try:
            self.held[path][1] = (committee, named_candidates(msg, committee))
        except Exception:                # not this call's to answer: the scrub call's, if any
            return msg, None             # (a member's reply has none), finds them again
        return msg, self._scrubbed_ahead(path, meta, raw, time.monotonic() - started)

    def _scrubbed_ahead(self, path, meta, raw, parsing):
        """(the identity identify_reporter will find, the scrub call's answer for it), worked
        out before either is asked, for mail to the alias from outside the committee: what
        sets the pace under a backlog is the worker, and it waited here for every report.
        A guess: the worker uses the answer only if the identity it finds is this one, with
        the same settings and no notes yet (pipeline/reading.py), and asks otherwise."""
        unknown, committee, own = self.settings
        if len(raw) > AHEAD_BYTES or parsing > AHEAD_AFTER or committee.member(meta.get("mail_from") or "") \
                or not own & {recipient.lower() for recipient in meta.get("rcpt_tos", ())}:
            return None
        try:
            identity = reporter_identity(self.held[path][0], raw, meta.get("mail_from", ""), committee, own)
            return identity, self.scrub(path, identity, [], None)
        except Exception:                # the scrub call, when asked, answers for it
            return None

    def scrub(self, key, identity, notes, sent):
        self.settings = sent or self.settings
        unknown, committee, _ = self.settings
        msg, found = self._held(key) if isinstance(key, str) else (_read(key), None)
        named = found[1] if found is not None and found[0] is committee else None
        report, originals, notes = _clean_copy(msg, identity, unknown, notes)
        return report, originals, notes, named_parties(msg, committee, identity, named)

    def identify(self, path, head, mail_from, sent):
        """Who wrote the message held under `path` (identify_reporter's function), within its
        budget; `head`: its header section (all of its bytes the function reads)."""
        if sent is not None:
            self.settings = (self.settings[0] if self.settings else None, *sent)
        _, committee, own = self.settings
        return reporter_identity(self._held(path)[0], head, mail_from, committee, own)

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
    """(its envelope, its bytes, the message parsed) once the caps passed (F4)."""
    meta, entry = open_entry(path)
    with entry:
        start = entry.tell()
        reason = over_limits_in(entry)
        if reason:
            raise Unreadable(reason)
        entry.seek(start)
        raw = entry.read()
    msg = parse(raw)
    body_text(msg)                       # kept on it: here within its budget, not in the worker
    return meta, raw, msg


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


