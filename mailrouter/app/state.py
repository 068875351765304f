"""What the daemon keeps under its state directory, opened once, and the lock on it.

`serve`, `tick` and the read-only CLI commands open the same State; only one process at a
time holds the lock (`hold_state_lock`), so deadlines are never run twice.
"""

import fcntl
import os
import secrets
from datetime import timedelta
from dataclasses import dataclass

from mailrouter.audit import AuditLog
from mailrouter.cases.acks import AckLedger
from mailrouter.cases.store import CaseStore
from mailrouter.cases.throttle import SenderThrottle
from mailrouter.durable import create_exclusive, ensure_dir
from mailrouter.entry_dir import EntryDir
from mailrouter.errors import MailrouterError
from mailrouter.outbound.mailboxes import MailboxHealth
from mailrouter.outbound.outbox import Outbox
from mailrouter.privacy.identity_store import IdentityStore, load_or_create_key
from mailrouter.privacy.sealing import SealedEntryDir, Sealer


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
    mailboxes: MailboxHealth
    throttle: SenderThrottle
    audit: AuditLog


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
        mailboxes=MailboxHealth(root / "mailboxes"),
        throttle=SenderThrottle(root / "throttle", secret, config.limits.repeats_per_sender,
                                timedelta(seconds=config.limits.repeat_window)),
        audit=AuditLog(root / "audit", clock),
    )


def load_or_create_secret(path):
    """The key behind reply tokens and sender digests; created once, 0600."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        create_exclusive(path, secrets.token_bytes(32))     # False: another start made it
    return path.read_bytes()


class StateLocked(MailrouterError):
    """Another mailrouter process holds the state directory."""


def hold_state_lock(state_dir):
    """An exclusive lock on the state directory for as long as the daemon runs.

    `mailrouter tick` takes the same lock, so deadlines are never run by two processes.
    """
    # Not a durable write: the empty file only carries the lock (durable.py not needed).
    handle = open(state_dir / "daemon.lock", "a")
    os.chmod(state_dir / "daemon.lock", 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StateLocked(f"another mailrouter process is using {state_dir}")
    return handle

