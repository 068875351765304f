"""T4: reading a message in a child process, within a time budget per message.

The expensive reading of a message (its caps checked on the raw bytes, parsing, the
clean copy: body text, HTML, attachments, scrubbing; and the search of its text for the
people it names) runs in one long-lived child process (pipeline/reading_process.py).
A Python thread cannot be interrupted, a process can: the worker waits for the child's
answer at most until the message's budget runs out, then kills the child, starts a fresh
one and raises `Unreadable`, which the worker answers by quarantining the entry at once.
So a slow message delays the others by its budget at most.

The budget runs from a message's `parse_entry` to its `scrub` (the clean copy and the people it
names): the child's time and the worker's own between the calls, whose stages read the body
text the child worked out (mail/message.body_text). The child starts outside any budget, from a
warm fork server. Answers come back pickled: well under a millisecond for a report of a few KB.

The worker does not wait for the child more than it must (issue 11): under a backlog it
names its next entry (`read_ahead`); once the child answered the scrub call of the entry in
hand, or as soon as that entry is taken if it was scrubbed ahead, the child parses the next
one while the worker works. One request is in flight at a time: a slow message read ahead
can only delay the worker's next call, never fail it: that call first receives the answer
ahead (within the budget of the entry read ahead, started when it was sent to the idle
child), and a kill at that budget is that entry's alone. A report to the alias read ahead is also scrubbed ahead, for
the identity the child expects identify_reporter to find (the same function on the same
bytes, envelope and settings). identify_reporter takes that identity as its own when the
settings it holds are the objects the child used (`identity_ahead`), rather than finding it
again; the worker takes the scrub answer only when the identity in hand is that one, the
settings are the objects it sent and no note was made yet, and otherwise asks, so a wrong
guess costs the child's time, never a wrong copy (tests/test_scrubbed_ahead.py).
The guess is spent within the entry's budget (its child's time): mail whose parsing alone was
slow, or big, is not guessed at. Settings go to the child only when they change (a reload).

The child reads the spool entry's file itself, by path, and checks the caps in chunks
before it loads the message (F4): a 20 MB report past the text cap is set aside without
its bytes ever being held whole, in the child or the daemon, nor sent through the pipe.
It keeps at most two messages, by path (the entry in hand, the one read ahead). The worker
loads the bytes once the caps passed, and names them (`parsed`): later calls send the path.
"""

import logging
import time

from mailrouter import child_process
from mailrouter.mail.limits import Unreadable
from mailrouter.mail.message import split_head
from mailrouter.pipeline import reading_process
from mailrouter.pipeline.reading_process import serve

log = logging.getLogger("mailrouter.pipeline.reading")


