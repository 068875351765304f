"""Rule 1 of issue 11 for the named fault classes: bad input answered 250 becomes a case.

Each message goes over real SMTP to the running daemon. A sender address that cannot be
written to (an unbalanced quote, a NUL, a control or undecodable byte, a group) is handled
as an unknown sender: the envelope sender is answered when it is usable, nothing is sent to
the broken address, and every member still gets the report. Deep comment nesting does not
reach CPython's recursive header parser; attachment names reach members cleaned.
"""

import unicodedata

import pytest

from harness import RunningDaemon, load, write_config

ENVELOPE = "jane@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def message(from_=b"Jane <jane@example.net>", extra=(), content_type=b"text/plain; charset=utf-8",
            body=b"Someone kept interrupting me at the meetup.\r\n", message_id=b"<bad-input@example.net>"):
    lines = [b"From: " + from_, b"To: conduct@example.org", b"Subject: Harassment at the meetup",
             b"Message-ID: " + message_id, *extra, b"MIME-Version: 1.0", b"Content-Type: " + content_type,
             b"", body]
    return b"\r\n".join(lines)


def with_attachment(disposition):
    body = (b"--b\r\nContent-Type: text/plain\r\n\r\nThe log is attached.\r\n"
            b"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; " + disposition +
            b"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--b--\r\n")
    return message(content_type=b'multipart/mixed; boundary="b"', body=body)


BROKEN_FROM = {
    "unbalanced quote": b'"Jane <jane@example.net>',
    "unbalanced escaped quote": b'"Jane\\" <jane@example.net>',
    "NUL in an encoded word": b"=?utf-8?q?Ja=00ne?= <jane@example.net>",
    "NUL in a base64 encoded word": b"=?utf-8?b?SmEAbmU=?= <jane@example.net>",
    "control byte in the address": b"Jane <ja\x01ne@example.net>",
    "8-bit byte in the local part": b"Jane <ja\xffne@example.net>",
    "8-bit byte in the domain": b"Jane <jane@exa\xe9mple.net>",
    "host cut short": b"Jane <jane@ex",
    "group address": b"Friends: jane@example.net, bob@example.net;",
    "empty group": b"undisclosed-recipients:;",
    "deep comment nesting": b"Jane " + b"(" * 3000 + b")" * 3000 + b" <jane@example.net>",
    "unclosed deep comment": b"Jane " + b"(" * 5000 + b" <jane@example.net>",
}


@pytest.fixture
def running(tmp_path, sink):
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    yield daemon
    daemon.stop()


def _only_case(running):
    (code,) = running.store.codes()
    return code


def _assert_case_complete(running, sink):
    code = _only_case(running)
    assert running.state.spool.quarantined_ids() == []
    assert running.state.outbox.failed_entries.ids() == []          # nothing the relay refused
    for member in MEMBERS:
        assert [m for m in sink.messages_to(member) if code in str(m["Subject"])], member
    return code


@pytest.mark.parametrize("shape", sorted(BROKEN_FROM))
def test_a_broken_from_is_an_unknown_sender_answered_at_the_envelope(running, sink, shape):
    assert running.send(message(BROKEN_FROM[shape]), mail_from=ENVELOPE)[0] == 250
    running.run_until_idle(timeout=30)
    _assert_case_complete(running, sink)
    acks = sink.messages_to(ENVELOPE)
    assert len(acks) == 1 and "received" in str(acks[0]["Subject"])
    addressed = {r for m in sink.all() for r in m.rcpt_tos}
    assert addressed <= set(MEMBERS) | {ENVELOPE}, addressed       # nothing to a broken address


def test_a_broken_from_and_a_broken_envelope_make_a_case_that_is_not_answered(running, sink):
    assert running.send(message(b"Jane <ja\x01ne@example.net>"), mail_from="\"ja ne\"@example.net")[0] == 250
    running.run_until_idle(timeout=30)
    code = _assert_case_complete(running, sink)
    # Nobody to acknowledge: the admin is told instead (nothing accepted goes unanswered).
    assert {r for m in sink.all() for r in m.rcpt_tos} == set(MEMBERS) | {"admin@example.org"}
    (alert,) = sink.messages_to("admin@example.org")
    assert "not told" in str(alert["Subject"]) and code in alert.text()
    events = running.store.events(code)
    assert any(e.get("kind") == "not acknowledged" and e.get("reason") == "no usable sender address"
               for e in events), events


def test_a_report_that_asks_for_no_automatic_replies_is_filed_and_the_admin_told(running, sink):
    """Outlook's X-Auto-Response-Suppress on a person's report: no acknowledgement (it asked), so
    the admin is told someone should answer the writer by hand (nothing accepted goes unanswered)."""
    extra = (b"X-Auto-Response-Suppress: All",)
    assert running.send(message(extra=extra), mail_from=ENVELOPE)[0] == 250
    running.run_until_idle(timeout=30)
    code = _assert_case_complete(running, sink)
    assert sink.messages_to(ENVELOPE) == []
    (alert,) = sink.messages_to("admin@example.org")
    assert "not told" in str(alert["Subject"]) and code in alert.text()


@pytest.mark.parametrize("header", [b"Cc", b"Reply-To", b"Content-Disposition"])
def test_deep_comment_nesting_in_any_header_still_makes_a_case(running, sink, header):
    extra = (header + b": " + b"(" * 4000 + b"x" + b")" * 4000,)
    assert running.send(message(extra=extra), mail_from=ENVELOPE)[0] == 250
    running.run_until_idle(timeout=30)
    _assert_case_complete(running, sink)


HOSTILE_NAMES = {
    "CR LF (RFC 2231)": b"filename*=utf-8''evil%0D%0ABcc%3A%20x%40example.net.txt",
    "LF in an encoded word": b'filename="=?utf-8?q?evil=0Aname.txt?="',
    "NUL": b"filename*=utf-8''evil%00name.txt",
    "path": b'filename="../../home/ana/.bashrc"',
    "windows path": b'filename="C:\\\\Users\\\\ana\\\\evil.txt"',
    "bidi override": b"filename*=utf-8''invoice%E2%80%AEtxt.exe",
    "over-long": b'filename="' + b"a" * 3000 + b'.txt"',
}


@pytest.mark.parametrize("shape", sorted(HOSTILE_NAMES))
def test_hostile_attachment_names_reach_members_cleaned(running, sink, shape):
    assert running.send(with_attachment(HOSTILE_NAMES[shape]), mail_from=ENVELOPE)[0] == 250
    running.run_until_idle(timeout=30)
    _assert_case_complete(running, sink)
    (forward,) = sink.messages_to("ana@example.org")
    names = [part.get_filename() for part in forward.msg.iter_attachments()]
    assert names, "the attachment was dropped"
    for name in names:
        assert name and len(name) <= 120, name
        assert "/" not in name and "\\" not in name and not name.startswith("."), name
        assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name), repr(name)
