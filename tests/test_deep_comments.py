"""Header comments nested 5,000 deep, on every path that reads a header (issue 11, rule 1).

CPython's header parser reads a comment inside a comment by recursion, so such a header
raises RecursionError wherever it is parsed, folded or written out again. Every parse goes
through `mail.message.parse` (deep comments read flat): the report with such headers and
with a forwarded message that has them becomes a case, is forwarded to a member who joins
late (triage, #no-conflict: the stored copy read again) and escalated with its text. The
IMAP path is in test_imap_intake.py.
"""

import pytest

from harness import RunningDaemon, load, member_says, write_config

DEEP = "(" * 5000 + "x" + ")" * 5000
REPORTER = "reporter@example.net"
EVIDENCE = (f"From: Sam Rivera {DEEP} <sam@example.com>\r\nTo: {DEEP} <reporter@example.net>\r\n"
            f"Cc: {DEEP}\r\nSubject: You again {DEEP}\r\nDate: Sun, 01 Nov 2026 22:00:00 +0000\r\n"
            f"Content-Type: text/plain; charset=utf-8 {DEEP}\r\n\r\nYou do not belong at this meetup.\r\n")


def deep_report():
    return (f"From: Jane Reporter {DEEP} <{REPORTER}>\r\nTo: conduct@example.org {DEEP}\r\n"
            f"Subject: Harassment {DEEP}\r\nDate: Mon, 02 Nov 2026 08:55:00 +0000 {DEEP}\r\n"
            f"Message-ID: <deep-comments@example.net>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
            "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe message he sent me is attached.\r\n"
            "--b1\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n"
            f"{EVIDENCE}\r\n--b1--\r\n").encode()


def forwards_to(sink, member):
    return [m for m in sink.messages_to(member) if "New report" in str(m["Subject"])]


@pytest.fixture
def triage(tmp_path, sink):
    """A daemon that forwards to the chair first and escalates with the report's text; the
    deep report sent to it and made a case."""
    config = load(write_config(tmp_path, sink.port,
                               policy={"routing": "triage", "escalation_includes_report": True}))
    running = RunningDaemon(config).start()
    try:
        assert running.send(deep_report(), mail_from=REPORTER)[0] == 250
        running.run_until_idle()
        yield running
    finally:
        running.stop()


def forwarded_late_and_escalated(running, sink, code):
    """Chidi joins after a conflict check (the stored copy read again), then Ana escalates."""
    member_says(running, sink, "Ana Lima <ana@example.org>", "#reported Sam Rivera <sam@example.com>\n")
    member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#no-conflict\n")
    (late,) = forwards_to(sink, "chidi@example.org")
    assert "You do not belong at this meetup." in late.text()
    member_says(running, sink, "Ana Lima <ana@example.org>", "#escalate\n")
    (summary,) = sink.messages_to("steering@example.org")
    assert code in str(summary["Subject"]) and "The message he sent me is attached." in summary.text()
    assert running.state.spool.ids() == [] and running.state.spool.quarantined_ids() == []


def test_deep_comments_in_a_report_and_its_evidence_reach_forward_and_escalation(triage, sink):
    assert triage.state.spool.quarantined_ids() == []
    (code,) = triage.store.codes()
    assert len(sink.messages_to(REPORTER)) == 1                      # acknowledged
    (first,) = forwards_to(sink, "ana@example.org")                  # the chair, first (triage)
    assert "You do not belong at this meetup." in first.text()       # the evidence, kept
    forwarded_late_and_escalated(triage, sink, code)


def test_a_stored_copy_with_deep_comments_is_forwarded_late_and_escalated(triage, sink):
    """A clean copy is written flat, but a case stored by an earlier version may hold deep
    comments (its Content-Type, a forwarded message's From): reading it again for a late
    forward and an escalation goes through the same safe parse, and writing it out too."""
    (code,) = triage.store.codes()
    stored = triage.store.case_dir(code) / "report-1.eml"
    data = stored.read_bytes()
    assert DEEP.encode() not in data                                  # written flat ...
    empty = "(" * 5000 + ")" * 5000                                   # a comment, read as spaces
    data = data.replace(b"Content-Type: multipart/mixed;", f"Content-Type: multipart/mixed; {empty}".encode(), 1)
    data = data.replace(b"From: Sam Rivera", f"From: Sam Rivera {DEEP}".encode(), 1)
    assert data.count(DEEP.encode()) == 1 and data.count(empty.encode()) == 1
    stored.write_bytes(data)                                          # ... as an earlier version did not
    forwarded_late_and_escalated(triage, sink, code)
