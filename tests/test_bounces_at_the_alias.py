"""Bounces of our mail that reach the alias from a non-null envelope (issue 11, L1).

A broken MTA, a gateway or a helpdesk returns our acknowledgement to its From (the alias)
with a real envelope sender. Such a bounce quotes or attaches what we sent, the reporter's
address included: as a new case it would be forwarded to every member. Each shape here
carries one sign of a bounce only, and must be held, never a case, never answered.
"""

import pytest

from harness import RunningDaemon, Sink, load, report, write_config

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
BOUNCER = "bounce-handler@mx.example.net"


def _head(sender, subject, content_type):
    return [f"From: {sender}", "To: conduct@example.org", f"Subject: {subject}",
            "Date: Mon, 02 Nov 2026 09:10:00 +0000", "Message-ID: <b.1@mx.example.net>", "MIME-Version: 1.0",
            f"Content-Type: {content_type}", ""]


def text_quoting_the_ack(ack):
    """Sendmail-style: the whole acknowledgement pasted into the text, headers and all."""
    return _head("Mail Gateway <gateway@mx.example.net>", "Your message to reporter", "text/plain") + [
        "Your message could not be passed on.", "", "--- copy of the message ---", ack.data.decode()]


def report_wrapped_by_a_gateway(ack):
    """A DSN inside multipart/mixed (a gateway added its disclaimer as a second part)."""
    return _head("Relay <relay@gw.example.net>", "Notice", 'multipart/mixed; boundary="o"') + [
        "--o", 'Content-Type: multipart/report; report-type=delivery-status; boundary="i"', "",
        "--i", "Content-Type: text/plain", "", f"Delivery to {REPORTER} failed permanently.",
        "--i", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; gw.example.net", "",
        f"Final-Recipient: rfc822; {REPORTER}", "Action: failed", "Status: 5.1.1", "",
        "--i", "Content-Type: text/rfc822-headers", "", ack.data.decode().split("\r\n\r\n")[0], "--i--",
        "--o", "Content-Type: text/plain", "", "Scanned by GatewayGuard.", "--o--"]


def ack_attached(ack):
    """The acknowledgement attached whole as message/rfc822."""
    return _head("Helpdesk <desk@mx.example.net>", "Notice", 'multipart/mixed; boundary="bb"') + [
        "--bb", "Content-Type: text/plain", "", "The original message could not be delivered.",
        "--bb", "Content-Type: message/rfc822", "", ack.data.decode(), "--bb--"]


def from_mailer_daemon(ack):
    return _head("Mail Delivery System <MAILER-DAEMON@mx.example.net>", "Notice", "text/plain") + [
        f"<{REPORTER}>: mailbox unavailable", "", ack.text()]


def bounce_subject(ack):
    return _head("Mail System <mail@mx.example.net>", "Undelivered Mail Returned to Sender", "text/plain") + [
        f"<{REPORTER}>: mailbox unavailable", "", ack.text()]


@pytest.mark.parametrize("shape", [text_quoting_the_ack, report_wrapped_by_a_gateway, ack_attached,
                                   from_mailer_daemon, bounce_subject])
def test_bounce_of_our_acknowledgement_is_held_never_a_case(daemon, sink, shape):
    daemon.send(report())
    daemon.run_until_idle()
    (ack,) = sink.messages_to(REPORTER)
    (code,) = daemon.store.codes()
    before = len(sink.all())
    raw = "\r\n".join(shape(ack)).replace("\r\n", "\n").replace("\n", "\r\n").encode()
    assert daemon.send(raw, mail_from=BOUNCER)[0] == 250
    daemon.run_until_idle()
    assert daemon.store.codes() == [code]                        # no new case
    assert len(sink.all()) == before                             # nothing forwarded, nothing answered
    for member in MEMBERS:
        assert not any(REPORTER in m.data.decode(errors="replace") for m in sink.messages_to(member))
    assert len(daemon.state.held.ids()) == 1                     # kept for the admin


def test_report_that_attaches_a_stranger_s_mail_is_still_a_case(daemon, sink):
    body = ("He wrote this to me:\n\n--- forwarded ---\nMessage-ID: <x.1@example.com>\n"
            "Subject: you again\n\nStop posting.\n")
    daemon.send(report(body=body))
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 1
    assert daemon.state.held.ids() == []


@pytest.fixture
def verified(tmp_path):
    """A daemon behind a front MTA that writes Authentication-Results (authserv_id)."""
    sink = Sink().start()
    running = RunningDaemon(load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))).start()
    yield running, sink
    running.stop()
    sink.stop()


def test_member_forwarding_case_mail_to_the_alias_is_not_a_bounce(verified):
    """A member's forward of our mail carries our loop marker too: it is their reply, not held."""
    daemon, sink = verified
    daemon.send(report())
    daemon.run_until_idle()
    forward = sink.messages_to("ana@example.org")[-1]
    raw = "\r\n".join(_head("Ana Lima <ana@example.org>", f"Fwd: {forward['Subject']}",
                            'multipart/mixed; boundary="fw"')[:-1] + [
        "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org", "",
        "--fw", "Content-Type: text/plain", "", "We should ask the venue for the footage.",
        "--fw", "Content-Type: message/rfc822", "", forward.data.decode(), "--fw--", ""]).encode()
    assert daemon.send(raw, mail_from="ana@example.org")[0] == 250
    daemon.run_until_idle()
    assert daemon.state.held.ids() == []
    assert any("footage" in m.text() for m in sink.messages_to("bo@example.org"))
