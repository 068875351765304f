"""SMTP intake answers: each promised reply, over a real socket to the real server."""

import errno
import logging
import os
import shutil
import smtplib
import socket
import time

import pytest
from hypothesis import given, settings, strategies as st

from harness import RunningDaemon, load, report, write_config


def smtp(daemon):
    client = smtplib.SMTP("127.0.0.1", daemon.port, timeout=10)
    client.ehlo()
    return client


def test_unknown_recipient_is_refused_at_rcpt_with_550(daemon):
    with smtp(daemon) as client:
        client.mail("someone@example.net")
        assert client.rcpt("other@example.org") == (550, b"5.1.1 No such recipient here")
        assert client.rcpt("someone@elsewhere.example")[0] == 550        # not an open relay


def test_unknown_case_token_gets_the_same_550(daemon):
    with smtp(daemon) as client:
        client.mail("someone@example.net")
        code, reply = client.rcpt("conduct+" + "a" * 32 + "@example.org")
        assert (code, reply) == (550, b"5.1.1 No such recipient here")


def test_alias_is_accepted_case_insensitively(daemon):
    with smtp(daemon) as client:
        client.mail("someone@example.net")
        assert client.rcpt("Conduct@Example.ORG")[0] == 250


def test_too_many_recipients_in_one_transaction_get_452(daemon):
    with smtp(daemon) as client:
        client.mail("someone@example.net")
        answers = [client.rcpt("conduct@example.org")[0] for _ in range(6)]
    assert answers == [250] * 5 + [452]


def test_size_is_advertised_and_oversize_gets_552(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, limits={"message_size": "10KB"}))
    running = RunningDaemon(config).start()
    try:
        with smtp(running) as client:
            assert client.esmtp_features["size"] == "10000"
            client.mail("someone@example.net")
            client.rcpt("conduct@example.org")
            code, _ = client.data(report(body=("x" * 99 + "\r\n") * 200))
        assert code == 552
        assert running.state.spool.ids() == []
    finally:
        running.stop()


def test_spool_failure_answers_451_without_internal_detail(daemon):
    spool_dir = daemon.state.spool.root
    shutil.rmtree(spool_dir)
    spool_dir.write_text("not a directory any more")        # a real failure of the disk layout
    code, reply = daemon.send(report())
    assert code == 451
    assert reply == b"4.3.0 Local error, please try again later"


def test_451_also_when_logging_inside_the_failure_path_raises(daemon):
    class BrokenHandler(logging.Handler):
        def handle(self, record):
            raise OSError("log disk full")

    logger = logging.getLogger("mailrouter.intake.handler")
    broken = BrokenHandler()
    logger.addHandler(broken)
    try:
        spool_dir = daemon.state.spool.root
        shutil.rmtree(spool_dir)
        spool_dir.write_text("x")
        code, reply = daemon.send(report())
    finally:
        logger.removeHandler(broken)
    assert code == 451
    assert b"OSError" not in reply and b"Error" not in reply


def test_bare_lf_cannot_smuggle_a_bcc_header(daemon, sink):
    message = (b"From: Jane <reporter@example.net>\r\nTo: conduct@example.org\r\n"
               b"Subject: x\nBcc: evil@example\r\nMessage-ID: <bare-lf@example.net>\r\n\r\n"
               b"body line\nsecond line\r\n")
    code, _ = daemon.send(message)
    assert code == 250
    daemon.run_until_idle()
    received = sink.wait_for(4)
    assert sink.messages_to("evil@example") == []
    for delivered in received:
        assert delivered.msg["Bcc"] is None
        assert b"\nBcc:" not in delivered.data
    for delivered in received:
        assert b"\r\n" in delivered.data and b"\n" not in delivered.data.replace(b"\r\n", b"")


def smtp_reply(sock):
    """One whole SMTP reply (every line of a multi-line one) read from a raw socket."""
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            raise AssertionError(f"the server closed the connection after {data!r}")
        data += chunk
        lines = data.split(b"\r\n")[:-1]
        if lines and lines[-1][3:4] == b" ":
            return data


