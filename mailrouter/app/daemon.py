"""The composition root: `serve` builds everything here and passes it down.

Config → state (spool, case store, identity store, outbox) → intake server, worker thread,
courier. No module keeps a global; tests build a Daemon with their own clock, randomness
and relay and talk to it over real SMTP. `supervision.py` keeps the loops going and stops
the daemon, for systemd to restart it, when one stops anyway (R2).
"""

import asyncio
import logging
import signal
import threading

import schedule

from mailrouter.app import auditing, notify
from mailrouter.app.notify import sd_notify
from mailrouter.app.reload import WATCH_SECONDS, Reloader
from mailrouter.app.state import hold_state_lock, open_state
from mailrouter.app.supervision import Supervisor, run_thread_body
from mailrouter.outbound.alerts import Alerts
from mailrouter.clock import SystemClock
from mailrouter.durable import in_group_commit
from mailrouter.cases.codenames import CodeNames
from mailrouter.cases.onboarding_store import OnboardingStore
from mailrouter.commands import onboarding
from mailrouter.outbound.compose import Composer
from mailrouter.casework import availability, onboarding as declared_conflicts
from mailrouter.casework.context import Context
from mailrouter.casework.withdrawal import withdraw_departed
from mailrouter.casework.send_screen import SendScreen
from mailrouter.cases.availability import AwayBook, Departures, live_participant
from mailrouter.outbound.courier import Courier
from mailrouter.settings.defaults import MAX_PROCESSING_ATTEMPTS
from mailrouter.outbound.relay_process import make_transport
from mailrouter.outbound.taken_notes import TakenNotes
from mailrouter.intake.handler import IntakeHandler
from mailrouter.intake.imap import ImapIntake
from mailrouter.intake.oauth import TokenSources
from mailrouter.privacy.reporters import Reporters
from mailrouter.deadlines.scheduler import Scheduler
from mailrouter.intake.smtp_server import server_factory
from mailrouter.cases.return_paths import ReturnPaths, is_return_token
from mailrouter.cases.tokens import ReplyAddresses, digest
from mailrouter.pipeline.worker import Worker

log = logging.getLogger("mailrouter.app.daemon")
TICK_SECONDS = 60


