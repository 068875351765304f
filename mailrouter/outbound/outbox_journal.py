"""The outbox journal: one fsynced record for all the mail one spool entry queues.

A report to a 7-member committee queues eight messages. Fsyncing eight queue files (and
sealing each) made the outbox most of the worker's disk cost; instead, inside the worker's
group commit the outbox collects the messages and, at the commit, writes them all into one
sealed journal record in `outbox/journal/` (one fsync); the messages then wait for their
first attempt in memory, a queue file written only for one that must wait longer
(`outbox_queue.py`). The journal is the durability point (Q1): at start-up, `replay`
rewrites every message of a journal that is neither delivered (`sent.log`) nor failed and
whose queue file is missing or torn. A journal is removed once all its messages left the queue.
"""

import base64
import json
import threading

from mailrouter.durable import fsync_dir
from mailrouter.errors import SpoolError
from mailrouter.privacy.sealing import SealedEntryDir


class Journal:
    def __init__(self, root, sealer):
        self.records = SealedEntryDir(root, sealer)
        self.waiting = {}          # journal id -> ids of its messages still queued
        self.journal_of = {}       # message id -> journal id
        self.lock = threading.Lock()   # the worker writes, the courier's threads settle

    def write(self, messages):
        """Durably record `messages` ({id: (meta, payload bytes)}) as one journal entry."""
        journal_id = self.records.put(framed(messages), {"messages": len(messages)})
        # Durable now, directory included, not at the end of the commit: the case records
        # flushed after this one say the mail was queued, and must never outlive it.
        fsync_dir(self.records.root)
        self._track(journal_id, set(messages))
        return journal_id

    def read(self, journal_id):
        """[(id, meta, payload bytes)] of one journal entry."""
        return unframed(self.records.payload(journal_id))

    def contents(self):
        """{message id: (meta, payload bytes)} of every readable record, for another process
        (`mailrouter queue`, `case show`): read only, what this one tracks is not touched."""
        found = {}
        for journal_id in self.records.ids():
            try:
                found.update((i, (meta, payload)) for i, meta, payload in self.read(journal_id))
            except (SpoolError, ValueError, KeyError):
                continue      # removed while we looked (all settled), or torn: replay judges
        return found

    def settled(self, message_id):
        """A message left the queue (delivered, failed or deleted): drop a journal it emptied."""
        with self.lock:
            journal_id = self.journal_of.pop(message_id, None)
            left = self.waiting.get(journal_id)
            if left is None:
                return
            left.discard(message_id)
            if left:
                return
            del self.waiting[journal_id]
        # No directory fsync: a journal that comes back after a crash is replayed, and
        # every message in it is then found delivered, failed or still queued.
        self.records.remove(journal_id)

    def replay(self, unsettled, rewrite):
        """At start-up: `rewrite(id, meta, payload)` every message `unsettled(id)` says is
        still owed, and track it; remove journals with nothing left. Returns the count rewritten."""
        self.records.recover()
        rewritten = 0
        for journal_id in self.records.ids():
            try:
                messages = self.read(journal_id)
            except (SpoolError, ValueError, KeyError):
                continue      # not ours to judge: kept for the admin, like a quarantined entry
            owed = set()
            for message_id, meta, payload in messages:
                if unsettled(message_id):
                    rewritten += rewrite(message_id, meta, payload)
                    owed.add(message_id)
            if owed:
                self._track(journal_id, owed)
            else:
                self.records.remove(journal_id)
        return rewritten

    def _track(self, journal_id, message_ids):
        with self.lock:
            self.waiting[journal_id] = set(message_ids)
            for message_id in message_ids:
                self.journal_of[message_id] = journal_id


# A record is a line of JSON naming each message (id, envelope, size), then the messages'
# bytes as they are, one after the other: no base64 and no JSON string of the payloads,
# which cost the worker more than the fsync (records from before, a JSON list with base64
# payloads, are still read).
FRAMED = b"mailrouter-journal 2\n"


def framed(messages):
    index = [{"id": i, "meta": meta, "size": len(payload)} for i, (meta, payload) in messages.items()]
    return b"".join([FRAMED, json.dumps(index, separators=(",", ":")).encode(), b"\n",
                     *(payload for _, payload in messages.values())])


def unframed(body):
    if not body.startswith(FRAMED):
        return [(m["id"], m["meta"], base64.b64decode(m["payload"])) for m in json.loads(body)]
    end = body.index(b"\n", len(FRAMED))
    found, at = [], end + 1
    for entry in json.loads(body[len(FRAMED):end]):
        found.append((entry["id"], entry["meta"], body[at:at + entry["size"]]))
        at += entry["size"]
    if at != len(body):
        raise ValueError("a journal record's sizes do not add up")
    return found
