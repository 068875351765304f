"""Loops and automatic mail: recorded, never a case, never answered (L1, L3, L6)."""

from harness import report

REPORTER = "reporter@example.net"


def held(daemon):
    return daemon.state.held.ids()


def the_held_mail(daemon):
    """(reason, bytes) of the one held entry: what the admin will find."""
    entries = held(daemon)
    assert len(entries) == 1, entries
    return daemon.state.held.meta(entries[0])["reason"], daemon.state.held.payload(entries[0])


def as_received(raw):
    """The bytes the server receives for `raw`: smtplib ends DATA's content with CRLF."""
    return raw if raw.endswith(b"\r\n") else raw + b"\r\n"


def sent(daemon, raw, **kwargs):
    code, reply = daemon.send(raw, **kwargs)
    assert code == 250, (code, reply)              # taken in: what follows is the daemon's doing
    daemon.run_until_idle()


def test_bounce_with_null_sender_is_held_not_a_case(daemon, sink):
    raw = report(subject="Undelivered Mail Returned to Sender")
    sent(daemon, raw, mail_from="")
    assert daemon.store.codes() == [] and sink.all() == []
    assert the_held_mail(daemon) == ("null sender (bounce or notification)", as_received(raw))


def test_auto_submitted_mail_is_held_not_answered(daemon, sink):
    raw = report(subject="Out of office", extra_headers=["Auto-Submitted: auto-replied"])
    sent(daemon, raw)
    assert daemon.store.codes() == [] and sink.all() == []
    assert the_held_mail(daemon) == ("Auto-Submitted: auto-replied", as_received(raw))


def test_delivery_report_is_held(daemon, sink):
    raw = (b"From: MAILER-DAEMON@mx.example.net\r\nTo: conduct@example.org\r\nSubject: failure\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n"
           b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n")
    sent(daemon, raw, mail_from="bounces@mx.example.net")
    assert daemon.store.codes() == [] and sink.all() == []
    assert the_held_mail(daemon) == ("delivery or disposition report", as_received(raw))


def test_our_own_loop_marker_is_never_answered(daemon, sink):
    raw = report(extra_headers=["X-Mailrouter-Loop: example.org"])
    sent(daemon, raw)
    assert daemon.store.codes() == [] and sink.all() == []
    assert the_held_mail(daemon) == ("carries our own loop marker", as_received(raw))


def test_list_post_becomes_a_case_but_gets_no_acknowledgement(daemon, sink):
    daemon.send(report(extra_headers=["List-Id: <dev.lists.example.net>", "Precedence: list"]))
    daemon.run_until_idle()
    sink.wait_for(3)
    assert len(daemon.store.codes()) == 1
    assert sink.messages_to(REPORTER) == []
    events = daemon.store.events(daemon.store.codes()[0])
    assert any(e["kind"] == "not acknowledged" for e in events)


def test_daily_acknowledgement_cap_per_sender(daemon, sink):
    for i in range(12):
        daemon.send(report(body=f"report number {i}\n"))
    daemon.run_until_idle(timeout=20)
    assert len(daemon.store.codes()) == 12
    assert len(sink.messages_to(REPORTER)) == 10            # the default daily cap
    daemon.advance(days=1)
    daemon.send(report(body="the next day\n"))
    daemon.run_until_idle()
    assert len(sink.messages_to(REPORTER)) == 11
