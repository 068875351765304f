"""Keeping the daemon's loops going (R2), and stopping the daemon when one stops anyway.

The courier, the deadline schedule and the file watcher are coroutines: one that raises
an Exception is logged by the exception's class and run again after a pause (doubling up
to a minute, `faults.Backoff`). The worker and the IMAP intake are threads that keep
themselves going; they are looked at every second. A part that stops all the same (a
BaseException, a bug in the loop itself) stops the daemon, and `serve` exits non-zero
so that systemd restarts it. A worker on one message or tick for longer than
`WORKER_STUCK_AFTER` counts as stuck: the watchdog is no longer fed.
"""

import asyncio
import logging

from mailrouter.faults import MAXIMUM, Backoff
from mailrouter.settings.defaults import WORKER_STUCK_AFTER

log = logging.getLogger("mailrouter.app.supervision")


class Supervisor:
    def __init__(self, stopping):
        self.stopping = stopping
        self.failure = None                  # which part stopped unexpectedly, if one did
        self.threads = {}                    # name -> a thread that must live until stopping
        self.stuck = False

    def keep_running(self, name, make):
        """A task running the coroutine `make()` until stopping, again after any Exception."""
        async def forever():
            loop = asyncio.get_running_loop()
            backoff = Backoff(loop.time)
            while not self.stopping.is_set():
                started = loop.time()
                try:
                    return await make()
                except Exception as error:
                    if loop.time() - started > MAXIMUM:
                        backoff.succeeded()      # a fault after a long good run starts afresh
                    log.error("%s: %s; going on after a pause", name, error.__class__.__name__)
                    log.debug("%s fault detail", name, exc_info=True)
                    await self._sleep(backoff.pause())
        task = asyncio.create_task(forever())
        task.add_done_callback(lambda _: self.ended(name))
        return task

    def watch_thread(self, name, thread):
        self.threads[name] = thread

    def check_threads(self):
        """Called every second from the event loop."""
        for name, thread in list(self.threads.items()):
            if not thread.is_alive():
                self.ended(f"{name} thread")

    def ended(self, name):
        """A part that runs until the daemon stops has stopped: stop, and exit non-zero."""
        if self.stopping.is_set():
            return
        log.critical("the %s stopped unexpectedly; stopping so that systemd restarts mailrouter", name)
        self.failure = f"the {name} stopped unexpectedly"
        self.stopping.set()

    def worker_healthy(self, thread, worker):
        """For the watchdog: the worker thread lives and is not stuck on one message or tick."""
        stuck_for = worker.stuck_for()
        stuck = stuck_for > WORKER_STUCK_AFTER
        if stuck and not self.stuck:
            log.error("the worker has been on one message or tick for %.0fs; no longer feeding "
                      "the watchdog", stuck_for)
        self.stuck = stuck
        return thread.is_alive() and not stuck

    async def _sleep(self, seconds):
        try:
            await asyncio.wait_for(self.stopping.wait(), seconds)
        except asyncio.TimeoutError:
            pass


def run_thread_body(name, body, *args):
    """A thread's target: `body(*args)`, logging a death by class name only (R2, no data)."""
    try:
        body(*args)
    except BaseException as error:           # only what is no Exception gets here
        log.critical("the %s thread died (%s)", name, error.__class__.__name__)
        log.debug("%s thread death detail", name, exc_info=True)
