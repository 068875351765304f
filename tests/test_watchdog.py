"""The systemd watchdog sees a stuck worker (issue 11, R2): a worker on one message for
longer than its bound stops feeding it, so WatchdogSec restarts the daemon; one that
is merely busy within the bound, or idle, keeps feeding it.

The daemon runs in process with a test-owned $NOTIFY_SOCKET; the message that hangs is a
stage that waits for the test (the one stand-in here), and the bound is shortened.
"""

import socket
import threading
import time

from harness import RunningDaemon, load, report, write_config
from test_reload import NotifySocket

from mailrouter.app import supervision
from mailrouter.pipeline import runner
from mailrouter.pipeline.item import Kind


def pings(notify, seconds):
    """The messages the daemon sent in the next `seconds`."""
    got, deadline = [], time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        notify.sock.settimeout(remaining)
        try:
            got.append(notify.sock.recv(4096).decode())
        except socket.timeout:
            break
    return got


def drained(notify):
    """What the daemon sent so far and nobody read."""
    got = []
    notify.sock.setblocking(False)
    try:
        while True:
            got.append(notify.sock.recv(4096).decode())
    except BlockingIOError:
        return got
    finally:
        notify.sock.setblocking(True)


def test_a_stuck_worker_starves_the_watchdog_and_a_busy_one_does_not(tmp_path, sink, monkeypatch):
    notify = NotifySocket()
    monkeypatch.setenv("NOTIFY_SOCKET", notify.path)
    monkeypatch.setenv("WATCHDOG_USEC", "400000")              # WatchdogSec=0.4s: a ping every 0.2s
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    monkeypatch.setattr(supervision, "WORKER_STUCK_AFTER", 2.0)
    release, between = threading.Event(), threading.Event()
    real_run = runner.run

    def hanging(item, *args):
        if item.kind is Kind.REPORT:
            release.wait(30)
        return real_run(item, *args)
    monkeypatch.setattr(runner, "run", hanging)
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        assert "WATCHDOG=1" in pings(notify, 0.5)             # idle: fed
        running.daemon.worker.between_messages(lambda: between.wait(10))
        assert running.send(report())[0] == 250
        time.sleep(0.2)         # taken 0.2 s after it came: not a burst, the worker never rests
        between.set()
        assert "WATCHDOG=1" in pings(notify, 1.2)             # busy within its bound: fed
        time.sleep(1.2)                                         # past the bound
        before = pings(notify, 0.05) + drained(notify)
        stuck = pings(notify, 1.0)
        assert "WATCHDOG=1" not in stuck
        assert any("the worker is stuck on one message" in m for m in before + stuck)
        release.set()                                           # the message ends after all
        running.run_until_idle()
        assert "WATCHDOG=1" in pings(notify, 0.5)
        assert len(running.store.codes()) == 1
    finally:
        release.set()
        between.set()
        running.stop()
        notify.close()
