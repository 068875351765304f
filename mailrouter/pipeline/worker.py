"""The worker: drains the spool through the pipelines, one entry at a time.

It runs in its own thread and is the only writer of the case store (STYLE 9). An entry
leaves the spool only after every recipient's pipeline finished; an entry that fails
`max_attempts` times is quarantined with an alert and the worker moves on (D9). Parsing
and the clean copy run in a reading process with a time budget per message (T4,
pipeline/reading.py); a message past a cap or its budget is quarantined at the first try.

No exception ends the loop (R2); what a failure means for its entry (a fault of the host
is not an attempt) is decided in pipeline/failures.py.
"""

import logging
import threading
import time

from mailrouter.casework.withdrawal import record_owed
from mailrouter.pipeline import runner
from mailrouter.pipeline.failures import Failures
from mailrouter.pipeline.item import Item, Kind, Tick
from mailrouter.pipeline.lookups import CaseLookups
from mailrouter.clock import iso
from mailrouter.settings.defaults import LOOP_HEADER
from mailrouter.durable import after_commit, group_commit
from mailrouter.errors import SpoolError
from mailrouter.faults import Backoff
from mailrouter.mail.dedup import dedup_key
from mailrouter.pipeline.reading import Reader

log = logging.getLogger("mailrouter.pipeline.worker")
IDLE_POLL = 5.0                          # seconds; a wake-up call normally comes first
# While mail is arriving, intake comes first (the issue: "the worker may fall behind during the burst but must
# catch up"): after each entry the worker rests BURST_YIELD times as long as the entry took, but never longer
# than BURST_PAUSE_MAX: an ordinary report (well under BURST_PAUSE_MAX / BURST_YIELD) keeps that rhythm, and a
# slow entry (up to its budget, T4) does not also stall the worker for three times its cost.
BURST_WINDOW = 0.1                       # seconds since the last spooled message
BURST_YIELD = 3.0
BURST_PAUSE_MAX = 0.5                    # seconds
# A backlog is drained up to BATCH entries per group commit: their files share one fsync of each directory and
# one outbox journal record; each entry leaves the spool after it. 32 rather than 16: 3 % more reports/s end to end.
BATCH = 32