class Daemon:
    def __init__(self, config, clock=None, rng=None, transport=None):
        self.config = config
        self.clock = clock or SystemClock()
        self.state = open_state(config, self.clock, rng)
        self.composer = Composer(config, self.clock)
        self.replies = ReplyAddresses(config.alias)
        self.return_paths = ReturnPaths(self.state.secret, self.replies)
        self.alerts = Alerts(config, self.composer, self.state.outbox, poke=self._poke_courier)
        self.state.outbox.on_flush = self._wake_courier
        self.tokens = TokenSources(config.state_dir, self.alerts)    # shared by IMAP and SMTP
        self.transport = transport or make_transport(config.outbound, self.tokens.of(config.outbound.smtp),
                                                     self.state.outbox.sent_log, self.state.audit.root)
        self.ctx = Context(
            config=config, committee=config.committee, clock=self.clock, secret=self.state.secret,
            store=self.state.store, reporters=Reporters(self.state.identities), ledger=self.state.ledger,
            outbox=self.state.outbox, held=self.state.held, composer=self.composer,
            replies=self.replies, codenames=CodeNames(rng), alerts=self.alerts,
            return_paths=self.return_paths, mailboxes=self.state.mailboxes, throttle=self.state.throttle,
            audit=self.state.audit, poke=self._poke_courier, away=AwayBook(config.state_dir / "away.json"),
            departures=Departures(config.state_dir / "departures.json"),
            onboarding=OnboardingStore(config.state_dir))
        # Newcomers' #conflict lines in force from the start (the CLI's tick too), before any catch-up.
        declared_conflicts.refresh_committee(self.ctx)
        self.scheduler = Scheduler(self.ctx, config.state_dir)
        self.worker = Worker(self.state.spool, self.ctx, MAX_PROCESSING_ATTEMPTS, self.scheduler)
        self.screen = SendScreen(self.ctx, self.worker.between_messages, self._wake_courier)
        self.courier = Courier(self.state.outbox, self.transport, self.alerts,
                               config.outbound.concurrency, may_send=self._may_send)
        self.courier.notes = TakenNotes(self.state.audit, self.state.outbox.taken)
        self.courier.record_of = lambda meta: auditing.mail_sent(self.config, self.clock, meta)
        self.loop = None
        self.server = None
        self.stopping = None
        self.worker_stopping = threading.Event()
        self.tasks = []
        self.port = None
        self.reloader = Reloader(self)
        self.watch_seconds = WATCH_SECONDS
        self.imap = None
        self.supervisor = None

    # -- life cycle -----------------------------------------------------------------
    async def start(self):
        """Recover the spool, bind the SMTP port (or start the IMAP intake), start the worker
        and courier."""
        self.loop = asyncio.get_running_loop()
        self.stopping = asyncio.Event()
        self.supervisor = Supervisor(self.stopping)
        self.lock = hold_state_lock(self.config.state_dir)
        self._recover()
        if self.config.intake.method == "smtp":
            await self._start_smtp()
        await asyncio.to_thread(self.worker.reader.start)    # T4: warm, so no message waits for it
        # Who joined while the daemon was down: welcomed before the first message (worker thread).
        self.worker.between_messages(lambda: onboarding.committee_changed(self.ctx))
        self.worker_thread = threading.Thread(target=run_thread_body, name="mailrouter-worker", daemon=True,
                                              args=("worker", self.worker.run, self.worker_stopping))
        self.worker_thread.start()
        self.supervisor.watch_thread("worker", self.worker_thread)
        keep_running = self.supervisor.keep_running
        self.tasks += [keep_running("courier", lambda: self.courier.run(self.stopping)),
                       keep_running("deadline schedule", self._drive_schedule),
                       keep_running("configuration watcher",
                                    lambda: self.reloader.watch(self.stopping, self.watch_seconds))]
        self.tasks.append(asyncio.create_task(notify.keep_informed(
            self.stopping, self.status, lambda: self.supervisor.worker_healthy(self.worker_thread, self.worker))))
        if self.config.intake.method == "imap":
            self._start_imap()
            log.info("reading IMAP folder %s at %s; %d cases on file", self.config.intake.imap.folder,
                     self.config.intake.imap.host, len(self.state.store.names))
        else:
            log.info("listening on %s port %d; %d cases on file", self.config.listen_host,
                     self.port, len(self.state.store.names))
        return self.port

    def _recover(self):
        for entry_id in self.state.spool.recover():
            log.error("spool %s: torn entry found at start-up, quarantined", entry_id)
            self.alerts.send(f"torn:{entry_id}", "a torn spool entry was found at start-up",
                             detail="the entry was incomplete or did not match its checksum",
                             kept=f"its bytes are in the spool's quarantine folder as {entry_id}",
                             entry=entry_id)
        self.state.outbox.recover()
        if self.state.audit.recover():
            log.warning("audit log: an incomplete last record (a crash mid-append) was cut and recorded")
        for code in self.state.store.tidy():
            log.warning("case folder %s was left unfinished by a crash; removed", code)
        availability.committee_changed(self.ctx, self.ctx.committee)   # members.yaml may have changed while down

    async def _start_smtp(self):
        handler = IntakeHandler(self.state.spool, self.replies, self._is_live_token,
                                self.config.limits.recipients_per_transaction, self.worker.spooled)
        self.server = await self.loop.create_server(
            server_factory(handler, self.config.limits),
            host=self.config.listen_host, port=self.config.listen_port)
        self.port = self.server.sockets[0].getsockname()[1]

    def _start_imap(self):
        settings = self.config.intake.imap
        self.imap = ImapIntake(settings, self.state.spool, self.config.state_dir, self.config.alias,
                               self._accepts, self.worker.spooled, self.alerts,
                               self.config.limits.message_size, self.tokens.of(settings))
        self.imap.start()
        self.supervisor.watch_thread("IMAP intake", self.imap.thread)

    async def stop(self):
        self.stopping.set()
        self.worker_stopping.set()
        self.worker.wake()
        if self.imap is not None:
            await asyncio.to_thread(self.imap.stop)
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
        await asyncio.to_thread(self.worker_thread.join, 30)
        self.worker.close()
        await asyncio.to_thread(self.state.outbox.close)   # unsent mail in memory gets its files
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.transport.close()
        self.lock.close()
        log.info("stopped")

    async def serve_forever(self):
        """Run until SIGTERM or SIGINT, reload on SIGHUP; tell systemd how things are."""
        loop = asyncio.get_running_loop()
        # SIGHUP's default would end the process: from the first moment, it means reload.
        loop.add_signal_handler(signal.SIGHUP, self.request_reload)
        await self.start()
        for signum in (signal.SIGTERM, signal.SIGINT):
            self.loop.add_signal_handler(signum, self.stopping.set)
        sd_notify("READY=1", f"STATUS={self.status()}")
        await self.stopping.wait()
        sd_notify("STOPPING=1", "STATUS=stopping")
        await self.stop()

    def request_reload(self):
        log.info("SIGHUP: reloading the configuration")
        self.tasks.append(asyncio.get_running_loop().create_task(self.reloader.reload("SIGHUP")))

    def status(self):
        """One line for `systemctl status`: queue depths and the configuration's state."""
        line = (f"spool {len(self.state.spool.ids())}, outbox {len(self.state.outbox.queue.ids())}, "
                f"{len(self.config.committee.members)} members")
        if self.reloader.rejected:
            line += f"; last configuration edit refused: {self.reloader.rejected}"
        if self.supervisor and self.supervisor.stuck:
            line += "; the worker is stuck on one message (the watchdog is no longer fed)"
        return line

    # -- wiring -------------------------------------------------------------------------
    async def _drive_schedule(self):
        """The periodic tick: `schedule` decides when; the worker runs it (single writer)."""
        jobs = schedule.Scheduler()
        jobs.every(TICK_SECONDS).seconds.do(self.worker.request_tick)
        while not self.stopping.is_set():
            jobs.run_pending()
            self.supervisor.check_threads()
            await asyncio.sleep(1)

    @property
    def failure(self):
        """Which part stopped unexpectedly (then `serve` exits non-zero), or None."""
        return self.supervisor and self.supervisor.failure

    def _is_live_token(self, token):
        if is_return_token(token):             # a bounce's return path: live if we signed it
            return self.return_paths.verify(token) is not None
        found = self.state.store.by_token.get(digest(token))
        # A removed or inactive member's case address is refused like an unknown one.
        if found is None:           # a newcomer's welcome address is live too (issue 12)
            return self.ctx.onboarding.by_token(digest(token)) is not None
        return live_participant(self.ctx.committee, self.ctx.departures, found[1])

    def _may_send(self, entry_id, meta):
        """The courier's last look: nothing goes to a member who left (issue 12), nor mail about
        a case to a reader the send-time screen refuses now; the worker withdraws it, says why."""
        if meta.get("sender") and self.ctx.departures.gone(self.ctx.committee, meta.get("recipient")):
            self.worker.between_messages(lambda: withdraw_departed(self.ctx, self.ctx.committee))
            return False
        return self.screen.may_send(entry_id, meta)

    def _accepts(self, address):
        """The SMTP door's rule for a recipient, for the IMAP intake's `+` addresses."""
        token = self.replies.token_of(address)
        return self.replies.is_alias(address) or bool(token and self._is_live_token(token))

    def _poke_courier(self):
        # Mail queued inside the worker's group commit is on disk only at its flush, which
        # wakes the courier then (`on_flush`): woken sooner, it would only scan the queue.
        if not in_group_commit():
            self._wake_courier()

    def _wake_courier(self, released=()):
        """Wake the courier (from any thread), giving back what the send-time screen let go."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.courier.release, released)
