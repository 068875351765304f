"""The reporter forwards our acknowledgement to the alias with new words (issue 11, F6).

A copy of our own mail in a message (attached, or pasted inline with its headers) marks it
as automatic, as a bounce of that mail is. From the case's reporter, with words of their own
above the copy, it is their addition: added to their case and shared with the members, the
copy of our mail left out. A copy with no new words, or from anyone else, stays held.
"""

import random

import pytest

from test_subject_answers import acknowledged   # the report filed and acknowledged: (ack, code)

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
WORDS = "He did it again yesterday at the sprint, in front of everyone."


def head(sender, subject, content_type):
    return [f"From: {sender}", "To: conduct@example.org", f"Subject: {subject}",
            "Date: Mon, 02 Nov 2026 11:00:00 +0000", f"Message-ID: <{random.getrandbits(64)}@example.net>",
            "MIME-Version: 1.0", f"Content-Type: {content_type}", ""]


def attached(ack, words, sender=f"Jane Reporter <{REPORTER}>"):
    return "\r\n".join(head(sender, f"Fwd: {ack['Subject']}", 'multipart/mixed; boundary="fw"') + [
        "--fw", "Content-Type: text/plain; charset=utf-8", "", words,
        "--fw", "Content-Type: message/rfc822", 'Content-Disposition: attachment; filename="ack.eml"', "",
        ack.data.decode(), "--fw--", ""]).encode()


def inline_with_headers(ack, words, sender=f"Jane Reporter <{REPORTER}>"):
    headers = [f"{name}: {value}" for name, value in ack.msg.items()]
    return "\r\n".join(head(sender, f"Fwd: {ack['Subject']}", "text/plain; charset=utf-8") + [
        words, "", f"----- Forwarded message from {ack['From']} -----", "", *headers, "", ack.text(),
        "----- End forwarded message -----", ""]).encode()


def ack_line(ack):
    return next(line for line in ack.text().splitlines() if len(line.strip()) > 20).strip()


@pytest.mark.parametrize("shape", [attached, inline_with_headers])
def test_reporters_new_words_above_our_forwarded_mail_are_added(daemon, sink, shape):
    ack, code = acknowledged(daemon, sink)
    daemon.send(shape(ack, WORDS))
    daemon.run_until_idle()
    assert daemon.store.codes() == [code]
    assert not daemon.state.held.ids()
    for member in MEMBERS:
        (added,) = [m for m in sink.messages_to(member) if "The reporter added" in m["Subject"]]
        assert WORDS in added.text()
        assert ack_line(ack) not in added.text() and REPORTER not in added.data.decode(errors="replace")
        assert "Forwarded message" not in added.text() and "ack.eml" not in added.text()
    assert "reporter added to the report" in [e["kind"] for e in daemon.store.events(code)]


@pytest.mark.parametrize("shape", [attached, inline_with_headers])
@pytest.mark.parametrize("sender, words", [(f"Jane Reporter <{REPORTER}>", ""),
                                           ("Mail Gateway <gateway@mx.example.net>", WORDS)])
def test_a_copy_with_no_new_words_or_from_someone_else_stays_held(daemon, sink, shape, sender, words):
    ack, code = acknowledged(daemon, sink)
    before = len(sink.all())
    daemon.send(shape(ack, words, sender=sender), mail_from=sender.split("<")[1].rstrip(">"))
    daemon.run_until_idle()
    assert daemon.store.codes() == [code]
    assert len(daemon.state.held.ids()) == 1
    assert not [m for m in sink.all()[before:] if m.rcpt_tos[0] in MEMBERS]
