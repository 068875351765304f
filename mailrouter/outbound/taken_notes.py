"""What is written the moment the relay says 250, by whoever heard it: the courier (for
the transports in the daemon's process) or the relay process (outbound/relay_child.py),
which then writes it with no wait for the answer's way back through the daemon's loop.

The order: the mail's `mail-sent` audit record, unsynced, then its line in `sent.log` (what
makes a restart skip the mail). A process kill (kill -9, OOM) never leaves a line without
its record: a kill between the two sends the mail again and records it twice, which is what
happened. Neither can a stop at shutdown split them (`write`). The record's fields and
time are the daemon's, computed once before the attempt (`TakenNote.record`, by its clock
and committee: app/auditing.mail_sent).

The records are fsynced together (`sync`, in a thread): when no other delivery is under
way, or SYNC_SECONDS after the oldest unsynced one. A power cut can lose what was written
since: records and the `sent.log` lines written after them (then the mail goes again and is
recorded again), the trade-off `sent.log` makes.
"""

import asyncio
import logging
import time

from mailrouter.audit import AuditLog
from mailrouter.clock import SystemClock
from mailrouter.durable import fsync_file
from mailrouter.outbound.kept_log import KeptLog

log = logging.getLogger("mailrouter.audit")
SYNC_SECONDS = 1.0


class TakenNotes:
    """`audit`: the AuditLog (None: no records); `note_line(entry id)` writes its `sent.log`
    line, raising OSError if the disk refuses. `last_word`: nobody writes a note after us
    (the daemon): a record the disk refused is logged, and the line written all the same."""

    def __init__(self, audit, note_line, last_word=True):
        self.audit = audit
        self.note_line = note_line
        self.last_word = last_word
        self.unsynced = 0                # records written since the last fsync
        self.oldest = 0.0                # when the first of them was written (monotonic)
        self.syncing = False
        self.closing = lambda: None

    @classmethod
    def in_relay_process(cls, sent_log, audit_root):
        """The relay process's: its own `sent.log` handle; None if it has nowhere to write."""
        if sent_log is None:
            return None
        lines = KeptLog(sent_log)
        notes = cls(AuditLog(audit_root, SystemClock()) if audit_root else None,
                    lambda entry_id: lines.append(f"{entry_id}\n".encode()), last_word=False)
        notes.closing = lines.close
        return notes

    async def write(self, note):
        """Write `note`'s record, then its line; True once the line is written.

        On the loop when the log is free; else both in one thread, which waits for the other
        writer (the CLI, the worker's commit) while the other deliveries go on. That thread
        runs to its end even if we are cancelled meanwhile (a stop at shutdown; `asyncio.run`
        waits for it), so the line always follows its record. False if the disk refused:
        then whoever hears of it next writes what is missing (`relay_process`: the daemon,
        which may write the record again: a record twice, never none)."""
        written = self._write(note, wait=False)
        if written is None:              # another writer holds the audit log
            written = await asyncio.to_thread(self._write, note, True)
        return written

    def _write(self, note, wait):
        if note.record is not None and self.audit is not None:
            fields, at = note.record
            try:
                if not self.audit.append_unsynced("mail-sent", fields, wait=wait, at=at):
                    return None
                self._written()
            except Exception as error:   # the mail went: raising would only resend it
                log.error("audit: a delivery could not be recorded (%s)", error.__class__.__name__)
                if not self.last_word:
                    return False
        try:
            self.note_line(note.entry_id)
        except OSError as error:
            log.warning("outbox %s: taken, not yet noted (%s)", note.entry_id, error.__class__.__name__)
            return False
        return True

    def _written(self):
        if not self.unsynced:
            self.oldest = time.monotonic()
        self.unsynced += 1

    async def sync(self, others_under_way=False):
        """fsync the records written since the last time (one thread hop), unless other
        deliveries are under way and the oldest record waited less than SYNC_SECONDS."""
        if not self.unsynced or self.syncing:
            return
        if others_under_way and time.monotonic() - self.oldest < SYNC_SECONDS:
            return
        self.syncing, self.unsynced = True, 0    # first: a record written meanwhile waits for the next
        try:
            await asyncio.to_thread(self._fsync)
        finally:
            self.syncing = False

    def close(self):
        """The relay process ends: the last records' fsync, and `sent.log` closed."""
        if self.unsynced:
            self.unsynced = 0
            self._fsync()
        self.closing()

    def _fsync(self):
        try:
            fsync_file(self.audit.path)
        except Exception as error:       # not retried: Linux forgets the failed pages' error
            log.error("audit: delivery records could not be synced (%s)", error.__class__.__name__)
