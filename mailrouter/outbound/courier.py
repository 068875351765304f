"""The courier: drains the outbox into a transport, with retries and admin alerts.

Q1 the entry stays on disk until the relay's 250; Q2 4xx and connection errors retry
with backoff (the outbox computes it), never a hot loop; Q3 a 5xx or giving up alerts the
admin once and the record is kept in `outbox/failed/`.

R2: no exception stops the courier. One met while sending an entry or recording what the
relay said (a full disk cannot take the entry's next attempt) holds that entry back in
memory, with its own backoff, and pauses the courier (`faults.Backoff`); a message the
relay took but that could not be recorded as delivered is never sent again, only its
record retried.

A mail is claimed (`Outbox.hand_over`) just before it is handed to the relay, and stays
claimed until the relay has answered: a withdrawal (the worker's) cannot take back a mail in
flight, and the courier never hands over one withdrawn since its last look.

Each mail the relay took gets its audit record, then its line in `sent.log`, unsynced
(`notes`, outbound/taken_notes.py; by the relay process itself when the transport is one:
`TakenNote.done`); one fsync in one thread hop covers a pass's records, or SYNC_SECONDS'
worth in a long pass, instead of a hop and an fsync per mail.
"""

import asyncio
import logging

from mailrouter.errors import DeliveryError, SpoolError
from mailrouter.faults import Backoff
from mailrouter.outbound.taken_notes import TakenNotes
from mailrouter.outbound.transports import TakenNote

log = logging.getLogger("mailrouter.outbound.transports")
IDLE_POLL = 30.0          # seconds; a wake-up call normally comes first


