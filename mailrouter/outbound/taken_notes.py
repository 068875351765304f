"""What the relay process writes the moment the relay says 250, in the courier's stead.

The courier's own order (outbound/courier.py `_note_taken`): the mail's `mail-sent` audit
record, unsynced, then its line in `sent.log`. Written here, in the relay process, neither
waits for the answer's way back through the daemon's busy event loop: a kill of the daemon
in that moment neither sends the mail again nor leaves it unrecorded. The record carries the
fields and time the daemon gave (by its clock and its committee: `MailSent.fields`).

The records are fsynced together, as the courier's are (app/auditing.MailSent): when no
other delivery is under way, or SYNC_SECONDS after the last fsync.
"""

import asyncio
import time

from mailrouter.audit import AuditLog
from mailrouter.clock import SystemClock
from mailrouter.durable import fsync_file
from mailrouter.outbound.kept_log import KeptLog

SYNC_SECONDS = 1.0


class TakenNotes:
    def __init__(self, sent_log, audit_root):
        self.sent = KeptLog(sent_log) if sent_log else None
        self.audit = AuditLog(audit_root, SystemClock()) if audit_root else None
        self.unsynced = 0
        self.synced_at = time.monotonic()

    async def write(self, note):
        """Write `note` ((outbox id, (fields, time) or None)); True if all of it was written.

        False if there is nothing to write here or the disk refused: then the daemon writes
        it when the answer reaches it (after a refused `sent.log` line, the record again:
        a record twice, never none). Another writer holding the audit log (the CLI, the
        worker's commit) is waited for in a thread: the other deliveries go on meanwhile."""
        if note is None or self.sent is None:
            return False
        entry_id, record = note
        try:
            if record is not None and self.audit is not None:
                fields, at = record
                if not self.audit.append_unsynced("mail-sent", fields, wait=False, at=at):
                    await asyncio.to_thread(self.audit.append_unsynced, "mail-sent", fields, True, at)
                self.unsynced += 1
            self.sent.append(f"{entry_id}\n".encode())
        except OSError:
            return False
        return True

    async def sync(self, others_under_way):
        """fsync the records written since the last time, when nothing else is being sent
        or SYNC_SECONDS have passed; a failure is not retried (Linux forgets it), as the
        courier's."""
        if not self.unsynced or (others_under_way and time.monotonic() - self.synced_at < SYNC_SECONDS):
            return
        self.unsynced, self.synced_at = 0, time.monotonic()
        await asyncio.to_thread(self._fsync)

    def close(self):
        if self.unsynced:
            self.unsynced = 0
            self._fsync()
        if self.sent is not None:
            self.sent.close()

    def _fsync(self):
        try:
            fsync_file(self.audit.path)
        except OSError:
            pass
