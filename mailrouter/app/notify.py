"""Telling systemd how the daemon is (Type=notify): READY, RELOADING, STOPPING, STATUS, WATCHDOG.

Every call is a no-op unless systemd (or a test) set $NOTIFY_SOCKET. A message that cannot
be sent is logged once and otherwise ignored: systemd's bookkeeping never stops mail.
"""

import asyncio
import logging
import os
import socket
import time

log = logging.getLogger("mailrouter.app.notify")
STATUS_SECONDS = 2.0
_failed = set()


def sd_notify(*fields):
    """Send `KEY=value` fields in one datagram; True if it was sent."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    message = "\n".join(field.decode() if isinstance(field, bytes) else field for field in fields)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode("utf-8"), address)
    except OSError as error:
        if address not in _failed:
            _failed.add(address)
            log.warning("cannot notify systemd (%s)", error.strerror or error)
        return False
    return True


def reloading():
    """RELOADING=1 with the CLOCK_MONOTONIC time systemd >= 253 wants alongside it."""
    return sd_notify("RELOADING=1",
                     f"MONOTONIC_USEC={time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000}")


def watchdog_interval(environ=None):
    """Seconds between WATCHDOG=1 pings (half of WatchdogSec=), or None when not asked."""
    environ = os.environ if environ is None else environ
    usec, pid = environ.get("WATCHDOG_USEC"), environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2_000_000


async def keep_informed(stopping, status, alive):
    """Until `stopping`: send STATUS= when `status()` changes, WATCHDOG=1 while `alive()`.

    The watchdog is fed while the event loop turns and `alive()` says the worker lives and
    is not stuck (`supervision.Supervisor.worker_healthy`): a message that takes long, but
    within its bound, does not starve it; a dead worker, or one stuck past the bound, does.
    """
    if not os.environ.get("NOTIFY_SOCKET"):
        return
    interval = watchdog_interval()
    pause = min(STATUS_SECONDS, interval or STATUS_SECONDS)
    last = None
    while not stopping.is_set():
        text = status()
        if text != last:
            sd_notify(f"STATUS={text}")
            last = text
        if interval and alive():
            sd_notify("WATCHDOG=1")
        try:
            await asyncio.wait_for(stopping.wait(), pause)
        except asyncio.TimeoutError:
            pass
