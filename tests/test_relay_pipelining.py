"""The relay connection (outbound/relay_connection.py): MAIL, RCPT and DATA in one write where
the relay offers PIPELINING, aiosmtplib's sendmail where it does not, and the same answers
to the courier either way. A real aiosmtpd sink for what relays do; a scripted relay on
loopback for what a misbehaving one does (replies split or merged, a connection dropped,
no reply at all)."""

import asyncio

import pytest

from harness import Sink
from mailrouter.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailrouter.outbound.relay_connection import Pipelined, Stepwise
from mailrouter.outbound.smtp_replies import NotSMTP, ReplyReader, dot_stuffed
from mailrouter.outbound.transports import SMTPTransport
from mailrouter.settings.config import SMTPRelay

MESSAGE = (b"From: conduct@example.org\r\nTo: ana@example.org\r\nSubject: a case\r\n\r\n"
           b"first line\r\n.a line that starts with a dot\r\n..two dots\r\n.\r\nlast line\r\n")


def relay_at(port, timeout=5.0):
    return SMTPRelay(host="127.0.0.1", port=port, security="none", timeout=timeout)


def send_all(port, mails, timeout=5.0):
    """Send each (recipient, bytes) in turn over one transport; the outcomes, and the
    connections it held at the end."""
    async def run():
        transport = SMTPTransport(relay_at(port, timeout), 1)
        outcomes = []
        for recipient, data in mails:
            try:
                outcomes.append(await transport.send("conduct@example.org", recipient, data))
            except (PermanentDeliveryError, TemporaryDeliveryError) as error:
                outcomes.append(error)
        held = list(transport.idle._queue)
        await transport.close()
        return outcomes, held
    return asyncio.run(run())


@pytest.fixture
def plain_sink():
    server = Sink(pipelining=False).start()
    yield server
    server.stop()


@pytest.mark.parametrize("offers, kind", [(True, Pipelined), (False, Stepwise)])
def test_a_mail_arrives_intact_with_or_without_pipelining(offers, kind, sink, plain_sink):
    relay = sink if offers else plain_sink
    outcomes, held = send_all(relay.port, [("ana@example.org", MESSAGE), ("bo@example.org", MESSAGE)])
    assert outcomes == ["250", "250"]
    assert [type(connection) for connection in held] == [kind]      # one connection, reused
    received = relay.wait_for(2)
    assert [m.rcpt_tos for m in received] == [["ana@example.org"], ["bo@example.org"]]
    assert all(m.data == MESSAGE for m in received)                # dots unstuffed as sent


def test_bare_line_ends_are_sent_as_crlf(sink):
    outcomes, _ = send_all(sink.port, [("ana@example.org", b"Subject: x\n\nline one\rline two\n.dot\n")])
    assert outcomes == ["250"]
    assert sink.wait_for(1)[0].data == b"Subject: x\r\n\r\nline one\r\nline two\r\n.dot\r\n"


@pytest.mark.parametrize("offers", [True, False])
def test_a_refused_recipient_is_classified_and_the_connection_goes_on(offers, sink, plain_sink):
    relay = sink if offers else plain_sink
    relay.answers["bo@example.org"] = ["550 5.1.1 no such user"]
    relay.answers["chidi@example.org"] = ["451 4.3.0 try later"]
    outcomes, held = send_all(relay.port, [("bo@example.org", MESSAGE), ("chidi@example.org", MESSAGE),
                                           ("ana@example.org", MESSAGE)])
    assert isinstance(outcomes[0], PermanentDeliveryError) and outcomes[0].code == 550
    assert isinstance(outcomes[1], TemporaryDeliveryError) and outcomes[1].code == 451
    assert outcomes[2] == "250" and len(held) == 1
    assert [m.rcpt_tos for m in relay.wait_for(1)] == [["ana@example.org"]]