class Reader:
    """The worker's side: one child, one budget per message, one request in flight at a time."""

    def __init__(self, seconds):
        self.seconds = seconds
        self._deadline = 0.0             # monotonic time the current message's budget runs out
        self._context = child_process.context(preload=[reading_process.__name__])
        self._process = self._conn = None
        # (id() of the worker's bytes of a message, its entry's path): not the bytes (20 MB a
        # big one's, alive until the next message); while in use no other object has their id.
        self._parsed = None
        self._path = None                # of the entry parse_entry read last
        self._held = []                  # paths of the messages the child holds, as it keeps them
        self._settings = None            # (unknown, committee, own addresses) the child holds: sent on change
        self._upcoming = None            # the entry to read ahead once the child is free
        self._ahead = None               # [path, monotonic time sent, answer once received, settings]
        self._guess = None               # (identity, scrub answer) the child found ahead, and its settings
        self.answered_ahead = 0          # scrub calls the child had answered ahead (tests, bench)
        self.identified_ahead = 0        # identities the child had found ahead, taken (tests)

    @property
    def remaining(self):                 # seconds (a 2.9 MB table took the worker 1.8 s past it)
        return self._deadline - time.monotonic()

    @remaining.setter
    def remaining(self, seconds):    # (a test's injected fault sets it to 0)
        self._deadline = time.monotonic() + seconds

    def start(self):
        """Start the child now rather than for the first message (the daemon's start-up)."""
        self._ensure_child()

    def read_ahead(self, path):
        """The worker's next entry (or None), parsed by the child from the scrub call of this one."""
        self._upcoming = path

    def parse_entry(self, path):
        """The message in the spool entry file at `path`, its caps checked in chunks and
        then parsed in the child; starts the message's budget."""
        self._parsed, self._path, self._guess = None, path, None
        self._settle()
        ahead, self._ahead = self._ahead, None   # read ahead for another entry: read again when taken
        self.remaining = self.seconds
        if ahead is None or ahead[0] != path:
            return self._call("parse_entry", path)
        self.remaining -= ahead[2][2]            # the child's time on it, not the worker's on others
        msg, guess = _result(*ahead[2][:2])
        self._guess = None if guess is None else (guess, ahead[3])
        if self._guess is not None:              # likely no call for this one: the next is read meanwhile
            self._send_ahead()
        return msg

    def parsed(self, raw):
        """`raw` are the bytes of the message `parse_entry` read: calls with them send none."""
        self._parsed = (id(raw), self._path)
        return raw

    def identity_ahead(self, raw, committee, own_addresses):
        """The reporter's identity the child found ahead for this message (`reporter_identity`,
        identify_reporter's own function, on the same bytes and envelope) when it used these
        settings, or None: the worker then finds it itself (issue 11: it did both, always)."""
        guess = self._guess
        if guess is None or self._parsed != (id(raw), self._path) or guess[1] is None:
            return None
        _, sent_committee, sent_own = guess[1]
        if sent_committee is not committee or sent_own != frozenset(own_addresses):
            return None
        self.identified_ahead += 1
        return guess[0][0]

    def identify(self, raw, mail_from, committee, own_addresses):
        """The reporter's identity found in the child, within the message's budget (T4: 2.6 s of the
        worker's own time on a 2.9 MB table), or None if the child does not hold the message."""
        own = frozenset(own_addresses)
        if self._parsed is None or self._parsed[0] != id(raw) or self._parsed[1] not in self._held:
            return None
        held = self._settings
        sent = None if held is not None and held[1] is committee and held[2] == own else (committee, own)
        identity = self._call("identify", self._parsed[1], split_head(raw)[0], mail_from, sent)
        self._settings = (held[0] if held else None, committee, own)
        return identity

    def scrub(self, raw, identity, unknown, notes, committee, own_addresses):
        """(report, originals, notes, named): the members' copy of the message and the people
        it names (cases/parties.py), in one round trip to the child, or none: the answer the
        child found ahead, when it scrubbed for this same identity with these same settings."""
        own_addresses = frozenset(own_addresses)
        try:
            guess, self._guess = self._guess, None
            if guess is not None and self._parsed == (id(raw), self._path) and not notes \
                    and _same_settings(guess[1], unknown, committee, own_addresses) and guess[0][0] == identity:
                self.answered_ahead += 1
                return guess[0][1]
            return self._call("scrub", raw, identity, unknown, notes, committee, own_addresses)
        finally:
            self._send_ahead()

    def close(self):
        if self._process is not None:
            self._conn.close()
            self._process.kill()
            self._process.join()
        self._process = self._conn = self._settings = self._ahead = None
        self._held = []

    def _ensure_child(self):
        if self._process is not None and self._process.is_alive():
            return
        self.close()
        child_process.reachable_cwd()
        ours, theirs = self._context.Pipe()
        self._process = self._context.Process(target=serve, args=(theirs,), name="mailrouter-reader",
                                              daemon=True)
        self._process.start()
        theirs.close()
        self._conn = ours

    def _call(self, operation, *args):
        settling = time.monotonic()
        self._settle()                   # the child answers in order: what it reads ahead first
        self._deadline += time.monotonic() - settling    # (that wait is the other entry's)
        self._ensure_child()             # a crash in an earlier call left none
        self._send(operation, args)
        # An exception's traceback holds this frame: without this, the message's bytes (args)
        # stay alive as long as the exception does, 20 MB a big report (F4).
        del args
        return _result(*self._receive(self.remaining)[:2])

    def _send(self, operation, args):
        if operation == "identify":      # about the message the child holds: its holdings unchanged
            self._conn.send((operation, args))
            return
        if operation != "scrub":
            self._held = [held for held in self._held if held != args[0]][-1:]   # as the child does
            self._conn.send((operation, args))
            return
        raw, identity, unknown, notes, committee, own = args
        if self._parsed is not None and self._parsed[0] == id(raw) and self._parsed[1] in self._held:
            raw = self._parsed[1]        # the child's own copy, rather than another
        same = _same_settings(self._settings, unknown, committee, own)
        self._conn.send((operation, (raw, identity, notes, None if same else (unknown, committee, own))))
        # Kept by reference, so no other object takes their id while the child holds them.
        self._settings = (unknown, committee, own)

    def _receive(self, seconds):
        """("ok"/"error", result or exception, the child's seconds); past `seconds`: Unreadable."""
        if not self._conn.poll(max(seconds, 0)):
            log.warning("reading a message took longer than %g s: its process is replaced", self.seconds)
            self.close()
            self._ensure_child()         # the next message must not pay for the start
            raise Unreadable(f"reading took longer than its budget of {self.seconds:g} s")
        try:
            answer = self._conn.recv()
        except (EOFError, OSError):
            self.close()
            raise RuntimeError("the reading process died") from None
        except Exception as error:       # an answer that does not unpickle here
            raise RuntimeError(f"reading failed ({error.__class__.__name__})") from None
        if answer[0] == "ok" and answer[2] is not None:
            self._held.append(answer[2])
        return answer[0], answer[1], answer[3]

    def _send_ahead(self):
        """Ask the child, now idle, for the next entry (T4: its budget starts now)."""
        path, self._upcoming = self._upcoming, None
        if path is None or self._ahead is not None or self._process is None or not self._process.is_alive():
            return
        try:
            self._send("read_ahead", (path,))
        except OSError:                  # the child died since it answered: read when taken
            self.close()
            return
        self._ahead = [path, time.monotonic(), None, self._settings]

    def _settle(self):
        """Receive the answer to the entry read ahead, if it is still due, within its budget;
        whatever it is (its caps, its budget, the child's death) is that entry's alone."""
        if self._ahead is None or self._ahead[2] is not None:
            return
        ahead = self._ahead
        try:
            answer = self._receive(self.seconds - (time.monotonic() - ahead[1]))
        except (Unreadable, RuntimeError) as error:
            answer = ("error", error, self.seconds)
        self._ahead = [ahead[0], ahead[1], answer, ahead[3]]


def _same_settings(settings, unknown, committee, own_addresses):
    """Whether the child holds these settings: the same objects (a reload makes new ones)."""
    return settings is not None and settings[0] is unknown and settings[1] is committee \
        and settings[2] == own_addresses


def _result(outcome, value):
    if outcome == "error":
        try:
            raise value
        finally:
            del value                    # its traceback holds this frame: no cycle through it
    return value
