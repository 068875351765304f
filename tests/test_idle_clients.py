"""Idle and slow clients cannot lock a reporter out (issue 11, S5, S6).

Real sockets from 127.0.0.1 (the address a front MTA connects from) against the daemon
with small caps and short clocks: idle sessions give way to a new one, the idle timeout
is not the DATA timeout, and a session ends at its lifetime.
"""

import select
import socket
import time

from harness import RunningDaemon, load, report, write_config


def connect(port, *commands):
    """A raw session that got its 220 and the answers to `commands` (EHLO, MAIL, …)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    assert reply(sock).startswith(b"220")
    for command in commands:
        sock.sendall(command + b"\r\n")
        assert reply(sock)[:1] in (b"2", b"3"), command
    return sock


def reply(sock):
    """One SMTP reply (all its lines), or b"" once the server has closed.

    Read a byte at a time, so that a reply the server sent right behind it (a 421 after a
    250) is left for the next call.
    """
    data = b""
    while not data.endswith(b"\r\n") or data.split(b"\r\n")[-2][3:4] == b"-":
        byte = sock.recv(1)
        if not byte:
            return data
        data += byte
    return data


def closed_with(sock):
    """The last words of a session the server closes: its reply, then end of file."""
    last = reply(sock)
    assert sock.recv(4096) == b""
    return last


def daemon_with(tmp_path, sink, **limits):
    return RunningDaemon(load(write_config(tmp_path, sink.port, limits=limits))).start()


def test_idle_connections_cannot_lock_a_reporter_out(tmp_path, sink):
    running = daemon_with(tmp_path, sink, connections=6, connections_per_client=4)
    sessions = []
    try:
        mid_transaction = connect(running.port, b"EHLO mta", b"MAIL FROM:<bounce@example.net>")
        sessions = [connect(running.port, *([b"EHLO idle"] if i % 2 else [])) for i in range(9)]
        code, _ = running.send(report(subject="A real report"))
        assert code == 250                                      # not 421 for the reporter
        # The longest-idle sessions made room, each told so with a 421; the one in the middle
        # of a transaction was spared while there were others.
        time.sleep(0.2)
        evicted = [s for s in sessions if _readable(s)]
        assert len(evicted) == 7                                # 9 + 1 + the report, 4 slots (1 spared)
        assert all(closed_with(s).startswith(b"421 4.7.0") for s in evicted)
        mid_transaction.sendall(b"RCPT TO:<conduct@example.org>\r\n")
        assert reply(mid_transaction).startswith(b"250")
        running.run_until_idle()
        assert len(running.store.codes()) == 1
        assert len(sink.messages_to("ana@example.org")) == 1
    finally:
        for sock in sessions + [mid_transaction]:
            sock.close()
        running.stop()


def _readable(sock):
    return bool(select.select([sock], [], [], 0)[0])


def test_an_idle_session_is_closed_after_idle_timeout_but_a_slow_upload_is_not(tmp_path, sink):
    running = daemon_with(tmp_path, sink, idle_timeout="1s", data_timeout="60s")
    try:
        idle = connect(running.port, b"EHLO idle")
        talking = connect(running.port, b"EHLO talking")
        started = time.monotonic()
        for _ in range(6):                                      # 1.8 s of NOOPs: never idle 1 s
            time.sleep(0.3)
            talking.sendall(b"NOOP\r\n")
            assert reply(talking).startswith(b"250")
        assert closed_with(idle).startswith(b"421 4.4.2 Timeout")
        # Closed by the idle timeout, not the DATA timeout: half of it is slack for a loaded machine.
        assert time.monotonic() - started < 30
        slow = connect(running.port, b"EHLO slow", b"MAIL FROM:<reporter@example.net>",
                       b"RCPT TO:<conduct@example.org>", b"DATA")
        raw = report(subject="A slow upload")
        slow.sendall(raw[:40])
        time.sleep(2.5)                                         # past idle_timeout, inside DATA
        slow.sendall(raw[40:] + b"\r\n.\r\n")
        assert reply(slow).startswith(b"250 2.0.0")
        assert closed_with(slow).startswith(b"421 4.4.2")       # idle again after its message
    finally:
        running.stop()


def test_a_session_older_than_its_lifetime_is_closed(tmp_path, sink):
    running = daemon_with(tmp_path, sink, session_lifetime="2s")
    try:
        busy = connect(running.port, b"EHLO busy")
        started = time.monotonic()
        while True:
            busy.sendall(b"NOOP\r\n")
            answer = reply(busy)
            if not answer.startswith(b"250"):
                break
            assert time.monotonic() - started < 10, "the session outlived its lifetime"
            time.sleep(0.2)
        elapsed = time.monotonic() - started
        # The reason is the lifetime's (the session was never idle: a NOOP every 0.2 s) and
        # never before it. No tight upper bound: a loaded machine may answer seconds late;
        # the loop's 10 s guard above says it was not kept open past its lifetime.
        assert answer.startswith(b"421 4.4.2 Session too long")
        assert elapsed > 1.5
        assert busy.recv(4096) == b""
    finally:
        running.stop()


def test_a_message_in_progress_at_the_end_of_the_lifetime_is_received_first(tmp_path, sink):
    running = daemon_with(tmp_path, sink, session_lifetime="1s")
    try:
        sending = connect(running.port, b"EHLO slow", b"MAIL FROM:<reporter@example.net>",
                          b"RCPT TO:<conduct@example.org>", b"DATA")
        raw = report(subject="Sent across the end of the session's lifetime")
        sending.sendall(raw[:40])
        time.sleep(1.5)                                         # the lifetime ends mid-DATA
        sending.sendall(raw[40:] + b"\r\n.\r\n")
        assert reply(sending).startswith(b"250 2.0.0")         # received and answered ...
        assert closed_with(sending).startswith(b"421 4.4.2")   # ... then the session ends
        running.run_until_idle()
        assert len(running.store.codes()) == 1
    finally:
        running.stop()
