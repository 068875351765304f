"""Issue 11 left-over: a genuine report that pastes or attaches a long chat log is filed.

A Slack, Discord or IRC export runs to megabytes. Attached as a text file it is an
attachment like any other (bounded by the message size and the reading budget), not inline
text; pasted into the body it is under the inline text cap, and the members' copy shows its
first part inline with a note and the whole text, scrubbed, as full-text.txt. The reading
budget (T4) still bounds what it costs.
"""

from email import policy
from email.message import EmailMessage

import pytest

from harness import RunningDaemon, load, report, write_config
from mailrouter.mail import limits
from mailrouter.mail.limits import over_limits
from mailrouter.privacy.long_body import FULL_TEXT, INLINE_VIEW

REPORTER = "reporter@example.net"
MEMBER = "ana@example.org"
GENUINE = "someone.else@example.net"
LINE = "[12:01] someone: you should not be here, nobody wants you at this meetup\n"
LAST = "[23:59] Jane Reporter: please stop writing to me, jane@example.net is my only address\n"


def chat(megabytes):
    return LINE * int(megabytes * 1024 * 1024 // len(LINE)) + LAST


def attached(megabytes):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = "Jane Reporter <reporter@example.net>", "conduct@example.org", "chat"
    msg["Message-ID"] = "<chat-export@example.net>"
    msg.set_content("The chat export from last night is attached.\n")
    msg.add_attachment(chat(megabytes), filename="chat.txt")
    return msg.as_bytes()


def running_with(tmp_path, sink, seconds):
    return RunningDaemon(load(write_config(tmp_path, sink.port, limits={"message_cpu_seconds": seconds}))).start()


@pytest.fixture
def patient(tmp_path, sink):
    """A budget no machine reaches here: what is tested is what happens, not how fast."""
    running = running_with(tmp_path, sink, 600)
    yield running
    running.stop()


def members_parts(sink):
    return [part for mail in sink.messages_to(MEMBER) for part in mail.msg.walk()
            if part.get_content_maintype() == "text"]


def assert_filed_and_scrubbed(running, sink):
    running.run_until_idle(timeout=600)
    assert running.state.spool.quarantined_ids() == []
    assert len(running.store.codes()) == 1
    member_text = "\n".join(part.get_content() for part in members_parts(sink))
    assert "nobody wants you at this meetup" in member_text
    assert "Jane" not in member_text and "jane@example.net" not in member_text
    assert "[23:59] [reporter]: please stop writing to me" in member_text   # the end is not dropped


@pytest.mark.slow
def test_a_chat_export_attached_as_a_text_file_is_filed(patient, sink):
    assert over_limits(attached(20)) is None                  # no text cap on an attached file
    assert patient.send(attached(1.5))[0] == 250
    assert_filed_and_scrubbed(patient, sink)
    assert any(part.get_filename() == "chat.txt" for part in members_parts(sink))


@pytest.mark.slow
def test_a_long_body_is_filed_its_whole_text_attached(patient, sink):
    assert patient.send(report(body=chat(2.5)))[0] == 250
    assert_filed_and_scrubbed(patient, sink)
    parts = members_parts(sink)
    (full,) = [part for part in parts if part.get_filename() == FULL_TEXT]
    assert full.get_content().count(LINE.strip()) == chat(2.5).count(LINE)       # every line
    inline = [part.get_content() for part in parts
              if part.get_filename() is None and LINE.strip() in part.get_content()]
    assert inline and all(len(text) < INLINE_VIEW + 1024 for text in inline)
    assert all(f"attached as {FULL_TEXT}" in text for text in inline)


@pytest.mark.slow
def test_a_long_body_is_still_bounded_by_the_reading_budget(tmp_path, sink):
    running = running_with(tmp_path, sink, 1)
    try:
        assert running.send(report(body=chat(2.5)))[0] == 250
        assert running.send(report(sender=f"Someone Else <{GENUINE}>"), mail_from=GENUINE)[0] == 250
        running.run_until_idle(timeout=120)
        (entry,) = running.state.spool.quarantined_ids()
        reason = (running.state.spool.quarantine_dir / f"{entry}.reason").read_text()
        assert reason == "Unreadable: reading took longer than its budget of 1 s"
        assert len(sink.messages_to("admin@example.org")) == 1
        assert len(running.store.codes()) == 1 and len(sink.messages_to(GENUINE)) == 1
    finally:
        running.stop()


def test_the_inline_text_cap_counts_inline_text_only():
    lines = limits.MAX_TEXT // (len(LINE) + 1)          # each line counted with a CRLF
    assert over_limits(report(body=LINE * (lines - 10))) is None
    assert "KB of text" in over_limits(report(body=LINE * (lines + 10)))
    # Inline with a file name (the body a parser would choose): still inline text.
    inline_file = attached(limits.MAX_TEXT / 1024 / 1024 + 1).replace(b"attachment;", b"inline;")
    assert "KB of text" in over_limits(inline_file)
