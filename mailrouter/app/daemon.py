"""The composition root: `serve` builds everything here and passes it down.

Config → state (spool, case store, identity store, outbox) → intake server, worker thread,
courier. No module keeps a global; tests build a Daemon with their own clock, randomness
and relay and talk to it over real SMTP.
"""

import asyncio
import fcntl
import logging
import os
import secrets
import signal
import socket
import threading
from dataclasses import dataclass

import schedule

from mailrouter.outbound.alerts import Alerts
from mailrouter.clock import SystemClock
from mailrouter.cases.codenames import CodeNames
from mailrouter.outbound.compose import Composer
from mailrouter.casework.context import Context
from mailrouter.outbound.courier import Courier
from mailrouter.settings.defaults import MAX_PROCESSING_ATTEMPTS
from mailrouter.outbound.transports import make_transport
from mailrouter.durable import EntryDir, ensure_dir
from mailrouter.errors import MailrouterError
from mailrouter.intake.handler import IntakeHandler
from mailrouter.intake.imap import ImapIntake
from mailrouter.intake.oauth import TokenSources
from mailrouter.outbound.outbox import Outbox
from mailrouter.privacy.reporters import Reporters
from mailrouter.privacy.sealing import SealedEntryDir, Sealer
from mailrouter.deadlines.scheduler import Scheduler
from mailrouter.intake.smtp_server import server_factory
from mailrouter.cases.acks import AckLedger
from mailrouter.cases.store import CaseStore
from mailrouter.privacy.identity_store import IdentityStore, load_or_create_key
from mailrouter.cases.tokens import ReplyAddresses, digest
from mailrouter.pipeline.worker import Worker

log = logging.getLogger("mailrouter.app.daemon")
TICK_SECONDS = 60


@dataclass
class State:
    """Everything kept under the state directory, opened once."""

    spool: EntryDir
    store: CaseStore
    identities: IdentityStore
    ledger: AckLedger
    outbox: Outbox
    held: EntryDir
    secret: bytes


def open_state(config, clock, rng=None, create_keys=True):
    """Open (and on first start create) everything under the state directory."""
    root = ensure_dir(config.state_dir)
    os.chmod(root, 0o700)
    secret = load_or_create_secret(root / "secret.key")
    identity_key = load_or_create_key(root / "identity.key", create=create_keys)
    sealer = Sealer(identity_key)
    return State(
        spool=EntryDir(root / "spool"),
        store=CaseStore(root / "cases", clock),
        identities=IdentityStore(root / "identities", identity_key),
        ledger=AckLedger(root / "acks", secret, config.limits.daily_acks_per_sender),
        outbox=Outbox(root / "outbox", clock, config.outbound.retry, secret, sealer, rng),
        held=SealedEntryDir(root / "held", sealer),     # automatic mail can be the reporter's own
        secret=secret,
    )


