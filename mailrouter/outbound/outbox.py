"""The outbound queue (Q1-Q3): every message is durable before the first attempt.

An entry's id is derived from its idempotency key (e.g. `forward:home shelf:ana@…`), so
queueing the same mail twice is a no-op (D5); the derivation is keyed with the state secret. After the relay's 250 the entry is removed
and its id (a digest: no address) is appended to `sent.log`, so a re-run cannot send it
again; a message taken back unsent gets its line too, with why (`read_sent`). Failed entries (5xx, given up) move to `failed/` with their record: kept, never
retried. Within the worker's group commit, the messages are made durable together through
one journal record (`outbox_journal.py`) instead of one fsync each, and wait for their
first attempt in memory, without a queue file of their own (`outbox_queue.py`).
"""

import random
from datetime import datetime, timedelta

from mailrouter.clock import iso
from mailrouter.durable import append, atomic_write, ensure_dir, flush_at_commit, fsync_file, in_group_commit
from mailrouter.errors import SpoolError
from mailrouter.keyed import keyed_digest
from mailrouter.outbound.kept_log import KeptLog
from mailrouter.outbound.outbox_journal import Journal
from mailrouter.outbound.outbox_queue import OutboxQueue
from mailrouter.privacy.sealing import SealedEntryDir


BATCH_BYTES = 2_000_000     # a journal record is written once this much mail waits for it
DELIVERED, WITHDRAWN, DELETED = "delivered", "withdrawn", "deleted"    # why a sent.log line