class Courier:
    def __init__(self, outbox, transport, alerts, concurrency, may_send=lambda entry_id, meta: True):
        self.outbox = outbox
        self.transport = transport
        self.alerts = alerts
        self.concurrency = concurrency
        self.wake = asyncio.Event()
        self.in_flight = set()
        self.delivered_count = 0
        self.faults = Backoff()
        self.unrecorded = set()              # taken by the relay, not yet recorded as delivered
        self.may_send = may_send             # checked just before each delivery (casework/send_screen.py)
        self.withheld = set()                # refused by may_send: the worker withdraws or `release`s it
        # What is written at each 250; the daemon gives it the audit log and `record_of`.
        self.notes = TakenNotes(None, outbox.taken)
        self.record_of = lambda meta: None   # meta -> the (fields, time) of its mail-sent record

    def poke(self):
        """Called (thread-safely, via the loop) when something new was queued."""
        self.wake.set()

    def release(self, entry_ids):
        """Held back by `may_send`, then found fit to go by the worker (via the loop)."""
        self.withheld.difference_update(entry_ids)
        self.wake.set()

    async def run(self, stopping):
        while not stopping.is_set():
            self.wake.clear()
            await self._record_delivered(sorted(self.unrecorded))
            due = [i for i in await asyncio.to_thread(self.outbox.due)
                   if i not in self.in_flight and i not in self.unrecorded and i not in self.withheld
                   and self.faults.ready(i)]
            if due and not self.faults.paused():
                await self._send_batch(due)
                continue
            await self._sleep_until_due(stopping)

    async def drain_once(self):
        """Send everything due now (for tests and `tick`), but what `run` is sending already:
        beside a running courier, one mail twice."""
        due = await asyncio.to_thread(self.outbox.due)
        await self._send_batch([i for i in due if i not in self.unrecorded and i not in self.in_flight])

    async def _send_batch(self, entry_ids):
        slots = asyncio.Semaphore(self.concurrency)

        async def one(entry_id):
            async with slots:
                await self._send(entry_id)
            await self.notes.sync(others_under_way=True)    # a long pass: not all at its end

        self.in_flight.update(entry_ids)
        try:
            await asyncio.gather(*(one(i) for i in entry_ids))
        finally:
            self.in_flight.difference_update(entry_ids)
        await self.notes.sync()

    async def _send(self, entry_id):
        try:
            await self._attempt(entry_id)
        except Exception as error:           # R2: this entry waits, the others go on
            delay = self.faults.hold(entry_id)
            log.warning("outbox %s: %s; tried again in %.0fs", entry_id, error.__class__.__name__, delay)
            log.debug("outbox %s: fault detail", entry_id, exc_info=True)
            await self._keep(entry_id)
        else:
            self.faults.succeeded(entry_id)

    async def _attempt(self, entry_id):
        try:
            found = self.outbox.for_delivery(entry_id)
        except SpoolError as error:
            log.error("outbox entry %s unreadable: %s", entry_id, error)
            raise
        if found is None:                    # delivered, withdrawn or deleted meanwhile
            return
        meta, payload = found
        if not self.may_send(entry_id, meta):    # the screen at send time: the worker decides
            self.withheld.add(entry_id)
            log.debug("outbox %s (%s, case %s): held back for the send-time screen", entry_id, meta["kind"],
                      meta.get("case") or "-")
            return
        if not self.outbox.hand_over(entry_id):     # withdrawn since that look: never handed over
            return
        try:
            answer = await self._relay(entry_id, meta, payload)
        finally:
            if entry_id not in self.unrecorded:     # not taken: withdrawable again (and screened again)
                self.outbox.handed_back(entry_id)
        if answer is None:
            return
        self.delivered_count += 1
        # One line per delivery: ids, kind, code name and the relay's code, never an address.
        log.info("delivered %s (%s, case %s): %s", entry_id, meta["kind"], meta.get("case") or "-", answer)

    async def _relay(self, entry_id, meta, payload):
        """Hand the mail to the relay; at its 250 note it taken and record it delivered. The
        relay's answer, or None if it deferred or refused the mail."""
        note = TakenNote(entry_id, self.record_of(meta))
        try:
            answer = await self.transport.send(meta["sender"], meta["recipient"], payload, note=note)
        except DeliveryError as error:
            await asyncio.to_thread(self._failed, entry_id, meta, error)
            return None
        self.unrecorded.add(entry_id)
        if note.done:                        # the relay process wrote both at the 250
            self.outbox.taken_elsewhere(entry_id)
        else:                                # on the loop if it can: the narrowest window
            await self.notes.write(note)     # (a kill in it is a duplicate); a refused line: below
        await self._record_delivered([entry_id])
        return answer or "done"

    async def _record_delivered(self, entry_ids):
        """Record what the relay took; if the disk refuses, keep it in mind and pause."""
        for entry_id in entry_ids:
            try:
                if self.outbox.settles_in_memory(entry_id):
                    self.outbox.delivered(entry_id)     # no file: not worth a thread's round trip
                else:
                    await asyncio.to_thread(self.outbox.delivered, entry_id)
            except Exception as error:
                log.warning("outbox %s: delivered, not yet recorded (%s)", entry_id, error.__class__.__name__)
                self.faults.pause()
                return
            self.unrecorded.discard(entry_id)

    async def _keep(self, entry_id):
        """A held-back message gets its file (it outlives this attempt); a full disk may refuse:
        then it stays in memory, and its journal still holds it."""
        try:
            await asyncio.to_thread(self.outbox.keep, entry_id)
        except Exception as error:
            log.debug("outbox %s: kept in memory (%s)", entry_id, error.__class__.__name__)

    def _failed(self, entry_id, meta, error):
        give_up = error.permanent or self.outbox.postpone(entry_id, error)
        if not give_up:
            log.warning("delivery of %s (%s, case %s) deferred: %s", entry_id, meta["kind"],
                        meta.get("case"), error.__class__.__name__)
            return
        self.outbox.fail(entry_id, error)
        reason = "rejected permanently" if error.permanent else "given up after retries"
        self.alerts.undeliverable(entry_id, meta, reason, error)

    async def _sleep_until_due(self, stopping):
        next_at = await asyncio.to_thread(self.outbox.next_due_at)
        timeout = IDLE_POLL
        if next_at is not None:
            timeout = min(IDLE_POLL, (next_at - self.outbox.clock.now()).total_seconds())
        if timeout <= 0 or self.faults.paused():  # what is due is held back: until the first is free
            timeout = self.faults.next_ready_in() or timeout
        timeout = max(0.05, timeout)
        waiters = [asyncio.create_task(self.wake.wait()), asyncio.create_task(stopping.wait())]
        try:
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waiters:
                task.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)