def load_or_create_secret(path):
    """The key behind reply tokens and sender digests; created once, 0600."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    try:
        os.write(fd, secrets.token_bytes(32))
        os.fsync(fd)
    finally:
        os.close(fd)
    return path.read_bytes()


class Daemon:
    def __init__(self, config, clock=None, rng=None, transport=None):
        self.config = config
        self.clock = clock or SystemClock()
        self.state = open_state(config, self.clock, rng)
        self.composer = Composer(config, self.clock)
        self.replies = ReplyAddresses(config.alias)
        self.alerts = Alerts(config, self.composer, self.state.outbox, poke=self._poke_courier)
        self.tokens = TokenSources(config.state_dir, self.alerts)    # shared by IMAP and SMTP
        self.transport = transport or make_transport(config.outbound, self.tokens.of(config.outbound.smtp))
        self.ctx = Context(
            config=config, committee=config.committee, clock=self.clock, secret=self.state.secret,
            store=self.state.store, reporters=Reporters(self.state.identities), ledger=self.state.ledger,
            outbox=self.state.outbox, held=self.state.held, composer=self.composer,
            replies=self.replies, codenames=CodeNames(rng), alerts=self.alerts,
            poke=self._poke_courier)
        self.scheduler = Scheduler(self.ctx, config.state_dir)
        self.worker = Worker(self.state.spool, self.ctx, MAX_PROCESSING_ATTEMPTS, self.scheduler)
        self.courier = Courier(self.state.outbox, self.transport, self.alerts,
                               config.outbound.concurrency)
        self.loop = None
        self.server = None
        self.stopping = None
        self.worker_stopping = threading.Event()
        self.tasks = []
        self.port = None
        self.imap = None

    # -- life cycle -----------------------------------------------------------------
    async def start(self):
        """Recover the spool, bind the SMTP port (or start the IMAP intake), start the worker
        and courier."""
        self.loop = asyncio.get_running_loop()
        self.stopping = asyncio.Event()
        self.lock = hold_state_lock(self.config.state_dir)
        for entry_id in self.state.spool.recover():
            log.error("spool %s: torn entry found at start-up, quarantined", entry_id)
            self.alerts.send(f"torn:{entry_id}", "a torn spool entry was found at start-up",
                             detail="the entry was incomplete or did not match its checksum",
                             kept=f"its bytes are in the spool's quarantine folder as {entry_id}",
                             entry=entry_id)
        self.state.outbox.queue.recover()
        if self.config.intake.method == "smtp":
            await self._start_smtp()
        self.worker_thread = threading.Thread(target=self.worker.run, args=(self.worker_stopping,),
                                              name="mailrouter-worker", daemon=True)
        self.worker_thread.start()
        self.tasks.append(asyncio.create_task(self.courier.run(self.stopping)))
        self.tasks.append(asyncio.create_task(self._drive_schedule()))
        if self.config.intake.method == "imap":
            self._start_imap()
            log.info("reading IMAP folder %s at %s; %d cases on file", self.config.intake.imap.folder,
                     self.config.intake.imap.host, len(self.state.store.names))
        else:
            log.info("listening on %s port %d; %d cases on file", self.config.listen_host,
                     self.port, len(self.state.store.names))
        return self.port

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
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.transport.close()
        self.lock.close()
        log.info("stopped")

    async def serve_forever(self):
        """Run until SIGTERM or SIGINT; tell systemd when ready."""
        await self.start()
        for signum in (signal.SIGTERM, signal.SIGINT):
            self.loop.add_signal_handler(signum, self.stopping.set)
        sd_notify(b"READY=1")
        await self.stopping.wait()
        sd_notify(b"STOPPING=1")
        await self.stop()

    # -- wiring -------------------------------------------------------------------------
    async def _drive_schedule(self):
        """The periodic tick: `schedule` decides when; the worker runs it (single writer)."""
        jobs = schedule.Scheduler()
        jobs.every(TICK_SECONDS).seconds.do(self.worker.request_tick)
        while not self.stopping.is_set():
            jobs.run_pending()
            await asyncio.sleep(1)

    def _is_live_token(self, token):
        return digest(token) in self.state.store.by_token

    def _accepts(self, address):
        """The SMTP door's rule for a recipient, for the IMAP intake's `+` addresses."""
        token = self.replies.token_of(address)
        return self.replies.is_alias(address) or bool(token and self._is_live_token(token))

    def _poke_courier(self):
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.courier.poke)


class StateLocked(MailrouterError):
    """Another mailrouter process holds the state directory."""


def hold_state_lock(state_dir):
    """An exclusive lock on the state directory for as long as the daemon runs.

    `mailrouter tick` takes the same lock, so deadlines are never run by two processes.
    """
    handle = open(state_dir / "daemon.lock", "a")
    os.chmod(state_dir / "daemon.lock", 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StateLocked(f"another mailrouter process is using {state_dir}")
    return handle


def sd_notify(message):
    """Tell systemd about our state when started as Type=notify (no-op otherwise)."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.sendto(message, address)