class Worker:
    def __init__(self, spool, ctx, max_attempts, scheduler):
        self.spool = spool
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.scheduler = scheduler
        self.reader = Reader(ctx.config.limits.message_cpu_seconds)   # T4: parsing and scrubbing
        self.wakeup = threading.Event()
        self.tick_requested = threading.Event()
        self.processed_count, self.ticks_done = 0, 0
        self.last_spooled = 0.0
        self._pending = []                   # changes to make between two messages
        self._pending_lock = threading.Lock()
        self.faults = Backoff()
        self.failures = Failures(spool, ctx, max_attempts, self.faults)
        self.lookups = CaseLookups(ctx)
        self.last_read = (None, None, None)  # (entry, message, dedup key): for quarantine notices
        self.busy_since = None               # monotonic start of the message or tick in hand
        self.slowest = 0.0                   # seconds, the longest one entry took (the fuzz suite)

    def wake(self):
        self.wakeup.set()

    def spooled(self):
        """Called by the intake after each accepted message."""
        self.last_spooled = time.monotonic()
        # A message was just written and fsynced: the disk takes writes again, so whatever
        # waits for a fault of the host to clear is tried now rather than after its backoff.
        self.faults.cleared()
        self.wakeup.set()

    def stuck_for(self):
        """Seconds the worker has been on one message or tick; 0 between them (the watchdog)."""
        since = self.busy_since
        return 0.0 if since is None else time.monotonic() - since

    def request_tick(self):
        """Ask for the due deadlines to run (from the schedule, a test or `tick`)."""
        self.tick_requested.set()
        self.wakeup.set()

    def between_messages(self, change):
        """Have the worker thread call `change()` before it takes its next entry or tick.

        How a reloaded configuration is put in force: never while a message is half processed.
        """
        with self._pending_lock:
            self._pending.append(change)
        self.wakeup.set()

    def apply_pending(self):
        record_owed(self.ctx)                # what a failed group commit took from the case logs
        with self._pending_lock:
            changes, self._pending = self._pending, []
        failed = None
        for change in changes:               # one failing (a full disk) does not drop the others
            try:
                change()
            except Exception as error:
                failed = failed or error
        if failed is not None:
            raise failed

    def run(self, stopping):
        """Thread body: catch up on deadlines, then process mail and ticks as they come.

        An exception outside any one message (the spool unreadable, too many open files)
        pauses the loop with backoff; it then goes on by itself, start-up included (R2).
        """
        started = False
        while not stopping.is_set():
            try:
                if not started:
                    self.apply_pending()
                    self.scheduler.rebuild()
                    self.run_tick()          # whatever fell due while the daemon was down
                    started = True
                self._turn()
            except Exception as error:
                log.error("worker: %s outside any message; pausing", error.__class__.__name__)
                log.debug("worker fault detail", exc_info=True)
                stopping.wait(self.faults.pause())
        self.apply_pending()                 # nobody waits on a change that never comes

    def _turn(self):
        self.wakeup.clear()
        self.apply_pending()
        busy = 0 if self.faults.paused() else self.process_ready()
        if self.tick_requested.is_set():
            self.tick_requested.clear()
            self.run_tick()
        elif not busy:
            self.wakeup.wait(min(IDLE_POLL, self.faults.remaining() or IDLE_POLL))

    def run_tick_after_rebuild(self, now):
        """For `mailrouter tick`: index the cases, then run what is due at `now`."""
        self.scheduler.rebuild()
        return self.run_tick(now)

    def run_tick(self, now=None):
        tick = Tick(now=now, scheduler=self.scheduler)
        self.busy_since = time.monotonic()
        try:
            with group_commit():
                runner.run(Item(kind=Kind.DEADLINES, tick=tick), self.ctx)
        except Exception as error:           # a failing deadline must not stop intake
            log.error("tick failed (%s)", error.__class__.__name__)
            log.debug("tick failure detail", exc_info=True)
        finally:
            self.busy_since = None
        self.ticks_done += 1
        return tick.done

    def process_ready(self):
        """Process every spool entry that is due; return how many were handled."""
        handled = 0
        now = iso(self.ctx.clock.now())
        ready, (ids, with_state) = [], self.spool.listing()
        for entry_id in ids:
            if self.faults.paused():
                break                        # a fault of the host: the rest waits too
            try:   # a retry time is kept in the entry's state: no file is read for the others (issue 11)
                retry_after = self.spool.meta(entry_id).get("retry_after", "") if entry_id in with_state else ""
            except SpoolError:
                continue   # torn: recover() deals with it at start-up (without a state: when processed)
            if retry_after <= now and self.faults.ready(entry_id):
                ready.append(entry_id)
        while ready and not self.faults.paused():
            handled += self._process_batch(ready)
        return handled

    def _process_batch(self, ready):
        """Process entries from the front of `ready` (removing them) in one group commit,
        up to BATCH, or only one while mail arrives; return how many."""
        taken, done, started = 0, [], None
        try:
            with group_commit():
                while ready and taken < BATCH and not self.faults.paused():
                    self.apply_pending()
                    entry_id, taken, started = ready.pop(0), taken + 1, time.monotonic()
                    self.reader.read_ahead(self.spool.path_of(ready[0]) if ready else None)
                    if self.process(entry_id):
                        done.append(entry_id)
                    if started - self.last_spooled < BURST_WINDOW:
                        break        # the rest waits outside the commit, see below
        except Exception as error:   # the commit itself failed: none of `done` left the spool
            self.ctx.outbox.forget_cases(self.ctx.store.forget_unwritten())   # filed anew on retry
            for entry_id in done:
                self.failures.failed(entry_id, error)
            return taken
        if started is not None and time.monotonic() - self.last_spooled < BURST_WINDOW:   # still arriving
            time.sleep(min((time.monotonic() - started) * BURST_YIELD, BURST_PAUSE_MAX))
        return taken

    def process(self, entry_id):
        self.busy_since = time.monotonic()
        try:
            with group_commit():
                self._run_pipelines(entry_id)
        except Exception as error:   # never let one message stop the loop (D9)
            self.failures.failed(entry_id, error, self._read_of(entry_id))
            return False
        finally:
            self.slowest = max(self.slowest, time.monotonic() - self.busy_since)
            self.busy_since = None
        after_commit(lambda: self._done(entry_id))
        return True

    def _done(self, entry_id):
        self.spool.remove(entry_id)
        self.faults.succeeded(entry_id)
        self.processed_count += 1

    def _run_pipelines(self, entry_id):
        meta = self.spool.meta(entry_id)
        if meta.get("command"):
            self.spool.payload(entry_id)     # its checksum checked, as every entry's
            runner.run(Item(kind=Kind.ADMIN_COMMAND, entry_id=entry_id, command=meta), self.ctx,
                       self.scheduler.refresh)
            return
        self.last_read = (entry_id, None, None)
        # Caps checked from the file first: past one, the bytes are never loaded here (F4).
        msg = self.reader.parse_entry(self.spool.path_of(entry_id))
        raw = self.reader.parsed(self.spool.payload(entry_id))
        key = dedup_key(msg, raw)
        self.last_read = (entry_id, msg, key)
        for recipient, kind, reason in self.lookups.recipients(msg, dict(meta, message_key=key), LOOP_HEADER):
            item = Item(kind=kind, entry_id=entry_id, mail_from=meta["mail_from"], recipient=recipient,
                        raw=raw, msg=msg, reason=reason, released=bool(meta.get("released")),
                        reader=self.reader,
                        dedup_key=self.lookups.item_key(key, kind, recipient), message_key=key)
            runner.run(item, self.ctx, self.scheduler.refresh)
            if kind is Kind.AUTOMATIC:
                break   # held once, whatever the number of recipients

    def close(self):
        """Stop the reading process (the daemon is stopping)."""
        self.reader.close()

    def quarantine(self, entry_id, reason):
        """Set the entry aside for the admin (pipeline/failures.py), with what was read of it."""
        self.failures.quarantine(entry_id, reason, self._read_of(entry_id))

    def _read_of(self, entry_id):
        """(message, dedup key) the last attempt at `entry_id` read, never read again here."""
        read_entry, msg, key = self.last_read
        return (msg, key) if read_entry == entry_id else (None, None)
