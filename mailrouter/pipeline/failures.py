"""What the worker does with an entry whose processing raised (D9, R2, T4).

Three outcomes, decided here and nowhere else:
- a fault of the host (a full disk, EIO, EMFILE: `faults.is_transient`), or one while
  recording the attempt: not an attempt. The entry waits in memory with its own backoff
  and the loop pauses, so a full disk never quarantines mail and never spins;
- a fault of the message: an attempt is recorded and the entry is retried later;
- the last attempt, or a message past a cap or its reading budget (`Unreadable`: it would
  be as slow again): quarantined at once, the admin alerted, a sender who is a person told
  that a person will look at it (casework/quarantine.py).
"""

import logging
from datetime import datetime, timedelta

from mailrouter.casework.quarantine import after_quarantine
from mailrouter.clock import iso
from mailrouter.entry_dir import open_payload
from mailrouter.errors import SpoolError
from mailrouter.faults import is_transient
from mailrouter.mail.limits import Unreadable
from mailrouter.mail.message import split_head
from mailrouter.mail.screening import screened_head
from mailrouter.settings.defaults import LOOP_HEADER

log = logging.getLogger("mailrouter.pipeline.worker")
RETRY_DELAY = timedelta(seconds=30)      # between attempts at an entry that failed
HEAD_READ = 64 * 1024                    # of a message never parsed, what is read for its headers


class Failures:
    def __init__(self, spool, ctx, max_attempts, faults):
        self.spool = spool
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.faults = faults

    def failed(self, entry_id, error, read=(None, None)):
        """`read`: (message, dedup key) the attempt got to, for the quarantine's notices."""
        if is_transient(error):
            self._hold(entry_id, error)
            return
        log.error("spool %s: processing failed (%s)", entry_id, error.__class__.__name__)
        log.debug("spool %s: failure detail", entry_id, exc_info=True)
        try:
            self._record_attempt(entry_id, error, read)
        except Exception as fault:   # the record could not be written: the disk, most likely
            self._hold(entry_id, fault)

    def quarantine(self, entry_id, reason, read=(None, None)):
        """Set the entry aside for the admin; the one way out of the spool besides processing."""
        try:
            meta = self.spool.meta(entry_id)
        except SpoolError:
            meta = None                      # damaged: nobody to tell but the admin
        if read[0] is None and meta is not None:
            read = (self._head_of(entry_id), read[1])
        self.spool.quarantine(entry_id, reason)
        try:
            after_quarantine(self.ctx, entry_id, reason, meta, *read)
        except Exception as error:           # the entry is safe; telling about it must not stop the loop
            log.error("spool %s: quarantine notices failed (%s)", entry_id, error.__class__.__name__)

    def _head_of(self, entry_id):
        """The header section alone of an entry no attempt parsed (past a cap): whether it is
        automatic mail, which must get no notice (L1). None when it cannot be read."""
        try:
            with open_payload(self.spool.path_of(entry_id)) as entry:
                head = split_head(entry.read(HEAD_READ))[0]
            return screened_head(head, LOOP_HEADER)
        except Exception:                    # noqa: BLE001 (unreadable: the envelope decides)
            return None

    def _hold(self, entry_id, error):
        """A fault of the host: not an attempt. The entry and the loop wait, in memory only."""
        delay = self.faults.hold(entry_id)
        log.warning("spool %s: %s, not counted as an attempt; retried in %.0fs", entry_id,
                    error.__class__.__name__, delay)
        log.debug("spool %s: fault detail", entry_id, exc_info=True)

    def _record_attempt(self, entry_id, error, read):
        try:
            attempts = self.spool.meta(entry_id).get("attempts", 0) + 1
        except SpoolError:
            attempts = self.max_attempts     # the record itself is damaged: set it aside now
        if isinstance(error, Unreadable):
            attempts = self.max_attempts     # past a cap or its budget (T4): it would be again
        if getattr(error, "not_its_case", False):
            read = (read[0], None)           # its key names another message's case: not this one's
        if attempts >= self.max_attempts:
            self.quarantine(entry_id, f"{error.__class__.__name__}: {error}", read)
            return
        retry_at = datetime.fromisoformat(iso(self.ctx.clock.now())) + RETRY_DELAY * attempts
        self.spool.update_meta(entry_id, attempts=attempts, retry_after=iso(retry_at))
