"""The relay process (issue 11 (b)): SMTP to the relay is spoken by a child process.

The daemon hands each message to the child and awaits its answer. A child that dies or
stops answering costs a retry, never a message: the courier keeps the mail (a temporary
failure), a new child is started, and every mail reaches the relay exactly once.
"""

import os
import signal
import time
from collections import Counter
from dataclasses import replace

import pytest

from harness import RunningDaemon, Sink, load, report, write_config
from mailrouter.clock import SystemClock
from mailrouter.outbound.relay_process import RelayProcess, make_transport
from mailrouter.outbound.transports import MaildirTransport, SMTPTransport

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
    steps (8 s here) the daemon kills it, and the mail goes out through a new one."""
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
    assert "relay process: no answer in 8s" in caplog.text


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
