"""The IMAP intake: reports from a mailbox at a hosted provider (issue 10).

A loop in its own thread: connect, log in, select the folder, take every message in it,
then wait for more with IDLE (re-issued every 10 minutes) or, where the server does not
offer IDLE, by polling. Any error is logged by its class name only; the loop backs off
(doubling, with jitter) and reconnects. It never dies of an exception (R2).

Taking a message (Q5): fetch it, spool it durably with the SMTP handler's `spool.put` (D1),
record its UID, and only then remove it from the server. A crash before the record makes
the next run fetch it again, and the pipeline drops the duplicate by its Message-ID (D5);
a crash after it only repeats the removal. The record holds for one UIDVALIDITY: when the
folder's changes, the record is void and the whole folder is taken again.
"""

import logging
import os
import random
import signal
import threading
import time

from imapclient.exceptions import LoginError

from mailrouter.intake.imap_envelope import envelope, headers_of, message_id
from mailrouter.intake.imap_session import Session
from mailrouter.intake.imap_state import FolderState
from mailrouter.settings import defaults

log = logging.getLogger("mailrouter.intake.imap")
KILL_HOOK = "MAILROUTER_TEST_IMAP_KILL"     # tests only: "after-spool" or "after-record"
BATCH = 20                                  # messages spooled before their removal


class ImapIntake:
    def __init__(self, settings, spool, state_dir, alias, accepts, on_spooled, alerts,
                 size_limit, tokens=None, rng=None):
        self.settings, self.spool, self.alias, self.accepts = settings, spool, alias, accepts
        self.on_spooled, self.alerts, self.size_limit, self.tokens = on_spooled, alerts, size_limit, tokens
        self.state = FolderState(state_dir, settings)
        self.rng = rng or random.Random()
        self.stopping = threading.Event()
        self.thread = None
        self.delay = defaults.IMAP_BACKOFF_FIRST
        self.login_failures = 0
        self.too_large = set()
        self.counts = {"sessions": 0, "idle": 0, "poll": 0, "spooled": 0, "rescans": 0, "errors": 0}

    def start(self):
        self.thread = threading.Thread(target=self.run, name="mailrouter-imap", daemon=True)
        self.thread.start()

    def stop(self, timeout=30):
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout)

    # -- the loop -------------------------------------------------------------------
    def run(self):
        while not self.stopping.is_set():
            session = Session(self.settings, self.tokens)
            try:
                self._serve(session)
            except Exception as error:          # R2: whatever it was, back off and go on
                self._failed(error)
            finally:
                session.close()

    def _serve(self, session):
        session.open()
        self.counts["sessions"] += 1
        self.login_failures = 0
        self._observe(session)
        self._purge_trash(session)
        while not self.stopping.is_set():
            self._take_all(session)
            if session.sent:
                session.purge_sent()
            self.delay = defaults.IMAP_BACKOFF_FIRST      # a whole pass worked
            self.counts["idle" if session.can_idle else "poll"] += 1
            session.wait_for_mail(self.stopping)

    def _failed(self, error):
        self.counts["errors"] += 1
        wait = self.delay * (0.5 + self.rng.random())
        self.delay = min(self.delay * 2, defaults.IMAP_BACKOFF_MAX)
        log.warning("IMAP intake: %s; reconnecting in %.1fs", error.__class__.__name__, wait)
        # Twice in a row: once may be an access token revoked early, refreshed for the retry.
        self.login_failures += isinstance(error, LoginError)
        if isinstance(error, LoginError) and self.login_failures == 2:
            try:
                self.alerts.send(f"imap-login:{self.state.path.stem}:{time.time_ns()}",
                                 "the IMAP mailbox refused mailrouter's login",
                                 detail="check the username and the password or OAuth settings of intake",
                                 kept="reports wait in the mailbox; mailrouter keeps trying with backoff")
            except Exception as fault:      # R2: the alert waits for the next failure, the loop goes on
                self.login_failures -= 1
                log.error("IMAP intake: the admin alert failed (%s)", fault.__class__.__name__)
        self.stopping.wait(wait)

    # -- taking messages ----------------------------------------------------------
    def _observe(self, session):
        if self.state.observe(session.uidvalidity):
            self.counts["rescans"] += 1
            log.info("IMAP folder's UIDVALIDITY changed: taking the whole folder again")

    def _take_all(self, session):
        self._observe(session)
        uids = session.pending()
        self.state.keep_only(uids)
        for start in range(0, len(uids), BATCH):
            if self.stopping.is_set():
                return
            self._take_batch(session, uids[start:start + BATCH])

    def _take_batch(self, session, uids):
        sizes = session.sizes(uids)
        taken = []
        for uid in uids:
            if uid in self.state.spooled:         # spooled before; only its removal is due
                taken.append((uid, message_id(headers_of(session.message_id_header(uid)))))
            elif sizes.get(uid, 0) > self.size_limit:
                self._too_large(session, uid)
            else:
                raw = session.fetch(uid)
                if raw is not None:               # None: another client removed it meanwhile
                    taken.append((uid, self._spool(raw)))
        if not taken:
            return
        self.state.record([uid for uid, _ in taken],
                          [mid for _, mid in taken if mid] if session.trash else [])
        _test_hook("after-record")
        for uid, mid in taken:
            session.remove(uid, mid)
        if session.trash and self.state.trash_pending:
            session.purge_trash(self.state.trash_pending)
        self.state.removed([uid for uid, _ in taken])

    def _spool(self, raw):
        """D1: the message is on disk, fsynced, before anything is done on the server."""
        msg = headers_of(raw)
        mail_from, rcpt_tos = envelope(msg, self.alias, self.accepts)
        entry_id = self.spool.put(raw, {"mail_from": mail_from, "rcpt_tos": rcpt_tos})
        self.counts["spooled"] += 1
        log.info("IMAP: message spooled as %s", entry_id)
        self.on_spooled()
        _test_hook("after-spool")
        return message_id(msg)

    def _purge_trash(self, session):
        """At the start of a session: finish a purge that a crash or an error cut short."""
        if not self.state.trash_pending:
            return
        if session.trash:
            session.purge_trash(self.state.trash_pending)
        self.state.removed([])

    def _too_large(self, session, uid):
        """Over the size limit: left in the mailbox (nothing is lost) and the admin told once."""
        key = f"{session.uidvalidity}:{uid}"
        if key in self.too_large:
            return
        self.too_large.add(key)
        log.warning("IMAP: a message over the size limit was left in the mailbox (UID %s)", uid)
        self.alerts.send(f"imap-too-large:{self.state.path.stem}:{key}",
                         "a message in the IMAP mailbox is over the size limit",
                         detail=f"UID {uid} of the intake folder (UIDVALIDITY {session.uidvalidity})",
                         kept="the message stays in the mailbox, untouched; raise limits.message_size "
                              "or handle it by hand")


def _test_hook(point):
    """For the crash tests only: die as `kill -9` would, at a chosen point."""
    if os.environ.get(KILL_HOOK) == point:
        os.kill(os.getpid(), signal.SIGKILL)
