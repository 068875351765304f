"""The relay process (issue 11 (b)): SMTP to the relay is spoken by a child process.

The daemon hands each message to the child and awaits its answer. A child that dies or
stops answering costs a retry, never a message: the courier keeps the mail (a temporary
failure), a new child is started, and every mail reaches the relay exactly once.
"""

import json
import os
import signal
import smtplib
import threading
import time
from collections import Counter
from dataclasses import replace

import pytest

from harness import RunningDaemon, Sink, load, report, write_config
from mailrouter.audit import verify
from mailrouter.clock import SystemClock
from mailrouter.outbound.relay_process import RelayProcess, make_transport
from mailrouter.outbound.transports import MaildirTransport, SMTPTransport
from test_durability import start_serve

MAILS_PER_REPORT = 4               # the acknowledgement and a forward to each eligible member


def outbound(port, timeout="60s"):
    return {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": port, "timeout": timeout},
            "retry": {"first": "1s", "max": "2s", "give_up": "10m", "jitter": 0.0}}


def test_the_relay_is_spoken_to_from_a_child_process(tmp_path):
    config = load(write_config(tmp_path / "smtp", outbound=outbound(2525)))
    assert isinstance(make_transport(config.outbound), RelayProcess)
    # XOAUTH2 needs the daemon's token refresher: that relay keeps the in-process transport.
    oauth = replace(config.outbound, smtp=replace(config.outbound.smtp, oauth=object()))
    assert type(make_transport(oauth)) is SMTPTransport
    assert isinstance(make_transport(load(write_config(tmp_path / "maildir")).outbound), MaildirTransport)


def child_of(daemon):
    child = daemon.daemon.transport._child
    assert child is not None and child.process.pid != os.getpid()
    return child.process


def deliveries(sink):
    return Counter(message.data for message in sink.received)


def wait_for_deliveries(sink, count, timeout=30):
    deadline = time.monotonic() + timeout
    while len(sink.received) < count:
        assert time.monotonic() < deadline, f"{len(sink.received)} of {count} delivered"
        time.sleep(0.05)
    time.sleep(0.3)                # anything sent twice would have arrived by now


@pytest.fixture
def relay_daemon(tmp_path, request):
    sink = Sink().start()
    timeout = getattr(request, "param", "60s")
    daemon = RunningDaemon(load(write_config(tmp_path, outbound=outbound(sink.port, timeout))),
                           clock=SystemClock()).start()
    yield daemon, sink
    daemon.stop()
    sink.stop()


def test_a_killed_relay_process_costs_a_retry_not_a_mail(relay_daemon):
    daemon, sink = relay_daemon
    daemon.send(report(body="first report\n"))
    wait_for_deliveries(sink, MAILS_PER_REPORT)
    first = child_of(daemon)
    os.kill(first.pid, signal.SIGKILL)
    first.join(5)
    daemon.send(report(body="second report\n"))
    wait_for_deliveries(sink, 2 * MAILS_PER_REPORT)
    assert child_of(daemon).pid != first.pid
    assert len(sink.received) == 2 * MAILS_PER_REPORT
    assert max(deliveries(sink).values()) == 1
    assert not daemon.daemon.courier.faults.paused()


@pytest.mark.slow
@pytest.mark.parametrize("relay_daemon", ["1s"], indirect=True)
def test_a_stuck_relay_process_is_replaced_after_its_deadline(relay_daemon, caplog):
    """Stopped (SIGSTOP), the child answers nothing: past the relay timeout times the SMTP
    steps (13 s here) the daemon kills it, and the mail goes out through a new one."""
    daemon, sink = relay_daemon
    daemon.send(report(body="first report\n"))
    wait_for_deliveries(sink, MAILS_PER_REPORT)
    stuck = child_of(daemon)
    os.kill(stuck.pid, signal.SIGSTOP)
    try:
        daemon.send(report(body="second report\n"))
        wait_for_deliveries(sink, 2 * MAILS_PER_REPORT, timeout=40)
    finally:
        if stuck.is_alive():
            os.kill(stuck.pid, signal.SIGCONT)
    assert not stuck.is_alive()
    assert child_of(daemon).pid != stuck.pid
    assert max(deliveries(sink).values()) == 1
    assert "relay process: no answer in 13s" in caplog.text


def test_a_large_forward_crosses_to_the_relay_process_whole(relay_daemon):
    """The message's bytes follow their framed envelope as they are: nothing cut or padded."""
    daemon, sink = relay_daemon
    lines = "".join(f"line {i}: the same words again and again\n" for i in range(60_000))   # ~2.5 MB
    daemon.send(report(body=lines))
    wait_for_deliveries(sink, MAILS_PER_REPORT, timeout=60)
    forwards = [m for m in sink.received if m.rcpt_tos != ["reporter@example.net"]]
    assert len(forwards) == MAILS_PER_REPORT - 1
    for message in forwards:
        assert len(message.data) > 2_000_000
        assert b"line 59999: the same words again and again" in message.data.replace(b"=\r\n", b"")
    # Each delivery noted once in sent.log: by the relay process, not again by the daemon.
    time.sleep(0.3)
    noted = (daemon.config.state_dir / "outbox" / "sent.log").read_text().split()
    assert len(noted) == MAILS_PER_REPORT == len(set(noted))


class StoppingSink(Sink):
    """A relay that stops the daemon (SIGSTOP) just before it answers its first 250: the
    relay process gets that answer, and the others; the daemon's own loop never sees them."""

    def __init__(self):
        super().__init__()
        self.daemon_pid = None
        self.stopped = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.daemon_pid is not None and not self.stopped.is_set():
            os.kill(self.daemon_pid, signal.SIGSTOP)
            self.stopped.set()
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.slow
def test_mail_the_relay_took_while_the_daemon_was_stuck_is_not_sent_again(tmp_path):
    """The relay process notes each 250 in sent.log itself: the daemon killed before it
    heard of them, its restart finds them sent (without that note, all four went again)."""
    sink = StoppingSink().start()
    config_path = write_config(tmp_path, sink.port, outbound=outbound(sink.port))
    process, port = start_serve(config_path)
    try:
        sink.daemon_pid = process.pid
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("reporter@example.net", ["conduct@example.org"], report())
        wait_for_deliveries(sink, MAILS_PER_REPORT)
        time.sleep(0.5)                  # the relay process writes its notes
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        process, _ = start_serve(config_path)
        journal = tmp_path / "state" / "outbox" / "journal"
        deadline = time.monotonic() + 20
        while list(journal.glob("*.msg")):
            assert time.monotonic() < deadline, "the restarted daemon never settled its journal"
            time.sleep(0.1)
        time.sleep(1.0)                  # anything sent again would have arrived by now
        assert len(sink.received) == MAILS_PER_REPORT
        assert max(deliveries(sink).values()) == 1
        # ... and each has its audit record, written by the relay process in the daemon's stead.
        audit_log = tmp_path / "state" / "audit" / "audit.log"
        records = [json.loads(line) for line in audit_log.read_text().splitlines()]
        assert len([r for r in records if r["event"] == "mail-sent"]) == MAILS_PER_REPORT
        assert verify(audit_log)[0] == []
    finally:
        process.kill()
        process.wait(10)
        sink.stop()
