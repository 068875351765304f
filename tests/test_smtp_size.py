"""The SIZE limit counts the message, not the dots of SMTP's dot-stuffing (RFC 1870 §3).

aiosmtpd counts the bytes on the wire, so a message with many lines starting with "." was
refused below the limit. Behind Postfix, whose equal limit counts the message itself, that
meant a message Postfix had accepted came back from mailrouter with 552 and was bounced.
"""

import smtplib

import pytest

from harness import RunningDaemon, load, message_of, write_config

LIMIT = 10_000


@pytest.fixture
def small(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port,
                                              limits={"message_size": str(LIMIT)}))).start()
    yield running
    running.stop()




def send(daemon, message):
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=30) as client:
        client.ehlo()
        assert client.mail("someone@example.net")[0] == 250
        assert client.rcpt("conduct@example.org")[0] == 250
        return client.data(message)          # smtplib dot-stuffs: "." goes out as ".."


@pytest.mark.parametrize("line", [b".\r\n", b".x\r\n", b"x" * 76 + b"\r\n"],
                         ids=["dots", "dot-text", "text"])
def test_a_message_of_exactly_the_limit_is_taken_however_many_lines_start_with_a_dot(small, line):
    code, text = send(small, message_of(LIMIT, line))
    assert code == 250, text
    assert len(small.state.spool.ids()) + len(small.store.codes()) >= 1


@pytest.mark.parametrize("line", [b".\r\n", b"x" * 76 + b"\r\n"], ids=["dots", "text"])
def test_one_byte_over_the_limit_gets_552(small, line):
    code, text = send(small, message_of(LIMIT + 1, line))
    assert code == 552, text
    assert small.state.spool.ids() == [] and small.store.codes() == []
