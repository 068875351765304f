"""A full disk stops nothing and loses nothing (issue 11, R2); a loop that dies anyway
takes the daemon down so that systemd restarts it.

The state directory is a small tmpfs (root only: CI runs as root; under CI=true a failed
mount fails the test). A filler file takes every free byte; the daemon runs on, over real
SMTP in and out, and carries on by itself once the filler is gone.
"""

import errno
import os
import subprocess
import sys
import time

import pytest

from harness import RunningDaemon, held_worker, load, report, write_config

MEMBERS = ("ana@example.org", "bo@example.org", "chidi@example.org")


@pytest.fixture
def small_disk(tmp_path):
    """tmp_path/state as an 8 MB tmpfs: the daemon's state directory."""
    mount = tmp_path / "state"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)],
                            capture_output=True, text=True)
    if result.returncode:
        reason = f"cannot mount a tmpfs for the state directory: {result.stderr.strip()} (needs root)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must run this test")
        pytest.skip(reason)
    yield mount
    subprocess.run(["umount", "--lazy", str(mount)], check=False)


def fill(mount):
    """Take every free byte of the file system; return the filler file."""
    filler = mount / "filler"
    with open(filler, "wb", buffering=0) as out:
        for chunk in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    out.write(b"\0" * chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
    return filler


def wait_until(condition, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def tick_runs(running):
    before = running.daemon.worker.ticks_done
    running.daemon.worker.request_tick()
    wait_until(lambda: running.daemon.worker.ticks_done > before, "a tick")


@pytest.mark.slow
def test_a_full_disk_stops_no_loop_and_loses_no_report(small_disk, tmp_path, sink, caplog):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        release = held_worker(running)
        code, _ = running.send(report(subject="Accepted before the disk filled"))
        assert code == 250
        filler = fill(small_disk)
        release.set()                                   # the worker meets the full disk
        wait_until(lambda: "not counted as an attempt" in caplog.text, "the worker to meet ENOSPC")
        code, _ = running.send(report(subject="Sent while the disk is full"))
        assert code == 452                              # nothing acknowledged that is not on disk
        tick_runs(running)
        time.sleep(3)                                   # a few rounds of backoff
        assert running.daemon.worker_thread.is_alive() and running.daemon.failure is None
        [entry] = running.state.spool.ids()
        assert "attempts" not in running.state.spool.meta(entry)      # the disk is not the message's fault
        assert "processing failed" not in caplog.text                  # nor was it counted as an attempt
        assert caplog.text.count("not counted as an attempt") <= 5    # backoff, not a hot loop
        assert running.store.codes() == [] and sink.all() == []

        filler.unlink()                                 # space again; nobody restarts anything
        wait_until(lambda: len(running.store.codes()) == 1, "the held report to become a case")
        code, _ = running.send(report(subject="Sent again by the front MTA", body="Another incident.\n"))
        assert code == 250
        running.run_until_idle(timeout=30)
        tick_runs(running)
        assert len(running.store.codes()) == 2
        assert len(sink.messages_to("reporter@example.net")) == 2        # two acknowledgements
        for member in MEMBERS:
            assert len(sink.messages_to(member)) == 2, member
        assert running.state.spool.quarantined_ids() == []
        assert running.daemon.worker_thread.is_alive() and running.daemon.failure is None
    finally:
        running.stop()


@pytest.mark.slow
def test_the_courier_outlives_an_outbox_it_cannot_update(small_disk, tmp_path, sink, caplog):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        sink.answers["bo@example.org"] = ["451 4.3.0 Try again later"]
        assert running.send(report())[0] == 250
        running.run_until_idle()
        assert sink.messages_to("bo@example.org") == []                # deferred by the relay
        refusals = ["451 4.3.0 Try again later"] * 50
        sink.answers["bo@example.org"] = refusals
        sent_log = running.state.outbox.sent_log
        with open(sent_log, "ab") as log:                # to a page's end: the next line needs a new one
            log.write(b"\n" * (-sent_log.stat().st_size % 4096))
        filler = fill(small_disk)
        running.advance(minutes=6)                      # bo's retry is due; its postponing fails
        wait_until(lambda: len(refusals) < 50, "the courier to try bo again")
        time.sleep(3)
        courier = running.daemon.tasks[0]
        assert not courier.done() and running.daemon.failure is None
        assert 50 - len(refusals) <= 5                  # held back with backoff, not a hot loop

        refusals.clear()                                # the relay takes it, the disk still full
        running.advance(seconds=1)
        wait_until(lambda: sink.messages_to("bo@example.org"), "the forward to bo", timeout=90)
        for _ in range(40):                             # pokes and time: nothing is sent twice
            running.advance(seconds=5)
            time.sleep(0.1)
        assert len(sink.messages_to("bo@example.org")) == 1
        assert "delivered, not yet recorded" in caplog.text           # its record waits for space
        filler.unlink()
        running.advance(minutes=1)
        running.run_until_idle(timeout=30)
        time.sleep(1)
        assert len(sink.messages_to("bo@example.org")) == 1            # sent once, recorded once
        assert running.state.outbox.queue.ids() == [] and running.state.outbox.failed() == []
        assert not courier.done() and running.daemon.failure is None
    finally:
        running.stop()


BOOM = """
import sys
from mailrouter.app.cli import main
from mailrouter.pipeline.worker import Worker

class Fatal(BaseException):
    pass

def boom(self):
    raise Fatal()

Worker.process_ready = boom          # outside the per-entry try, and no Exception
sys.argv = ["mailrouter", "serve", "--config", sys.argv[1]]
sys.exit(main())
"""


@pytest.mark.slow
def test_a_worker_that_dies_anyway_stops_serve_with_an_error(tmp_path):
    config = write_config(tmp_path)
    result = subprocess.run([sys.executable, "-c", BOOM, str(config)], capture_output=True, text=True,
                            timeout=20, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert result.returncode != 0, result.stderr
    assert "the worker thread died (Fatal)" in result.stderr
    assert "stopped: the worker thread stopped unexpectedly" in result.stderr
