"""Answers to our mail known by their subject alone (R4, issue 11).

A client, a gateway or a bot answering our acknowledgement at the alias may drop the
threading headers and write its own prefix or tag before our subject. The subject still
carries `[code name] Your report was received`: mail about that case, never a new one; a
person's words are added to it, an automatic answer is held and recorded on it.
"""

import random

import pytest

from harness import member_says, report

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def answer(subject, body):
    lines = [f"From: Jane Reporter <{REPORTER}>", "To: conduct@example.org", f"Subject: {subject}",
             "Date: Mon, 02 Nov 2026 11:00:00 +0000", f"Message-ID: <{random.getrandbits(64)}@example.net>",
             "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


def acknowledged(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    (ack,) = sink.messages_to(REPORTER)
    (code,) = daemon.store.codes()
    return ack, code


@pytest.mark.parametrize("prefix", ["回复: ", "答复：", "Ynt: ", "ΑΠ: ", "返信: ", "답장: ", "Ответ: ", "השב: ",
                                    "Re\uff1a", "TR: ", "ENC: ", "Fwd: Re: ", "Atb.: ", "[EXTERNAL] Re: ",
                                    "RE: [EXT] ", "*****SPAM***** Re: "])
def test_persons_answer_with_any_prefix_is_added_to_the_case(daemon, sink, prefix):
    ack, code = acknowledged(daemon, sink)
    daemon.send(answer(f"{prefix}{ack['Subject']}", "He did it again on Tuesday.\n"))
    daemon.run_until_idle()
    assert daemon.store.codes() == [code]                                  # no new case
    for member in MEMBERS:
        (added,) = [m for m in sink.messages_to(member) if "The reporter added" in m["Subject"]]
        assert "again on Tuesday" in added.text()
    assert len(sink.messages_to(REPORTER)) == 1                            # no second acknowledgement


@pytest.mark.parametrize("subject", ["Automatic reply: {ours}", "Out of Office: {ours}",
                                     "[Ticket#2026110210000001] RE: {ours}", "Request received: Re: {ours}",
                                     "[JIRA] (SUP-101) Re: {ours}", "Ticket Received - {ours}", "Read: {ours}",
                                     "Please confirm: {ours}"])
def test_automatic_answer_quoting_our_subject_is_held_on_the_case(daemon, sink, subject):
    ack, code = acknowledged(daemon, sink)
    before = len(sink.all())
    daemon.send(answer(subject.format(ours=ack["Subject"]), "Your request has been received.\n"))
    daemon.run_until_idle()
    assert daemon.store.codes() == [code]
    assert len(sink.all()) == before                                       # nothing relayed, nothing answered
    assert len(daemon.state.held.ids()) == 1
    assert any(e["kind"] == "automatic reply (not relayed)" for e in daemon.store.events(code))


def test_members_subject_with_those_words_is_still_relayed(daemon, sink):
    """Receipt and helpdesk words count only before a subject of ours: a person writes them too."""
    acknowledged(daemon, sink)
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "Can we meet on Friday?\n",
                subject="Please confirm: a call on Friday")
    relayed = [m for m in sink.messages_to("bo@example.org") if "meet on Friday" in m.text()]
    assert len(relayed) == 1