def read_sent(path):
    """{id: why} of `sent.log`'s lines: an id alone is DELIVERED (so is every line written
    before the others had a word), else the word after it, WITHDRAWN or DELETED."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return {}
    found = {}
    for words in map(str.split, text.splitlines()):
        if words:
            found.setdefault(words[0], words[1] if len(words) > 1 else DELIVERED)
    return found


class Outbox:
    def __init__(self, root, clock, retry, secret, sealer, rng=None):
        root = ensure_dir(root)
        # Sealed: a queued or failed acknowledgement holds the reporter's address (P10).
        self.queue = OutboxQueue(SealedEntryDir(root / "queue", sealer), clock)
        self.failed_entries = SealedEntryDir(root / "failed", sealer)
        # Ids once failed: `was_queued` asks the disk only about these, not about every new one.
        self.failed_ids = set(self.failed_entries.ids())
        self.journal = Journal(root / "journal", sealer)
        self.batch = {}            # id -> (meta, payload): queued in this group commit
        self.batch_bytes = 0       # their payloads' total, kept as they come (not summed each time)
        self.on_flush = lambda: None    # the daemon wakes the courier: the mail is queued only now
        self.sealer = sealer
        self.sent_log = root / "sent.log"
        self.sent_lines = KeptLog(self.sent_log)    # the courier's notes: kept open, not one open a mail
        self.sent = set(read_sent(self.sent_log))
        self.clock = clock
        self.retry = retry
        self.rng = rng or random.Random()
        self.secret = secret

    def entry_id(self, key):
        # Keyed, so that nobody holding the state directory can test which member
        # received mail about which case by hashing guessed keys.
        return keyed_digest(self.secret, key).hex()[:40]

    def enqueue(self, key, sender, recipient, message_bytes, kind, case=None, cases=()):
        """Queue one message for one recipient. Returns False if this key was queued before.
        `cases`: the cases mail about no one case carries rows of (a digest), for the screen."""
        if self.was_queued(key):
            if in_group_commit() and self.batch:    # held since a commit that failed: this one writes it
                flush_at_commit(("outbox", id(self)), self._flush, first=True)
            return False
        now = iso(self.clock.now())
        meta = {"sender": sender, "recipient": recipient, "kind": kind, "case": case,
                "created": now, "next_attempt": now, "attempts": 0}
        if cases:
            meta["cases"] = list(cases)
        if in_group_commit():
            # Made durable with the rest of this commit's mail, in one journal record.
            self.batch[self.entry_id(key)] = (meta, message_bytes)
            self.batch_bytes += len(message_bytes)
            flush_at_commit(("outbox", id(self)), self._flush, first=True)
            if self.batch_bytes > BATCH_BYTES:
                self._flush()           # a large report's forwards are not all held in memory
            return True
        return self.queue.put(message_bytes, meta, entry_id=self.entry_id(key), exclusive=True) is not None

    def _flush(self):
        batch = self.batch
        if not batch:
            return
        self.journal.write(batch)
        for entry_id, (meta, payload) in batch.items():
            self.queue.hold(entry_id, meta, payload)
        self.batch, self.batch_bytes = {}, 0    # only now: `was_queued` finds each in the batch or the queue
        self.on_flush()

    def forget_cases(self, codes):
        """After a failed group commit: drop the mail it held about cases it did not write."""
        self.batch = {i: (meta, payload) for i, (meta, payload) in self.batch.items() if meta["case"] not in codes}
        self.batch_bytes = sum(len(payload) for _, payload in self.batch.values())

    def recover(self):
        """At start-up: queue again whatever a journal holds that a crash took from the queue;
        set torn queue entries aside. Returns the number of messages queued again."""
        sent = set(read_sent(self.sent_log))

        def unsettled(entry_id):
            return entry_id not in sent and entry_id not in self.failed_entries

        def rewrite(entry_id, meta, payload):
            try:
                self.queue.payload(entry_id)
                return 0
            except SpoolError:
                self.queue.remove(entry_id)
                self.queue.put(payload, meta, entry_id=entry_id)
                return 1

        rewritten = self.journal.replay(unsettled, rewrite)
        for entry_id in self.queue.ids():
            if entry_id in sent:        # the relay took it; the kill came before the removal
                self.queue.remove(entry_id)
        self.queue.recover()
        return rewritten

    def was_queued(self, key):
        """True if mail with this key is queued, was delivered, or failed."""
        entry_id = self.entry_id(key)
        if entry_id in self.sent or entry_id in self.batch or entry_id in self.queue:
            return True
        # Failed once: still failed, or moved back to the queue by `mailrouter queue retry`.
        return entry_id in self.failed_ids and (entry_id in self.failed_entries or entry_id in self.queue.files)

    def due(self, now=None):
        """Ids of entries whose next attempt has come, oldest first."""
        return self.queue.due(iso(now or self.clock.now()))

    def next_due_at(self):
        earliest = self.queue.next_due_at()
        return datetime.fromisoformat(earliest) if earliest else None

    def taken(self, entry_id):
        """The relay said 250: note it at once, before anything else can be killed in between.

        A short unsynced append (a process kill keeps it; only a power cut can lose it,
        and then the worst case is one duplicate delivery, never a lost one)."""
        if entry_id not in self.sent:
            self.sent_lines.append(f"{entry_id}\n".encode())
            self.sent.add(entry_id)

    def taken_elsewhere(self, entry_id):
        """The relay process wrote `taken`'s line itself (outbound/relay_child.py)."""
        self.sent.add(entry_id)

    def delivered(self, entry_id):
        self.taken(entry_id)
        self.queue.remove_unless_in_memory(entry_id)
        self.journal.settled(entry_id)

    def settles_in_memory(self, entry_id):
        """True if recording its delivery touches no file but its journal's removal."""
        return self.queue.in_memory(entry_id)

    def keep(self, entry_id):
        """The courier holds a message back: give it its file, if the disk lets us."""
        self.queue.spill(entry_id)

    def close(self):
        """The daemon stops: unsent messages get their files (`mailrouter queue` lists them)."""
        self.sent_lines.close()
        self.queue.spill_all()

    def dropped(self, entry_id):
        """`mailrouter queue delete` removed a queued entry: never queue it again from a journal."""
        append(self.sent_log, f"{entry_id} {DELETED}\n".encode())

    def queued(self):
        """[(id, meta)] of every queued entry, its envelope opened (who it is for)."""
        found = []
        for entry_id in self.queue.ids():
            try:
                found.append((entry_id, self.queue.meta(entry_id)))
            except SpoolError:
                continue                # delivered while we looked
        return found

    def withdraw(self, entry_id):
        """Take a queued message back unsent, recorded like a delivery in `sent.log` (no journal
        brings it back); False if it is gone, or in the relay's hands (`hand_over`): a mail in
        flight is delivered and recorded so, or comes back to the queue and the courier's screen."""
        if not self.queue.claim(entry_id):
            return False
        try:
            append(self.sent_log, f"{entry_id} {WITHDRAWN}\n".encode())
            self.sent.add(entry_id)
            self.queue.remove(entry_id)
            self.journal.settled(entry_id)
        finally:
            self.queue.unclaim(entry_id)
        return True

    def hand_over(self, entry_id):
        """The courier is about to give the message to the relay: False if it was withdrawn since
        its last look (or is being): then it must not go. Until the relay answers, `withdraw` waits."""
        return self.queue.claim(entry_id)

    def handed_back(self, entry_id):
        """The relay did not take it (deferred, refused, a fault): withdrawable again."""
        self.queue.unclaim(entry_id)

    def postpone(self, entry_id, error):
        """Schedule the next attempt; return True if the entry should be given up."""
        meta = self.queue.meta(entry_id)
        attempts = meta["attempts"] + 1
        now = self.clock.now()
        if now - datetime.fromisoformat(meta["created"]) >= timedelta(seconds=self.retry.give_up):
            return True
        delay = min(self.retry.first * 2 ** (attempts - 1), self.retry.maximum)
        delay *= 1 + self.rng.uniform(-self.retry.jitter, self.retry.jitter)
        self.queue.update_meta(entry_id, attempts=attempts, last_error=str(error)[:200],
                               next_attempt=iso(now + timedelta(seconds=delay)))
        return False

    def fail(self, entry_id, error):
        """Keep the record of a message that will not be delivered, out of the queue."""
        meta = self.queue.update_meta(entry_id, failed=iso(self.clock.now()), last_error=str(error)[:200])
        fsync_file(self.queue.root / f"{entry_id}.msg")     # its journal goes once it has left
        self.failed_ids.add(entry_id)
        self.queue.move_to(self.failed_entries, entry_id)
        atomic_write(self.failed_entries.root / f"{entry_id}.reason", self.sealer.seal(str(error).encode()[:1000]))
        self.journal.settled(entry_id)
        return meta

    def meta(self, entry_id):
        return self.queue.meta(entry_id)

    def for_delivery(self, entry_id):
        """(meta, payload) for an attempt, from memory (nothing read or decrypted) or its
        file; None if it left the queue meanwhile (delivered, withdrawn, deleted)."""
        return self.queue.for_delivery(entry_id)

    def payload(self, entry_id):
        return self.queue.payload(entry_id)

    def failed(self):
        return [self.failed_entries.meta(i) for i in self.failed_entries.ids()]
