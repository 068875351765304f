"""T4: reading a message in a child process, within a time budget per message.

The expensive reading of a message (its caps checked on the raw bytes, parsing, the
clean copy: body text, HTML, attachments, scrubbing; and the search of its text for the
people it names) runs in one long-lived child process.
A Python thread cannot be interrupted, a process can: the worker waits for the child's
answer at most until the message's budget runs out, then kills the child, starts a fresh
one and raises `Unreadable`, which the worker answers by quarantining the entry at once.
So a slow message delays the others by its budget at most.

The budget is the time the child spends on one message, over every call for it (`parse_entry`,
then `scrub`: the clean copy and the people it names, one round trip); the stages that run in the worker between them read a message the caps
have already bounded. The child is started outside any budget (from a warm fork server)
and keeps the last message it parsed, so the scrub stage's call does not parse it again. Results
come back pickled: well under a millisecond for a report of a few KB.

The child reads the spool entry's file itself, by path, and checks the caps in chunks
before it loads the message (F4): a 20 MB report past the text cap is set aside without
its bytes ever being held whole, in the child or the daemon, nor sent through the pipe.
The worker loads the bytes only once the caps passed, and names them to the child
(`parsed`) so later calls about the same message send no copy of them either.
"""

import logging
import multiprocessing
import os
import time

from mailrouter.cases.parties import named_parties
from mailrouter.entry_dir import open_payload
from mailrouter.mail.limits import Unreadable, over_limits, over_limits_in
from mailrouter.mail.message import parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.scrubber import Scrubber

log = logging.getLogger("mailrouter.pipeline.reading")
# forkserver: the daemon has threads (intake loop, courier, worker), and forking a process
# with threads can copy a lock held by another thread; the fork server has none.
START_METHOD = "forkserver"


class Reader:
    """The worker's side: one child, one budget per message."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.remaining = 0.0             # of the current message's budget, in seconds
        self._context = multiprocessing.get_context(START_METHOD)
        self._context.set_forkserver_preload([__name__])
        self._process = self._conn = None
        # id() of the worker's bytes of the message the child holds: not the bytes, which
        # would stay alive until the next message (a big one's 20 MB); while they are in use
        # no other object can have their id, and each message sets it anew.
        self._parsed = None

    def start(self):
        """Start the child now rather than for the first message (the daemon's start-up)."""
        self._ensure_child()

    def parse_entry(self, path):
        """The message in the spool entry file at `path`, its caps checked in chunks and
        then parsed in the child; starts the message's budget."""
        self._ensure_child()
        self.remaining, self._parsed = self.seconds, None
        return self._call("parse_entry", path)

    def parsed(self, raw):
        """`raw` are the bytes of the message `parse_entry` read: calls with them send none."""
        self._parsed = id(raw)
        return raw

    def scrub(self, raw, identity, unknown, notes, committee):
        """(report, originals, notes, named): the members' copy of the message `parse` read
        last and the people it names (cases/parties.py), in one round trip to the child."""
        return self._call("scrub", raw, identity, unknown, notes, committee)

    def close(self):
        if self._process is not None:
            self._conn.close()
            self._process.kill()
            self._process.join()
            self._process = self._conn = None

    def _ensure_child(self):
        if self._process is not None and self._process.is_alive():
            return
        self.close()
        _reachable_cwd()
        ours, theirs = self._context.Pipe()
        self._process = self._context.Process(target=serve, args=(theirs,), name="mailrouter-reader",
                                              daemon=True)
        self._process.start()
        theirs.close()
        self._conn = ours

    def _call(self, operation, *args):
        holds = self._process is not None and self._process.is_alive()
        self._ensure_child()             # a crash in an earlier call left none
        if holds and id(args[0]) == self._parsed:
            args = (None,) + args[1:]    # the child's own copy, rather than another
        started = time.monotonic()
        self._conn.send((operation, args))
        answered = self._conn.poll(max(self.remaining - (time.monotonic() - started), 0))
        self.remaining -= time.monotonic() - started
        if not answered:
            log.warning("reading a message took longer than %g s: its process is replaced", self.seconds)
            self.close()
            self._parsed = None
            self._ensure_child()         # the next message must not pay for the start
            raise Unreadable(f"reading took longer than its budget of {self.seconds:g} s")
        try:
            outcome, value = self._conn.recv()
        except (EOFError, OSError):
            self.close()
            raise RuntimeError("the reading process died") from None
        except Exception as error:       # an answer that does not unpickle here
            raise RuntimeError(f"reading failed ({error.__class__.__name__})") from None
        if outcome == "error":
            try:
                raise value
            finally:
                # The exception's traceback holds this frame: without this, a cycle keeps
                # the message's bytes (args) alive until a full gc, 20 MB a big report (F4).
                del value, args
        return value


def _reachable_cwd():
    """Make sure the child can enter our working directory: it does so by name at start."""
    try:
        reachable = os.path.isdir(os.getcwd())
    except OSError:                      # removed since we started
        reachable = False
    if not reachable:
        # Hidden by a sandbox's mount namespace or deleted: nothing relative works from it
        # anyway (the configuration is read with absolute paths), so "/" loses nothing.
        os.chdir("/")


def serve(conn):
    """The child's loop: answer each request with ("ok", result) or ("error", exception)."""
    last = None                          # the message parse_entry read last
    while True:
        try:
            operation, args = conn.recv()
        except (EOFError, OSError):
            return                       # the worker closed its end or is gone
        try:
            if operation == "parse_entry":
                last = None              # its bytes are freed before the next are read
                last = _read_entry(args[0])
                answer = ("ok", last)
            else:
                msg = _last(last) if args[0] is None else _read(args[0])
                answer = ("ok", OPERATIONS[operation](msg, *args[1:]))
        except Exception as error:       # the worker retries or quarantines, as for its own
            answer = ("error", error)
        _answer(conn, answer)


def _answer(conn, answer):
    try:
        conn.send(answer)
    except Exception as error:           # an exception or result that does not pickle
        conn.send(("error", RuntimeError(f"reading failed ({error.__class__.__name__})")))


def _read_entry(path):
    with open_payload(path) as entry:
        start = entry.tell()
        reason = over_limits_in(entry)
        if reason:
            raise Unreadable(reason)
        entry.seek(start)
        return parse(entry.read())


def _last(msg):
    if msg is None:
        raise RuntimeError("the reading process holds no message")
    return msg


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
