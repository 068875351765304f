"""What the relay took is noted once, whatever interrupts the note (outbound/taken_notes.py).

A relay process the daemon gave up on (no answer by its deadline, or dead) may have had
the relay's 250 and written the mail's record and `sent.log` line already: the daemon looks
there before it calls the mail failed. And a stop at shutdown never splits a record from
its `sent.log` line: a record without its line would send the mail again at the next start.
"""

import fcntl
import json
import os
import signal
import smtplib
import threading
import time
from collections import Counter

import pytest

from harness import RunningDaemon, Sink, load, report, write_config
from mailrouter.audit import verify
from mailrouter.outbound.relay_process import STEPS
from test_durability import start_serve, wait_until
from test_relay_process import MAILS_PER_REPORT, outbound, wait_for_deliveries


def sent_records(state_dir):
    lines = (state_dir / "audit" / "audit.log").read_bytes().splitlines()
    return [record for record in map(json.loads, lines) if record["event"] == "mail-sent"]


class PausingSink(Sink):
    """A relay that stops the daemon (SIGSTOP) as it takes the first message, for longer
    than the daemon waits for the relay process's answers: the relay process has its 250s
    and notes them; the daemon, let go on, finds its deadline passed before it reads them."""

    def __init__(self, seconds):
        super().__init__()
        self.daemon_pid = None
        self.seconds = seconds
        self.paused = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.daemon_pid is not None and not self.paused.is_set():
            self.paused.set()
            os.kill(self.daemon_pid, signal.SIGSTOP)
            threading.Timer(self.seconds, os.kill, (self.daemon_pid, signal.SIGCONT)).start()
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.slow
def test_mail_a_relay_process_noted_before_its_deadline_passed_is_not_sent_again(tmp_path):
    """Without the look into sent.log, the daemon calls each such mail failed, kills the
    relay process and sends the mail again through the next one."""
    sink = PausingSink(seconds=STEPS * 1 + 3).start()          # the deadline: STEPS relay timeouts
    config_path = write_config(tmp_path, sink.port, outbound=outbound(sink.port, "1s"))
    process, port = start_serve(config_path)
    try:
        sink.daemon_pid = process.pid
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("reporter@example.net", ["conduct@example.org"], report())
        wait_for_deliveries(sink, MAILS_PER_REPORT, timeout=60)
        journal = tmp_path / "state" / "outbox" / "journal"
        wait_until(lambda: sink.paused.is_set() and not list(journal.glob("*.msg")), timeout=60)
        time.sleep(3.0)                  # a retry (1 s after a failure) would have arrived by now
        assert "relay process: no answer in" in (tmp_path / "serve.log").read_text()
        assert len(sink.received) == MAILS_PER_REPORT
        assert max(Counter(m.data for m in sink.received).values()) == 1
        assert len(sent_records(tmp_path / "state")) == MAILS_PER_REPORT
        assert verify(tmp_path / "state" / "audit" / "audit.log")[0] == []
    finally:
        os.kill(process.pid, signal.SIGCONT)
        process.kill()
        process.wait(10)
        sink.stop()


def test_a_stop_while_records_wait_for_the_audit_log_leaves_no_record_without_its_line(tmp_path):
    """The CLI holds the audit log when the (Maildir) transport takes the mail and the daemon
    stops: each record is written once the log is free, and its sent.log line with it, so
    the next start sends nothing again (split, the record came without its line)."""
    config_path = write_config(tmp_path)
    running = RunningDaemon(load(config_path)).start()
    audit_log = tmp_path / "state" / "audit" / "audit.log"
    new_mail = running.config.outbound.maildir / "new"
    with open(audit_log, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert running.send(report())[0] == 250
        wait_until(lambda: len(list(new_mail.iterdir())) == MAILS_PER_REPORT)
        time.sleep(0.3)                  # the courier is at its records, waiting for the log
        running.stop()
    # As `serve` ends (asyncio.run): the threads still writing finish first.
    running.loop.run_until_complete(running.loop.shutdown_default_executor())
    assert len(sent_records(tmp_path / "state")) == MAILS_PER_REPORT
    again = RunningDaemon(load(config_path)).start()
    try:
        again.run_until_idle()
    finally:
        again.stop()
    assert len(list(new_mail.iterdir())) == MAILS_PER_REPORT
    assert len(sent_records(tmp_path / "state")) == MAILS_PER_REPORT
    assert verify(audit_log)[0] == []


def test_a_stop_while_the_relay_process_waits_for_the_audit_log_leaves_no_record_without_its_line(
        tmp_path, sink):
    """The same in the relay process: the daemon stops (closing its end cancels the child's
    sends) while the child's records wait for the log; freed within the child's last
    STOP_SECONDS, each record is written with its line, and the next start sends nothing."""
    config_path = write_config(tmp_path, sink.port, outbound=outbound(sink.port))
    running = RunningDaemon(load(config_path)).start()
    audit_log = tmp_path / "state" / "audit" / "audit.log"
    with open(audit_log, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert running.send(report())[0] == 250
        sink.wait_for(MAILS_PER_REPORT)
        time.sleep(0.3)                  # the relay process is at its records, waiting for the log
        stopping = threading.Thread(target=running.stop)
        stopping.start()
        wait_until(lambda: running.daemon.transport._child is None)     # its end closed
        time.sleep(0.5)                  # the child has cancelled its sends (not reaped: 3 s)
    stopping.join(30)
    assert len(sent_records(tmp_path / "state")) == MAILS_PER_REPORT
    again = RunningDaemon(load(config_path)).start()
    try:
        again.run_until_idle()
        time.sleep(0.5)                  # anything sent again would have arrived by now
    finally:
        again.stop()
    assert len(sink.all()) == MAILS_PER_REPORT
    assert len(sent_records(tmp_path / "state")) == MAILS_PER_REPORT
    assert verify(audit_log)[0] == []
