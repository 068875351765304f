"""The outbox's queue: messages in memory until they must outlive their first attempt.

The journal record (`outbox_journal.py`) is the durable copy of what a commit queued, so a
message the relay takes at its first attempt needs no queue file of its own: writing eight
files per report was a quarter of the worker's time. A message gets its sealed file
(`outbox/queue/ID.msg`, unsynced: the journal is durable) only when it must wait: its
first attempt failed or was deferred, the courier held it back, it is large or memory is
full (HANDOVER_TOTAL), or the daemon stops with it unsent. Everything in the daemon that
reads the queue (`ids`, `meta`, `in`, `remove` ...) sees both kinds alike.

An index of every queued id and its next attempt, built from the directory and kept by
each change, answers `due` and `in` without a directory scan or a stat. What another
process changes (`mailrouter queue retry` or `delete`) is read again every REFRESH_SECONDS.
"""

import threading

from mailrouter.errors import SpoolError

HANDOVER_MESSAGE, HANDOVER_TOTAL = 256 * 1024, 4_000_000
REFRESH_SECONDS = 30.0      # the CLI promises its retry "within a minute"


class OutboxQueue:
    def __init__(self, files, clock):
        self.files = files              # the SealedEntryDir `outbox/queue`
        self.root = files.root
        self.memory = {}                # id -> (meta, payload): queued, no file yet
        self.memory_bytes = 0
        self.index = {}                 # id -> next attempt (ISO), memory and files alike
        self.claimed = set()            # ids in the relay's hands or being withdrawn: one at a time
        self.lock = threading.Lock()    # the worker queues, the courier's threads deliver
        self.refreshing = threading.Lock()   # one refresh at a time; a second caller waits for it
        self.scan = None                # (added, removed) while a refresh reads the directory
        self.clock = clock              # the daemon's: a test's fixed clock moves it on
        self.refreshed = None
        self.refresh()

    # -- adding -------------------------------------------------------------------------
    def hold(self, entry_id, meta, payload):
        """Queue a message the journal already holds: in memory if it fits, else a file."""
        with self.lock:
            if entry_id in self.index:
                return      # queued by a commit that failed after this part of its flush
            if len(payload) <= HANDOVER_MESSAGE and self.memory_bytes + len(payload) <= HANDOVER_TOTAL:
                self.memory[entry_id] = (meta, payload)
                self.memory_bytes += len(payload)
                self._added(entry_id, meta["next_attempt"])
                return
        self.put(payload, meta, entry_id=entry_id, exclusive=True, durable=False)

    def put(self, payload, meta, entry_id=None, exclusive=False, durable=True):
        entry_id = self.files.put(payload, meta, entry_id=entry_id, exclusive=exclusive, durable=durable)
        if entry_id is not None:
            with self.lock:
                self._added(entry_id, meta["next_attempt"])
        return entry_id

    def spill(self, entry_id):
        """Give a message held in memory its file (it must wait); nothing if it has one."""
        with self.lock:
            held = self.memory.get(entry_id)
        if held is None:
            return
        meta, payload = held
        self.files.put(payload, meta, entry_id=entry_id, exclusive=True, durable=False)
        with self.lock:
            if self.memory.pop(entry_id, None) is not None:
                self.memory_bytes -= len(payload)
                if self.scan is not None:
                    self.scan[0].add(entry_id)      # a refresh reading the directory may miss it
            else:           # delivered or withdrawn while its file was written
                self.files.remove(entry_id)

    def spill_all(self):
        """The daemon stops: what is unsent becomes files, for `mailrouter queue` to list."""
        for entry_id in list(self.memory):
            try:
                self.spill(entry_id)
            except OSError:
                continue        # a full disk: its journal holds it, start-up writes its file

    # -- reading ------------------------------------------------------------------------
    def ids(self):
        with self.lock:
            return sorted(self.index)

    def __contains__(self, entry_id):
        with self.lock:
            if entry_id in self.memory:
                return True
            if entry_id not in self.index:
                return False
        return entry_id in self.files       # the index may be older than a CLI delete

    def claim(self, entry_id):
        """Take a queued message for the relay or for its withdrawal, whichever comes first:
        False if it is gone or the other has it. Its leaving the queue, or `unclaim`, ends it."""
        with self.lock:     # the index, not the files: a file outlives `_forget` for a moment
            if entry_id in self.claimed or not (entry_id in self.memory or entry_id in self.index):
                return False
            self.claimed.add(entry_id)
            return True

    def unclaim(self, entry_id):
        with self.lock:
            self.claimed.discard(entry_id)

    def in_memory(self, entry_id):
        return entry_id in self.memory

    def due(self, now):
        """Ids whose next attempt has come, earliest first; not one claimed (in flight, or
        being withdrawn)."""
        if abs((self.clock.now() - self.refreshed).total_seconds()) >= REFRESH_SECONDS:
            self.refresh()
        with self.lock:
            return sorted((i for i, at in self.index.items() if at <= now and i not in self.claimed),
                          key=lambda i: (self.index[i], i))

    def next_due_at(self):
        with self.lock:
            return min(self.index.values(), default=None)

    def meta(self, entry_id):
        held = self.memory.get(entry_id)
        if held is not None:
            return dict(held[0])
        return self.files.meta(entry_id)

    def payload(self, entry_id):
        held = self.memory.get(entry_id)
        if held is not None:
            return held[1]
        return self.files.payload(entry_id)

    def for_delivery(self, entry_id):
        """(meta, payload), or None if the message is gone (delivered, withdrawn, deleted)."""
        held = self.memory.get(entry_id)
        if held is not None:
            return dict(held[0]), held[1]
        try:
            return self.files.meta(entry_id), self.files.payload(entry_id)
        except SpoolError:
            if entry_id in self.files:
                raise                       # torn or unreadable: the courier says so
            self._forget(entry_id)
            return None

    # -- changing -----------------------------------------------------------------------
    def update_meta(self, entry_id, **changes):
        self.spill(entry_id)                # its state lives beside its file
        meta = self.files.update_meta(entry_id, **changes)
        if "next_attempt" in changes:
            with self.lock:
                if entry_id in self.index:
                    self.index[entry_id] = meta["next_attempt"]
        return meta

    def remove(self, entry_id):
        self._forget(entry_id)
        self.files.remove(entry_id)

    def remove_unless_in_memory(self, entry_id):
        """After a delivery: only a message that had a file costs an unlink."""
        if not self._forget(entry_id):
            self.files.remove(entry_id)

    def move_to(self, other, entry_id):
        self.spill(entry_id)
        self.files.move_to(other, entry_id)
        self._forget(entry_id)

    def recover(self):
        torn = self.files.recover()
        self.refresh()
        return torn

    def refresh(self):
        """Read the directory's entries and times again (another process may have changed them)."""
        if not self.refreshing.acquire(blocking=False):
            with self.refreshing:           # another thread is at it: its result, not the old index
                return
        try:
            self._refresh()
        finally:
            self.refreshing.release()

    def _refresh(self):
        with self.lock:
            self.scan = (set(), set())
        found = {}
        for entry_id in self.files.ids():
            try:
                found[entry_id] = self.files.schedule(entry_id)["next_attempt"]
            except (SpoolError, KeyError):
                continue                    # removed while we looked, or torn: `recover` judges
        with self.lock:
            added, removed = self.scan
            self.scan = None
            kept = {i: at for i, at in self.index.items() if i in self.memory or i in added}
            self.index = {i: at for i, at in found.items() if i not in removed}
            self.index.update(kept)
            self.refreshed = self.clock.now()

    def _added(self, entry_id, next_attempt):
        self.index[entry_id] = next_attempt
        if self.scan is not None:
            self.scan[0].add(entry_id)

    def _forget(self, entry_id):
        """Drop from memory and the index; True if it was only in memory."""
        with self.lock:
            self.index.pop(entry_id, None)
            self.claimed.discard(entry_id)
            if self.scan is not None:
                self.scan[1].add(entry_id)
                self.scan[0].discard(entry_id)
            held = self.memory.pop(entry_id, None)
            if held is None:
                return False
            self.memory_bytes -= len(held[1])
            return True
