"""Reports from UTF-8 addresses (RFC 6530-6532, S8): accepted with SMTPUTF8, acknowledged
with SMTPUTF8, forwarded with the reporter scrubbed, end to end over real SMTP."""

import asyncio
import smtplib

import pytest
from aiosmtpd.controller import Controller

from harness import START, Sink, _free_port, load, member_says, write_config
from mailrouter.clock import FixedClock
from mailrouter.errors import PermanentDeliveryError
from mailrouter.mail.message import unsurrogate
from mailrouter.outbound.compose import Composer
from mailrouter.outbound.transports import MaildirTransport, SMTPTransport
from mailrouter.settings.config import SMTPRelay

REPORTER = "josé@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
LEAKS = ("josé", "jose@", "josé müller", "müller", "mueller")


def utf8_report(body="Someone kept interrupting me at the meetup.\n"):
    return ("From: José Müller <josé@example.net>\r\nTo: conduct@example.org\r\n"
            "Subject: Informe sobre la reunión\r\nDate: Mon, 02 Nov 2026 08:55:00 +0000\r\n"
            "Message-ID: <utf8-report-1@example.net>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            f"Hola. Soy José Müller (josé@example.net).\r\n{body}\r\nJosé\r\n").encode()


def test_intake_offers_smtputf8(daemon):
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=10) as client:
        client.ehlo()
        assert client.has_extn("smtputf8")


def test_a_report_from_a_utf8_address_is_acknowledged_and_forwarded_scrubbed(daemon, sink):
    code, reply = daemon.send(utf8_report(), mail_from=REPORTER, mail_options=["SMTPUTF8"])
    assert code == 250, reply
    daemon.run_until_idle()
    sink.wait_for(4)
    assert len(daemon.store.codes()) == 1
    (ack,) = sink.messages_to(REPORTER)
    assert ack.mail_from == "<>" and "SMTPUTF8" in ack.mail_options
    assert "josé@example.net".encode() in ack.data.split(b"\r\n\r\n")[0]       # To: raw UTF-8 (RFC 6532)
    assert unsurrogate(ack["To"].addresses[0].addr_spec) == REPORTER
    for member in MEMBERS:
        (forward,) = sink.messages_to(member)
        raw, text = forward.data.decode("utf-8", "replace").lower(), forward.text().lower()
        assert "someone kept interrupting me" in text
        for leak in LEAKS:
            assert leak not in raw and leak not in text, (member, leak)
        assert forward.mail_from.startswith("conduct+b-")


def test_a_utf8_address_unlike_the_name_is_scrubbed_too(daemon, sink):
    raw = utf8_report(body="Write to me at ñandú.azul@example.net or ÑANDÚ.AZUL+coc@EXAMPLE.NET.\n")
    raw = raw.replace("<josé@example.net>".encode(), "<ñandú.azul@example.net>".encode())
    code, _ = daemon.send(raw, mail_from="ñandú.azul@example.net", mail_options=["SMTPUTF8"])
    assert code == 250
    daemon.run_until_idle()
    sink.wait_for(4)
    assert len(sink.messages_to("ñandú.azul@example.net")) == 1
    for member in MEMBERS:
        (forward,) = sink.messages_to(member)
        seen = forward.data.decode("utf-8", "replace").lower() + forward.text().lower()
        assert "write to me at" in seen
        assert "ñandú" not in seen and "nandu" not in seen and "azul" not in seen, member


def test_a_composed_message_to_a_utf8_address_carries_it_raw(tmp_path):
    composer = Composer(load(write_config(tmp_path)), FixedClock(START))
    msg = composer.message(to=REPORTER, to_name="José Müller", subject="About your appeal", body="Hello.\n")
    head = composer.as_bytes(msg).split(b"\r\n\r\n")[0]
    assert "<josé@example.net>".encode() in head and b"=?utf-8?" not in head.split(b"<")[-1]


def test_the_utf8_reporter_can_add_to_the_report(daemon, sink):
    daemon.send(utf8_report(), mail_from=REPORTER, mail_options=["SMTPUTF8"])
    daemon.run_until_idle()
    sink.wait_for(4)
    reply_to = sink.messages_to(REPORTER)[0]["Reply-To"].addresses[0].addr_spec
    addition = ("From: José Müller <josé@example.net>\r\nTo: conduct@example.org\r\nSubject: Re: report\r\n"
                "Message-ID: <utf8-report-2@example.net>\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n\r\nIt happened again on Tuesday. José\r\n").encode()
    code, _ = daemon.send(addition, mail_from=REPORTER, rcpt_tos=[reply_to], mail_options=["SMTPUTF8"])
    assert code == 250
    daemon.run_until_idle()
    relayed = [m for m in sink.messages_to("ana@example.org") if "Tuesday" in m.text()]
    assert len(relayed) == 1 and "josé" not in relayed[0].data.decode("utf-8", "replace").lower()
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "#to-reporter\nThank you, we are on it.\n")
    assert any("we are on it" in m.text() for m in sink.messages_to(REPORTER))


def test_maildir_takes_a_utf8_recipient(tmp_path):
    transport = MaildirTransport(tmp_path / "out")
    asyncio.run(transport.send("", REPORTER, b"Subject: x\r\n\r\nhello\r\n"))
    (written,) = list((tmp_path / "out" / "new").iterdir())
    assert "Delivered-To: josé@example.net".encode() in written.read_bytes()


def test_a_relay_without_smtputf8_is_a_permanent_failure_not_a_garbled_address():
    sink = Sink()
    sink.controller = Controller(sink, hostname="127.0.0.1", port=_free_port(), enable_SMTPUTF8=False)
    sink.start()
    try:
        relay = SMTPRelay(host="127.0.0.1", port=sink.port, security="none", username=None,
                          password=None, timeout=10)

        async def send():
            transport = SMTPTransport(relay, 1)
            try:
                await transport.send("", REPORTER, b"Subject: x\r\n\r\nhello\r\n")
            finally:
                await transport.close()
        with pytest.raises(PermanentDeliveryError):
            asyncio.run(send())
        assert sink.all() == []
    finally:
        sink.stop()
