"""Loops and automatic mail: recorded, never a case, never answered (L1, L3, L6)."""

from harness import report

REPORTER = "reporter@example.net"


def held(daemon):
    return daemon.state.held.ids()


def test_bounce_with_null_sender_is_held_not_a_case(daemon, sink):
    daemon.send(report(subject="Undelivered Mail Returned to Sender"), mail_from="")
    daemon.run_until_idle()
    assert daemon.store.codes() == [] and sink.all() == [] and len(held(daemon)) == 1


def test_auto_submitted_mail_is_held_not_answered(daemon, sink):
    daemon.send(report(subject="Out of office", extra_headers=["Auto-Submitted: auto-replied"]))
    daemon.run_until_idle()
    assert daemon.store.codes() == [] and sink.all() == [] and len(held(daemon)) == 1


def test_delivery_report_is_held(daemon, sink):
    raw = (b"From: MAILER-DAEMON@mx.example.net\r\nTo: conduct@example.org\r\nSubject: failure\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n"
           b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n")
    daemon.send(raw, mail_from="bounces@mx.example.net")
    daemon.run_until_idle()
    assert daemon.store.codes() == [] and sink.all() == []


def test_our_own_loop_marker_is_never_answered(daemon, sink):
    daemon.send(report(extra_headers=["X-Mailrouter-Loop: example.org"]))
    daemon.run_until_idle()
    assert daemon.store.codes() == [] and sink.all() == []


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
