"""`mailrouter tick`: run (or preview) the deadlines due at a given time."""

import asyncio
import sys
from pathlib import Path

from mailrouter.app.exits import EXIT_BUSY, EXIT_OK, EXIT_USAGE
from mailrouter.casework.send_screen import withdraw_refused
from mailrouter.clock import SystemClock


def at_argument(text):
    """The time `--at TEXT` names (now without it), or None after saying what is wrong."""
    from mailrouter.deadlines.scheduler import parse_at

    try:
        return parse_at(text) if text else SystemClock().now()
    except ValueError:
        print(f"mailrouter: --at: not a time like 2026-12-01T09:00: {text!r}", file=sys.stderr)
        return None


def run_tick(config, args):
    at = at_argument(args.at)
    if at is None:
        return EXIT_USAGE
    return tick_preview(config, at) if args.dry_run else tick_now(config, at)


def with_daemon_stopped(config, at, busy, work):
    """`work(daemon)` on a Daemon at `at`, holding the state lock, so that only one process
    writes the state; None (after saying `busy`) when the daemon holds it."""
    from mailrouter.clock import FixedClock
    from mailrouter.app.daemon import Daemon
    from mailrouter.app.state import StateLocked, hold_state_lock

    try:
        lock = hold_state_lock(config.state_dir)
    except StateLocked:
        print(f"mailrouter: the daemon is running on this state directory and {busy}; nothing was done. "
              "Use --dry-run to preview.", file=sys.stderr)
        return None
    try:
        return work(Daemon(config, clock=FixedClock(at)))
    finally:
        lock.close()


def tick_now(config, at):
    def work(daemon):
        done = daemon.worker.run_tick_after_rebuild(at)
        asyncio.run(_deliver(daemon))
        return done

    return run_and_list(config, at, "runs due deadlines every minute by itself", work, "deadline(s) run")


def run_and_list(config, at, busy, work, what):
    """`work` with the daemon stopped; then each (code, outcome) it returns and their count.
    EXIT_BUSY (after saying `busy`) when the daemon holds the state directory."""
    done = with_daemon_stopped(config, at, busy, work)
    if done is None:
        return EXIT_BUSY
    for code, outcome in done:
        print(f"{code}: {outcome}")
    print(f"{len(done)} {what} at {at.isoformat()}")
    return EXIT_OK


def tick_preview(config, at):
    import dataclasses
    import shutil
    import tempfile

    from mailrouter.clock import FixedClock
    from mailrouter.app.daemon import Daemon
    from mailrouter.outbound.transports import PreviewTransport

    # A throwaway copy, removed below: nothing here must survive a crash, so no durable.py.
    # In the temporary directory (private, 0700), not beside the state directory, whose
    # parent may be read-only (/var/lib under systemd's ProtectSystem).
    scratch = Path(tempfile.mkdtemp(prefix="mailrouter-tick-preview-"))
    try:
        copy = scratch / "state"
        shutil.copytree(config.state_dir, copy, ignore=shutil.ignore_patterns("daemon.lock"))
        preview = PreviewTransport()
        daemon = Daemon(dataclasses.replace(config, state_dir=copy), clock=FixedClock(at), transport=preview)
        done = daemon.worker.run_tick_after_rebuild(at)
        asyncio.run(_deliver(daemon))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"At {at.isoformat()} (dry run: nothing was sent or changed):")
    for code, what in done:
        print(f"  {code}: {what}")
    for recipient, subject in preview.sent:
        print(f"  would send to {recipient}: {subject}")
    if not done:
        print("  nothing is due")
    return EXIT_OK


async def _deliver(daemon):
    # No worker thread here to settle what the send-time screen would hold back: this thread
    # settles every queued case mail first (casework/send_screen.py), then the courier sends.
    withdraw_refused(daemon.ctx)
    await daemon.courier.drain_once()
    await daemon.transport.close()
