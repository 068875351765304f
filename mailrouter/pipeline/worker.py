"""The worker: drains the spool through the pipelines, one entry at a time.

It runs in its own thread and is the only writer of the case store (STYLE 9). An entry
leaves the spool only after every recipient's pipeline finished; an entry that fails
`max_attempts` times is quarantined with an alert and the worker moves on (D9).
"""

import logging
import threading
import time
from datetime import datetime, timedelta

from mailrouter.pipeline import runner
from mailrouter.pipeline.classify import classify
from mailrouter.pipeline.item import Item, Kind, Tick
from mailrouter.cases.reference import referenced_case, sender_member
from mailrouter.clock import iso
from mailrouter.settings.defaults import LOOP_HEADER
from mailrouter.durable import after_commit, group_commit
from mailrouter.errors import SpoolError
from mailrouter.mail.message import dedup_key, parse
from mailrouter.cases.tokens import digest

log = logging.getLogger("mailrouter.pipeline.worker")
RETRY_DELAY = timedelta(seconds=30)      # between attempts at an entry that failed
IDLE_POLL = 5.0                          # seconds; a wake-up call normally comes first
# While mail is arriving, intake comes first (the issue: "the worker may fall behind during
# the burst but must catch up"): after each entry the worker rests BURST_YIELD times as long
# as the entry took, so it keeps a quarter of its pace and is never starved.
BURST_WINDOW = 0.1                       # seconds since the last spooled message
BURST_YIELD = 3.0
# A backlog is drained up to BATCH entries per group commit: their files share one fsync of
# each directory and one outbox journal record; each entry leaves the spool after it.
BATCH = 16


class Worker:
    def __init__(self, spool, ctx, max_attempts, scheduler):
        self.spool = spool
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.scheduler = scheduler
        self.wakeup = threading.Event()
        self.tick_requested = threading.Event()
        self.processed_count = 0
        self.ticks_done = 0
        self.last_spooled = 0.0
        self._pending = []                   # changes to make between two messages
        self._pending_lock = threading.Lock()

    def wake(self):
        self.wakeup.set()

    def spooled(self):
        """Called by the intake after each accepted message."""
        self.last_spooled = time.monotonic()
        self.wakeup.set()

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
        with self._pending_lock:
            changes, self._pending = self._pending, []
        for change in changes:
            change()

    def run(self, stopping):
        """Thread body: catch up on deadlines, then process mail and ticks as they come."""
        self.apply_pending()
        self.scheduler.rebuild()
        self.run_tick()                      # whatever fell due while the daemon was down
        while not stopping.is_set():
            self.wakeup.clear()
            self.apply_pending()
            busy = self.process_ready()
            if self.tick_requested.is_set():
                self.tick_requested.clear()
                self.run_tick()
            elif not busy:
                self.wakeup.wait(IDLE_POLL)
        self.apply_pending()                 # nobody waits on a change that never comes

    def run_tick_after_rebuild(self, now):
        """For `mailrouter tick`: index the cases, then run what is due at `now`."""
        self.scheduler.rebuild()
        return self.run_tick(now)

    def run_tick(self, now=None):
        tick = Tick(now=now, scheduler=self.scheduler)
        try:
            with group_commit():
                runner.run(Item(kind=Kind.DEADLINES, tick=tick), self.ctx)
        except Exception as error:           # a failing deadline must not stop intake
            log.error("tick failed (%s)", error.__class__.__name__)
            log.debug("tick failure detail", exc_info=True)
        self.ticks_done += 1
        return tick.done

    def process_ready(self):
        """Process every spool entry that is due; return how many were handled."""
        handled = 0
        now = iso(self.ctx.clock.now())
        ready = []
        for entry_id in self.spool.ids():
            try:
                retry_after = self.spool.meta(entry_id).get("retry_after", "")
            except SpoolError:
                continue   # vanished or torn: recover() deals with it at start-up
            if retry_after <= now:
                ready.append(entry_id)
        while ready:
            handled += self._process_batch(ready)
        return handled

    def _process_batch(self, ready):
        """Process entries from the front of `ready` (removing them) in one group commit,
        up to BATCH, or only one while mail arrives; return how many."""
        taken, done = 0, []
        try:
            with group_commit():
                while ready and taken < BATCH:
                    self.apply_pending()
                    entry_id, taken, started = ready.pop(0), taken + 1, time.monotonic()
                    if self.process(entry_id):
                        done.append(entry_id)
                    if started - self.last_spooled < BURST_WINDOW:
                        break        # the rest waits outside the commit, see below
        except Exception as error:   # the commit itself failed: none of `done` left the spool
            for entry_id in done:
                self._failed(entry_id, error)
            return taken
        if started - self.last_spooled < BURST_WINDOW:
            time.sleep((time.monotonic() - started) * BURST_YIELD)
        return taken

    def process(self, entry_id):
        try:
            with group_commit():
                self._run_pipelines(entry_id)
        except Exception as error:   # never let one message stop the loop (D9)
            self._failed(entry_id, error)
            return False
        after_commit(lambda: self._done(entry_id))
        return True

    def _done(self, entry_id):
        self.spool.remove(entry_id)
        self.processed_count += 1

    def _run_pipelines(self, entry_id):
        meta = self.spool.meta(entry_id)
        raw = self.spool.payload(entry_id)
        if meta.get("command"):
            runner.run(Item(kind=Kind.ADMIN_COMMAND, entry_id=entry_id, command=meta), self.ctx,
                       self.scheduler.refresh)
            return
        msg = parse(raw)
        key = dedup_key(msg, raw)
        seen = set()
        for recipient in meta["rcpt_tos"]:
            if recipient.lower() in seen:
                continue
            seen.add(recipient.lower())
            kind, reason = classify(msg, meta["mail_from"], recipient, self.ctx.replies, LOOP_HEADER,
                                    self._participant_of, self._member_about_case(meta["mail_from"]),
                                    released=bool(meta.get("released")))
            item = Item(kind=kind, entry_id=entry_id, mail_from=meta["mail_from"], recipient=recipient,
                        raw=raw, msg=msg, reason=reason,
                        dedup_key=key if kind is Kind.REPORT else f"{key}:{recipient.lower()}")
            runner.run(item, self.ctx, self.scheduler.refresh)
            if kind is Kind.AUTOMATIC:
                break   # held once, whatever the number of recipients

    def _member_about_case(self, mail_from):
        def about_case(msg):
            return sender_member(msg, mail_from, self.ctx.committee) is not None and \
                referenced_case(msg, self.ctx.store) is not None
        return about_case

    def _participant_of(self, token):
        found = self.ctx.store.by_token.get(digest(token))
        return found[1] if found else None

    def _failed(self, entry_id, error):
        log.error("spool %s: processing failed (%s)", entry_id, error.__class__.__name__)
        log.debug("spool %s: failure detail", entry_id, exc_info=True)
        try:
            attempts = self.spool.meta(entry_id).get("attempts", 0) + 1
        except SpoolError:
            attempts = self.max_attempts     # the record itself is damaged: set it aside now
        if attempts >= self.max_attempts:
            self.spool.quarantine(entry_id, f"{error.__class__.__name__}: {error}")
            self.ctx.alerts.quarantined(entry_id, error)
            return
        retry_at = datetime.fromisoformat(iso(self.ctx.clock.now())) + RETRY_DELAY * attempts
        self.spool.update_meta(entry_id, attempts=attempts, retry_after=iso(retry_at))
