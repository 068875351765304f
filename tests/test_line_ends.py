"""A report is a report whichever line ends it arrives with (issue 10, part 5).

Bare LF (smtplib with `msg.as_bytes()`, scripts, .eml files saved on Unix), bare CR, and
mixed bodies all become cases. Only a stray bare CR or LF inside a CRLF header section is
the smuggling shape (S2), and that stays neutralised (tests/test_intake.py has the SMTP one).
"""

import smtplib
import subprocess
import sys
from email.message import EmailMessage

import pytest
from hypothesis import given, settings, strategies as st

from harness import write_config
from mailrouter.mail.message import normalise_line_ends, parse

ELIGIBLE = ["ana@example.org", "bo@example.org", "chidi@example.org"]
LONG_BODY = "".join(f"Line {n}: he kept interrupting me at the meetup, again and again.\n"
                    for n in range(80)) + ".a line that starts with a dot\n"


def script_report(message_id="<script-1@example.net>", body=LONG_BODY):
    msg = EmailMessage()
    msg["From"] = "Jane Reporter <jane@example.net>"
    msg["To"] = "conduct@example.org"
    msg["Subject"] = "Harassment at the meetup"
    msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg


def assert_became_a_case(daemon, sink, message_id):
    daemon.run_until_idle()
    received = sink.wait_for(1 + len(ELIGIBLE))
    assert len(daemon.store.codes()) == 1 and daemon.state.spool.quarantined_ids() == []
    (ack,) = sink.messages_to("jane@example.net")          # From was read: the reporter is Jane
    assert ack["In-Reply-To"] == message_id                # and so was the Message-ID
    for member in ELIGIBLE:
        (forward,) = sink.messages_to(member)
        assert "kept interrupting me" in forward.text()
    for delivered in received:
        assert b"\n" not in delivered.data.replace(b"\r\n", b"")
    return received


def test_smtplib_sendmail_with_as_bytes_bare_lf_becomes_a_case(daemon, sink):
    raw = script_report().as_bytes()
    assert b"\r" not in raw and len(raw) > 4000           # bare LF, longer than one SMTP line
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=10) as client:
        assert client.sendmail("jane@example.net", ["conduct@example.org"], raw) == {}
    received = assert_became_a_case(daemon, sink, "<script-1@example.net>")
    forward = next(m for m in received if m.rcpt_tos == ["ana@example.org"])
    assert "Line 79:" in forward.text()
    assert "\n.a line that starts with a dot" in forward.text()    # dot-stuffing undone once


def test_bare_cr_message_becomes_a_case(daemon, sink):
    raw = script_report("<script-cr@example.net>").as_bytes().replace(b"\n", b"\r")
    code, _ = daemon.send(raw, mail_from="jane@example.net")
    assert code == 250
    assert_became_a_case(daemon, sink, "<script-cr@example.net>")


def test_crlf_header_with_mixed_line_ends_in_the_body(daemon, sink):
    raw = script_report("<mixed@example.net>", body="x\n").as_bytes().replace(b"\n", b"\r\n")
    raw = raw.replace(b"x\r\n", b"first he kept interrupting me\nthen\rshouted\r\nat me\n")
    code, _ = daemon.send(raw, mail_from="jane@example.net")
    assert code == 250
    received = assert_became_a_case(daemon, sink, "<mixed@example.net>")
    text = next(m for m in received if m.rcpt_tos == ["bo@example.org"]).text().replace("\r\n", "\n")
    assert "kept interrupting me\nthen\nshouted\nat me" in text


def test_large_bare_lf_message_is_not_taken_for_a_huge_header(daemon, sink):
    raw = script_report("<big@example.net>", body=LONG_BODY * 40).as_bytes()
    assert len(raw) > 150_000 and b"\r\n\r\n" not in raw
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=10) as client:
        assert client.sendmail("jane@example.net", ["conduct@example.org"], raw) == {}
    assert_became_a_case(daemon, sink, "<big@example.net>")


@pytest.mark.parametrize("end", [b"\n", b"\r"])
def test_too_many_received_lines_are_counted_in_bare_line_ends_too(daemon, end):
    raw = b"".join(b"Received: from hop%d by relay\n" % n for n in range(60)) + script_report().as_bytes()
    raw = raw.replace(b"\n", end)
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            client.sendmail("jane@example.net", ["conduct@example.org"], raw)
    assert refused.value.smtp_code == 554


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "mailrouter", *args], capture_output=True, text=True)


def test_route_dry_run_reads_a_saved_lf_eml_like_the_crlf_one(tmp_path):
    config = write_config(tmp_path)
    msg = script_report(body="Sam Rivera (samr) cornered me after the talk.\n")
    lf, crlf = tmp_path / "lf.eml", tmp_path / "crlf.eml"
    lf.write_bytes(msg.as_bytes())
    crlf.write_bytes(msg.as_bytes().replace(b"\n", b"\r\n"))
    outputs = [run_cli("route", "--dry-run", str(path), "--config", str(config)) for path in (lf, crlf)]
    assert [o.returncode for o in outputs] == [0, 0]
    assert outputs[0].stdout == outputs[1].stdout
    assert "Parties named in the report: 1" in outputs[0].stdout
    assert "excluded:       Bo Chen <bo@example.org>" in outputs[0].stdout


@pytest.mark.parametrize("raw", [
    b"From: a@example.net\r\nSubject: x\nBcc: evil@example\r\n\r\nbody\r\n",
    b"From: a@example.net\r\nSubject: x\rBcc: evil@example\r\n\r\nbody\r\n",
    b"From: a@example.net\nBcc: evil@example\r\nTo: c@example.org\r\n\r\nbody\r\n",  # bare LF first, CRLF later
    b"From: a@example.net\nSubject: x\rBcc: evil@example\n\nbody\n",            # a CR stray in an LF head
])
def test_smuggling_shapes_inside_a_crlf_header_stay_one_header(raw):
    assert parse(raw)["Bcc"] is None


@pytest.mark.parametrize("end", [b"\n", b"\r", b"\r\n"])
def test_a_consistent_line_end_is_a_line_end(end):
    raw = end.join([b"From: a@example.net", b"Subject: x", b"Cc: b@example.net", b"", b"one", b"two", b""])
    assert normalise_line_ends(raw) == raw.replace(end, b"\r\n")
    assert parse(raw)["Cc"] == "b@example.net"


def _normalised_the_long_way(raw):
    """normalise_line_ends before its shortcut for mail that is CRLF throughout (issue 11 (b))."""
    from mailrouter.mail.message import _BARE, header_line_end, split_head
    end = header_line_end(raw)
    head, body = split_head(raw)
    if end == b"\r\n":
        head = _BARE.sub(b" ", head)
    else:
        stray = b"\r" if end == b"\n" else b"\n"
        head = head.replace(stray, b" ").replace(end, b"\r\n")
    return head + _BARE.sub(b"\r\n", body)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([b"\r\n", b"\r", b"\n", b"a", b"From: a", b":", b" ", b"\r\n\r\n"]),
                max_size=20).map(b"".join))
def test_the_shortcut_for_crlf_mail_changes_nothing(raw):
    assert normalise_line_ends(raw) == _normalised_the_long_way(raw)
