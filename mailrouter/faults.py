"""Faults of the host, not of the message, and how long a loop waits them out (R2).

A full disk or quota, an I/O error, a file system gone read-only, too many open files, no
memory: whoever meets one waits and tries again, without counting it against the message
(a full disk must not quarantine mail, nor give up a delivery). The waiting is kept in
memory, since the disk may be what cannot be written. A foundation module.
"""

import errno
import time

TRANSIENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EMFILE,
                              errno.ENFILE, errno.ENOMEM})
FIRST = 1.0              # seconds; doubling per fault in a row ...
MAXIMUM = 60.0           # ... up to a minute


def is_transient(error):
    """True if `error`, or one it was raised from or while handling, is the host's fault.

    Callers wrap OSErrors (a SpoolError for an unreadable entry), so the chain is followed.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, MemoryError) or \
                (isinstance(error, OSError) and error.errno in TRANSIENT_ERRNOS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


class Backoff:
    """A loop's pause and its entries' holds after faults of the host, doubling to MAXIMUM.

    The loop pauses so that a full disk is not hammered entry after entry; each entry also
    waits on its own, so that one entry on a bad sector does not starve the others.
    """

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.next_pause = FIRST
        self.paused_until = 0.0
        self.held = {}                       # entry id -> (not before, its next delay)

    def paused(self):
        return self.clock() < self.paused_until

    def remaining(self):
        return max(0.0, self.paused_until - self.clock())

    def next_ready_in(self):
        """Seconds until the pause ends or the first entry held back is free; None if neither."""
        times = [until for until, _ in self.held.values()] + [self.paused_until]
        waits = [until - self.clock() for until in times if until > self.clock()]
        return min(waits) if waits else None

    def ready(self, entry_id):
        return self.held.get(entry_id, (0.0,))[0] <= self.clock()

    def pause(self):
        """Pause the loop; return how long, in seconds."""
        pause, self.next_pause = self.next_pause, min(self.next_pause * 2, MAXIMUM)
        self.paused_until = self.clock() + pause
        return pause

    def hold(self, entry_id):
        """Hold one entry back and pause the loop; return the entry's delay in seconds."""
        delay = self.held.get(entry_id, (0.0, FIRST))[1]
        self.held[entry_id] = (self.clock() + delay, min(delay * 2, MAXIMUM))
        self.pause()
        return delay

    def succeeded(self, entry_id=None):
        self.held.pop(entry_id, None)
        self.next_pause = FIRST

    def cleared(self):
        """Proof that the host works again (a write just succeeded): retry everything now."""
        self.paused_until = 0.0
        self.held.clear()
