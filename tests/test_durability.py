"""Nothing accepted is lost: kill -9 after 250, torn entries, failures that repeat."""

import os
import re
import signal
import smtplib
import subprocess
import sys
import threading
import time

from harness import RunningDaemon, load, report, write_config
from mailrouter.entry_dir import EntryDir

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def start_serve(config_path):
    """`mailrouter serve` in a subprocess; return (process, port) once it listens."""
    log_path = config_path.parent / "serve.log"
    already = log_path.stat().st_size if log_path.exists() else 0   # earlier runs' lines
    with open(log_path, "a") as log:        # a file, not a pipe: a full pipe would block it
        process = subprocess.Popen(
            [sys.executable, "-m", "mailrouter", "serve", "--config", str(config_path)], stderr=log)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        match = re.search(r"listening on 127\.0\.0\.1 port (\d+)", log_path.read_text()[already:])
        if match:
            return process, int(match.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"mailrouter serve did not start:\n{log_path.read_text()}")


def wait_until(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the daemon never got there")
        time.sleep(0.01)


def send(port, raw):
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        return client.sendmail(REPORTER, ["conduct@example.org"], raw)


def test_sigkill_right_after_250_loses_nothing_and_duplicates_nothing(tmp_path, sink):
    outbound = {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink.port},
                "retry": {"first": "1s", "max": "2s", "jitter": 0.0}}
    config_path = write_config(tmp_path, sink.port, outbound=outbound)
    # The relay refuses the first attempts, so the kill finds the report unsent.
    for member in MEMBERS + [REPORTER]:
        sink.answers[member] = ["451 4.3.0 try later"] * 1
    process, port = start_serve(config_path)
    try:
        assert send(port, report(message_id="<kill-9@example.net>")) == {}
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    sink.answers.clear()
    process, port = start_serve(config_path)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(sink.all()) < 4:
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)
    config = load(config_path)
    cases = [d for d in (config.state_dir / "cases").iterdir() if d.is_dir()]
    assert len(cases) == 1
    assert len(sink.messages_to(REPORTER)) == 1
    for member in MEMBERS:
        assert len(sink.messages_to(member)) == 1, member


def test_torn_spool_entry_is_quarantined_at_start_up_with_an_alert(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port))
    spool = EntryDir(config.state_dir / "spool")
    entry_id = spool.put(report(), {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]})
    entry = spool.root / f"{entry_id}.msg"
    entry.write_bytes(entry.read_bytes()[:-40])            # a write cut short
    headless = spool.root / "0000000000000000-abcdef.msg"  # bytes without the header line
    headless.write_bytes(b"Subject: half\r\n")
    running = RunningDaemon(config).start()
    try:
        running.run_until_idle()
        alerts = sink.wait_for(2)
    finally:
        running.stop()
    assert sorted(spool.quarantined_ids()) == sorted([entry_id, "0000000000000000-abcdef"])
    assert (spool.quarantine_dir / f"{entry_id}.msg").exists()       # every byte kept
    assert all(m.rcpt_tos == ["admin@example.org"] for m in alerts)
    assert running.store.codes() == []                               # never half-processed


def test_an_entry_torn_while_the_daemon_runs_is_quarantined_when_taken_with_an_alert(tmp_path, sink):
    """The worker reads no file for an entry without a state when it lists the spool (issue
    11): one torn after start-up (a disk fault) is met when processed, set aside whole with
    an alert, and the loop goes on."""
    config = load(write_config(tmp_path, sink.port))
    running = RunningDaemon(config).start()
    try:
        spool = running.state.spool
        held = threading.Event()
        running.daemon.worker.between_messages(held.wait)            # the worker waits here
        entry_id = spool.put(report(), {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]})
        entry = spool.root / f"{entry_id}.msg"
        entry.write_bytes(b"MAILROUTER-ENTRY 1 {\"mail_fr" + entry.read_bytes()[-40:])   # its header cut
        held.set()
        running.run_until_idle()
        alerts = sink.wait_for(1)
        assert spool.quarantined_ids() == [entry_id] and running.store.codes() == []
        assert all(m.rcpt_tos == ["admin@example.org"] for m in alerts)
        assert running.daemon.worker_thread.is_alive() and running.daemon.failure is None
    finally:
        running.stop()

def test_message_failing_three_times_is_quarantined_and_later_mail_flows(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port))
    running = RunningDaemon(config).start()
    identities = running.state.identities.root
    try:
        identities.rmdir()
        identities.write_text("the identity store is broken")        # processing now fails
        assert running.send(report(message_id="<poison@example.net>"))[0] == 250
        (entry,) = running.state.spool.ids()
        for attempts in (1, 2):                 # each failure recorded, then its retry made due
            wait_until(lambda: running.state.spool.meta(entry).get("attempts") == attempts)
            running.advance(minutes=2)
        wait_until(lambda: entry in running.state.spool.quarantined_ids())
        assert running.state.spool.ids() == []
        assert len(running.state.spool.quarantined_ids()) == 1
        identities.unlink()
        identities.mkdir()
        running.send(report(message_id="<healthy@example.net>"))
        running.run_until_idle()
        received = sink.wait_for(6)           # the alert, the notice, the later report's ack and forwards
    finally:
        running.stop()
    alerts = [m for m in received if m.rcpt_tos == ["admin@example.org"]]
    assert len(alerts) == 1 and "quarantined" in alerts[0]["Subject"]
    notice, ack = sink.messages_to(REPORTER)              # told a person will look; the later report handled
    assert "received" in str(notice["Subject"]) and "received" in str(ack["Subject"])


def test_a_case_folder_left_unfinished_by_a_crash_is_removed_at_start_up(tmp_path, sink):
    """A kill inside case creation leaves a folder with a half-written clean copy and no
    case.json (seen in the crash loop). The report is processed again under a new name;
    the folder, holding scrubbed report text nothing refers to, must not stay for ever."""
    config = load(write_config(tmp_path, sink.port))
    cases = config.state_dir / "cases"
    unfinished = cases / "brocaded-prairie"
    unfinished.mkdir(parents=True)
    (unfinished / ".report-1.eml.x1y2.tmp").write_bytes(b"Someone kept interrupting me.\r\n")
    (cases / "names.log").write_text("brocaded prairie\n")
    running = RunningDaemon(config).start()
    try:
        running.send(report())
        running.run_until_idle()
    finally:
        running.stop()
    assert not unfinished.exists()
    (code,) = running.store.codes()
    assert code != "brocaded prairie" and "brocaded prairie" in running.store.names   # still reserved