def test_a_refused_message_is_classified_and_the_next_one_goes(sink):
    arrived, release = sink.hold_data("bo@example.org", answer="554 5.7.1 rejected")
    release.set()
    outcomes, held = send_all(sink.port, [("bo@example.org", MESSAGE), ("ana@example.org", MESSAGE)])
    assert isinstance(outcomes[0], PermanentDeliveryError) and outcomes[0].code == 554
    assert outcomes[1] == "250" and len(held) == 1


# -- a scripted relay: what a real one may do on the wire --------------------------------
DROP = object()                          # a reply that closes the connection instead


class ScriptedRelay:
    """Answers each command line with `replies[command]` (a callable taking the line, or
    bytes; None: say nothing). `split`: every reply written a byte at a time."""

    def __init__(self, replies, split=False, answer_after=0.0):
        self.replies, self.split, self.lines, self.connections = replies, split, [], 0
        self.answer_after = answer_after     # seconds before a message's end is answered

    async def handle(self, reader, writer):
        self.connections += 1
        await self.say(writer, b"220 scripted ESMTP\r\n")
        while line := await reader.readline():
            self.lines.append(line)
            command = line.split(b":")[0].split(b" ")[0].upper().strip()
            reply = self.replies.get(command, b"354 go on\r\n" if command == b"DATA" else b"250 ok\r\n")
            if callable(reply):
                reply = reply(line)
            if reply is DROP:
                break
            if command == b"DATA" and reply is not None and reply.startswith(b"354"):
                await self.say(writer, reply)
                while (body := await reader.readline()) not in (b".\r\n", b""):
                    self.lines.append(body)
                reply = self.replies.get(b".", b"250 2.0.0 queued\r\n")
                await asyncio.sleep(self.answer_after)
            if reply is None:
                continue
            await self.say(writer, reply)
            if command == b"QUIT":
                break
        writer.close()

    async def say(self, writer, data):
        for piece in ([data[i:i + 1] for i in range(len(data))] if self.split else [data]):
            writer.write(piece)
            await writer.drain()

    def run(self, mails, timeout=5.0, message=MESSAGE):
        async def main():
            server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            try:
                transport = SMTPTransport(relay_at(port, timeout), 1)
                outcomes = []
                for recipient in mails:
                    try:
                        outcomes.append(await transport.send("conduct@example.org", recipient, message))
                    except (PermanentDeliveryError, TemporaryDeliveryError) as error:
                        outcomes.append(error)
                await transport.close()
                return outcomes
            finally:
                server.close()
        return asyncio.run(main())


EHLO = b"250-scripted\r\n250-SIZE 1000000\r\n250-PIPELINING\r\n250 8BITMIME\r\n"


def test_replies_split_byte_by_byte_and_multi_line_are_read_whole():
    relay = ScriptedRelay({b"EHLO": EHLO, b"RCPT": b"250-2.1.5 ok\r\n250 2.1.5 still ok\r\n"}, split=True)
    assert relay.run(["ana@example.org", "bo@example.org"]) == ["250 2.0.0", "250 2.0.0"]
    assert relay.lines.count(b"DATA\r\n") == 2


def test_a_relay_that_takes_data_after_refusing_the_recipient_gets_an_empty_message_ended():
    relay = ScriptedRelay({b"EHLO": EHLO, b"DATA": b"354 go on\r\n",
                           b"RCPT": lambda line: b"550 5.1.1 unknown\r\n" if b"ghost" in line else b"250 ok\r\n"})
    refused, taken = relay.run(["ghost@example.org", "ana@example.org"])
    assert isinstance(refused, PermanentDeliveryError) and refused.code == 550
    assert taken == "250 2.0.0" and relay.connections == 1     # the same connection goes on
    assert sum(b"first line" in line for line in relay.lines) == 1   # the message only to ana


def test_a_refused_sender_is_refused_and_data_never_sent():
    relay = ScriptedRelay({b"EHLO": EHLO, b"MAIL": b"451 4.7.1 greylisted\r\n",
                           b"RCPT": b"503 5.5.1 sender first\r\n", b"DATA": b"503 5.5.1 no recipients\r\n"})
    (outcome,) = relay.run(["ana@example.org"])
    assert isinstance(outcome, TemporaryDeliveryError) and outcome.code == 451
    assert not any(b"first line" in line for line in relay.lines)