def in_data(port):
    """A raw socket that has said EHLO, MAIL, RCPT and DATA, for bytes smtplib won't send."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    assert smtp_reply(sock).startswith(b"220")
    for line, code in ((b"EHLO test\r\n", b"250"), (b"MAIL FROM:<a@example.net>\r\n", b"250"),
                       (b"RCPT TO:<conduct@example.org>\r\n", b"250"), (b"DATA\r\n", b"354")):
        sock.sendall(line)
        reply = smtp_reply(sock)
        assert reply.startswith(code), (line, reply)
    return sock


def client_once_released(port):
    """An smtplib client, once the daemon (one connection per client) has let go of the last one.

    A 220 rather than 421 proves the server has handled the end of the previous connection.
    """
    deadline = time.monotonic() + 10
    while True:
        try:
            client = smtplib.SMTP("127.0.0.1", port, timeout=10)
        except smtplib.SMTPConnectError as refused:
            assert refused.smtp_code == 421, refused
            if time.monotonic() > deadline:
                raise AssertionError("the server never freed the previous connection's slot (421 for 10 s)")
            time.sleep(0.01)
            continue
        client.ehlo()
        return client


def test_client_vanishing_during_data_leaves_no_entry(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, limits={"connections_per_client": 1}))
    running = RunningDaemon(config).start()
    try:
        with in_data(running.port) as sock:                   # the server answered 354
            sock.sendall(b"From: a@example.net\r\nSubject: half\r\n\r\nhalf a mess")
        # gone mid-DATA, without the final dot; the next client gets in once the server let go
        with client_once_released(running.port) as client:
            assert running.state.spool.ids() == []
            assert [p.name for p in running.state.spool.root.iterdir() if p.is_file()] == []
            assert running.store.codes() == [] and running.state.held.ids() == []
            client.sendmail("reporter@example.net", ["conduct@example.org"], report(body="whole\n"))
        running.run_until_idle()
        (code,) = running.store.codes()                       # the whole message only
        assert b"half a mess" not in running.store.report(code)
        assert not [m for m in sink.all() if "half a mess" in m.text()]
    finally:
        running.stop()


def test_failure_while_writing_the_entry_leaves_no_partial_entry(daemon, sink, monkeypatch):
    from mailrouter import durable

    spool_dir = os.stat(daemon.state.spool.root)
    real_fsync = durable.os.fsync
    failed = []

    def fsync(fd):
        found = os.fstat(fd)
        if (found.st_dev, found.st_ino) == (spool_dir.st_dev, spool_dir.st_ino) and not failed:
            failed.append(fd)                      # the spool directory, after the entry's rename
            raise OSError(errno.EIO, "injected disk error")
        return real_fsync(fd)

    monkeypatch.setattr(durable.os, "fsync", fsync)
    code, reply = daemon.send(report(body="the first attempt\n"))
    assert failed, "the spool directory was never fsynced"
    assert (code, reply) == (451, b"4.3.0 Local error, please try again later")
    assert daemon.state.spool.ids() == []
    assert [p.name for p in daemon.state.spool.root.iterdir() if p.is_file()] == []
    code, _ = daemon.send(report(body="the second attempt\n"))       # the sender tries again
    assert code == 250
    daemon.run_until_idle()
    (case,) = daemon.store.codes()                                    # one case: the retry's
    assert b"second attempt" in daemon.store.report(case)


@pytest.mark.parametrize("vector", [b"\n.\r\n", b"\r.\r\n", b"\n.\n", b"\r\n.\r", b".\r\r\n"])
def test_smuggling_vectors_yield_exactly_one_envelope(daemon, vector):
    payload = (b"From: a@example.net\r\nSubject: one\r\n\r\nfirst" + vector +
               b"MAIL FROM:<b@example.net>\r\nRCPT TO:<conduct@example.org>\r\nDATA\r\n"
               b"Subject: smuggled\r\n\r\nsecond\r\n.\r\n")
    with in_data(daemon.port) as sock:
        sock.sendall(payload + b"QUIT\r\n")
        replies = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            replies += chunk
    assert replies.count(b"250 2.0.0 Queued as") == 1


def test_connections_beyond_the_per_client_cap_get_421_when_none_is_idle(tmp_path, sink):
    # An idle session would be closed to make room (test_idle_clients.py); sessions
    # receiving a message never are, so with every slot in DATA the newcomer gets the 421.
    config = load(write_config(tmp_path, sink.port, limits={"connections_per_client": 2}))
    running = RunningDaemon(config).start()
    sockets = []
    try:
        sockets = [in_data(running.port), in_data(running.port)]
        extra = socket.create_connection(("127.0.0.1", running.port), timeout=5)
        assert extra.recv(1024).startswith(b"421 4.7.0")
        extra.close()
        sockets.pop().close()
        with client_once_released(running.port) as again:      # a slot was freed: 220, not 421
            assert again.noop()[0] == 250
    finally:
        for sock in sockets:
            sock.close()
        running.stop()


def test_the_session_offers_every_command_and_auth_mechanism_aiosmtpd_would_find():
    """GuardedSMTP and IntakeHandler show aiosmtpd only their protocol names (`__dir__`, for
    speed): the command, AUTH and hook tables it builds from them are the ones the full `dir`
    gives."""
    import asyncio
    from mailrouter.intake.handler import IntakeHandler
    from mailrouter.intake.smtp_server import GuardedSMTP, server_factory
    from mailrouter.settings.config import load_config

    class FullDir(GuardedSMTP):
        __dir__ = object.__dir__

    class FullHandler(IntakeHandler):
        __dir__ = object.__dir__

    async def sessions():                # made by the running loop, as create_server does
        factory = server_factory(handler=IntakeHandler(None, None, None, 100, None),
                                 limits=load_config(None).limits)
        fast = factory()
        full = FullDir(FullHandler(None, None, None, 100, None), factory.guard, hostname="x",
                       decode_data=False, enable_SMTPUTF8=True)
        return fast, full

    loop = asyncio.new_event_loop()
    try:
        fast, full = loop.run_until_complete(sessions())
        assert set(fast._smtp_methods) == set(full._smtp_methods) >= {"EHLO", "MAIL", "RCPT", "DATA", "QUIT", "AUTH"}
        assert set(fast._auth_methods) == set(full._auth_methods) >= {"LOGIN", "PLAIN"}
        assert set(fast._handle_hooks) == set(full._handle_hooks) >= {"RCPT", "DATA", "exception"}
        assert dir(fast) != object.__dir__(fast)
        assert dir(fast.event_handler) != object.__dir__(fast.event_handler)
    finally:
        loop.close()


@given(st.one_of(st.sampled_from(["", "<>", "<a@b.org>", " <a@b.org> SIZE=100", "a@b.org", "<a@b", "<@x:a@b.org>",
                                  "<\"a b\"@b.org>", "<a@[127.0.0.1]>", "<josé@b.org> SMTPUTF8", "<a@b.org",
                                  "<<a@b.org>>", "<a@b.org> <c@d.org>", "(c) <a@b.org>", "<" + "x" * 80 + "@b.org>"]),
                 st.text(alphabet="<>@. \"()[]:;,\\ab-x\u00e9\x00\t", max_size=30),
                 st.builds("<{}@{}>{}".format, st.text(alphabet="ab.+_-!'=x0", min_size=0, max_size=70),
                           st.text(alphabet="ab.-0[]", min_size=0, max_size=12),
                           st.sampled_from(["", " SIZE=100", "  BODY=8BITMIME", ">", "x", "\t", " (c) SIZE=1",
                                            "(c)", " \x0b\xa0SIZE=1", "\t \u2003x"]))))
@settings(max_examples=400, deadline=None)
def test_mail_and_rcpt_addresses_are_read_as_aiosmtpd_reads_them(arg):
    """GuardedSMTP._getaddr is aiosmtpd's without the class it made per call: same answers."""
    from aiosmtpd.smtp import SMTP
    from mailrouter.intake.smtp_server import GuardedSMTP

    def outcome(read, session):          # an exception too (aiosmtpd then answers 500 itself)
        try:
            return read(session, arg)
        except Exception as error:
            return type(error)

    for limit in (0, 64):
        session = GuardedSMTP.__new__(GuardedSMTP)
        session.local_part_limit = limit
        assert outcome(GuardedSMTP._getaddr, session) == outcome(SMTP._getaddr, session)