def test_a_relay_that_drops_the_connection_mid_transaction_is_a_temporary_failure_then_reconnected():
    dropped = []

    def drop_once(line):
        if not dropped:
            dropped.append(line)
            return DROP
        return b"250 ok\r\n"
    relay = ScriptedRelay({b"EHLO": EHLO, b"RCPT": drop_once})
    first, second = relay.run(["ana@example.org", "bo@example.org"])
    assert isinstance(first, TemporaryDeliveryError) and "connection" in str(first)
    assert second == "250 2.0.0"


def test_a_relay_that_stops_answering_is_a_temporary_failure_within_its_timeout():
    relay = ScriptedRelay({b"EHLO": EHLO, b"DATA": None})
    (outcome,) = relay.run(["ana@example.org"], timeout=0.5)
    assert isinstance(outcome, TemporaryDeliveryError) and "no reply in time" in str(outcome)


@pytest.mark.parametrize("ehlo", [EHLO, b"250 scripted\r\n"], ids=["pipelined", "stepwise"])
def test_the_answer_to_a_message_is_awaited_longer_the_larger_it_is(ehlo):
    """A relay on a slow link still receives a large message's bytes, which the socket's
    buffers hold, when its end has been written; one that scans a message answers late
    too. Here it answers 1.5 s after the end: the timeout of 0.5 s and 100 KB/s for the
    message give 310 KB 3.6 s, and the short message 0.5 s, as before."""
    large = MESSAGE + b"a line of a large report, as an attachment's base64 would be\r\n" * 5000
    relay = ScriptedRelay({b"EHLO": ehlo}, answer_after=1.5)
    assert relay.run(["ana@example.org"], timeout=0.5, message=large) == ["250 2.0.0"]
    assert sum(b"large report" in line for line in relay.lines) == 5000
    (late,) = ScriptedRelay({b"EHLO": ehlo}, answer_after=1.5).run(["ana@example.org"], timeout=0.5)
    assert isinstance(late, TemporaryDeliveryError)


def test_a_relay_that_speaks_no_smtp_is_a_temporary_failure():
    relay = ScriptedRelay({b"EHLO": EHLO, b"MAIL": b"HTTP/1.1 400 Bad Request\r\n"})
    (outcome,) = relay.run(["ana@example.org"])
    assert isinstance(outcome, TemporaryDeliveryError) and "not SMTP" in str(outcome)


def test_a_utf8_address_needs_smtputf8_from_a_pipelining_relay():
    relay = ScriptedRelay({b"EHLO": EHLO})
    (outcome,) = relay.run(["josé@example.org"])
    assert isinstance(outcome, PermanentDeliveryError) and "SMTPUTF8" in str(outcome)
    assert not any(line.startswith(b"MAIL") for line in relay.lines)


# -- the bytes --------------------------------------------------------------------------
def test_reply_reader_returns_whole_replies_in_order():
    reader = ReplyReader()
    assert reader.feed(b"250 ok\r\n250-first\r\n25") == [(250, "ok")]
    assert reader.feed(b"0 second\r\n354 go\r\n") == [(250, "first\nsecond"), (354, "go")]
    with pytest.raises(NotSMTP):
        ReplyReader().feed(b"2x0 what\r\n")
    with pytest.raises(NotSMTP):
        ReplyReader().feed(b"250-" + b"x" * 9000)


def test_dot_stuffing_and_line_ends():
    assert dot_stuffed(b".first\r\n.second\r\nthird") == b"..first\r\n..second\r\nthird\r\n.\r\n"
    assert dot_stuffed(b"a\nb\rc\r\n") == b"a\r\nb\r\nc\r\n.\r\n"
    assert dot_stuffed(b"plain\r\n") == b"plain\r\n.\r\n"
