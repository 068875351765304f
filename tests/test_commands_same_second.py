"""Member commands in the same second (PRODUCT.md: nothing accepted is lost).

The harness clock does not move, so every mail below is processed in the same second. Two
commands from one member, in two mails or in one, are two messages: each goes out, none is
taken for a repeat of the other. A retry of the same spool entry (an attempt that failed
after its commands had queued their mail) sends nothing twice, and neither does one mail
sent both to the member's case address and to the alias.
"""

import time

import pytest

from harness import (MEMBERS, RunningDaemon, Sink, dump, fail_once, load, member_reply, member_says, reply_address,
                     report, write_config)
from mailrouter.pipeline.stages import relay_among_members

REPORTER, SAM = "reporter@example.net", "sam@example.net"
ANA, CHIDI = "Ana Lima <ana@example.org>", "chidi@example.org"   # Bo has a conflict with Sam Rivera
MO, STEERING = "mo@example.org", "steering@example.org"

# command: (who receives it, words of its subject, its first and second use, whether the
# other members get a copy)
COMMANDS = {
    "to-reporter": (REPORTER, "A message from the committee",
                    "#to-reporter\nFirst: thank you for writing.\n", "#to-reporter\nSecond: we spoke to them.\n", True),
    "to-reported": (SAM, "For you: a message from the committee",
                    "#to-reported\nFirst: we would like your side.\n", "#to-reported\nSecond: by Friday, please.\n",
                    True),
    "to-moderators": (MO, "A recommended response for slack", "#to-moderators slack\n\nFirst: a warning.\n",
                      "#to-moderators slack\n\nSecond: and a week's break.\n", True),
    "consult": (REPORTER, "The proposed resolution", "#consult\nFirst: a written warning. Acceptable?\n",
                "#consult\nSecond: and a week's break. Acceptable?\n", True),
    "export": ("ana@example.org", "Report document", "#export md\n", "#export html\n", False),
    "escalate": (STEERING, "Escalated to you", "#escalate First reason\n", "#escalate Second reason\n", False),
}


@pytest.fixture
def case(tmp_path, sink):
    """A report naming Sam Rivera with an address; a proposal passed (#consult needs one)."""
    path = write_config(tmp_path, sink.port, policy="numpy")
    dump({"members": MEMBERS, "escalation": [{"name": "Steering Council", "email": STEERING}],
          "moderators": {"slack": [{"name": "Mo Ibrahim", "email": MO}]}}, tmp_path / "members.yaml")
    daemon = RunningDaemon(load(path)).start()
    daemon.send(report(body=f"Reported person: Sam Rivera <{SAM}>\n\nSam kept interrupting me at the meetup.\n"),
                mail_from=REPORTER)
    daemon.run_until_idle()
    member_says(daemon, sink, ANA, "#propose A written warning.\n")
    member_says(daemon, sink, ANA, "#vote yes\n")
    member_says(daemon, sink, f"Chidi Okafor <{CHIDI}>", "#vote yes\n")
    yield daemon
    daemon.stop()


def received(sink, address, subject_words):
    return [m for m in sink.messages_to(address) if subject_words in str(m["Subject"])]


def copies(sink):
    """The notices Chidi got of what the other members did (a copy of what Ana sent)."""
    return received(sink, CHIDI, "Committee update")


def confirmations(sink):
    return [m.text() for m in sink.messages_to("ana@example.org") if "Your commands" in str(m["Subject"])]


@pytest.mark.parametrize("name", COMMANDS)
def test_two_commands_from_one_member_in_the_same_second_both_go_out(case, sink, name):
    to, subject, first, second, copied = COMMANDS[name]
    before = len(received(sink, to, subject))
    copied_before = len(copies(sink))
    member_says(case, sink, ANA, first)
    member_says(case, sink, ANA, second)
    sent = received(sink, to, subject)[before:]
    assert len(sent) == 2, [m.text() for m in sent]
    if name == "export":
        assert sorted(a.get_filename().rsplit(".", 1)[1] for m in sent for a in m.msg.iter_attachments()) \
            == ["html", "md"]
    else:
        assert "First" in sent[0].text() and "Second" in sent[1].text()
    if copied:
        assert len(copies(sink)) - copied_before == 2
    assert all("error" not in text for text in confirmations(sink)[-2:])


@pytest.mark.parametrize("name,body,to,subject", [
    ("export", "#export md\n#export html\n", "ana@example.org", "Report document"),
    ("escalate", "#escalate First reason\n#escalate Second reason\n", STEERING, "Escalated to you")])
def test_two_commands_in_one_mail_both_go_out(case, sink, name, body, to, subject):
    before = len(received(sink, to, subject))
    member_says(case, sink, ANA, body)
    assert len(received(sink, to, subject)) - before == 2


@pytest.mark.parametrize("name", COMMANDS)
def test_a_retry_of_the_same_spool_entry_sends_nothing_twice(case, sink, name, monkeypatch):
    """The attempt fails after the commands queued their mail (made durable by the worker's
    commit all the same); the retry, 30 s later by the clock, runs the commands again."""
    to, subject, first, _, copied = COMMANDS[name]
    failures = fail_once(monkeypatch, relay_among_members, "the attempt fails after the commands ran")
    before, copied_before = len(received(sink, to, subject)), len(copies(sink))
    confirmed_before = len(confirmations(sink))
    assert case.send(member_reply(ANA, first), mail_from="ana@example.org",
                     rcpt_tos=[reply_address(sink, "ana@example.org")])[0] == 250
    (entry,) = case.state.spool.ids()
    deadline = time.monotonic() + 30
    while case.state.spool.meta(entry).get("attempts") != 1:        # failed once; waits for its retry
        assert time.monotonic() < deadline, "the worker never tried"
        time.sleep(0.01)
    assert [item.entry_id for item in failures] == [entry]
    case.advance(seconds=31)
    case.run_until_idle()
    assert case.state.spool.ids() == []
    assert len(received(sink, to, subject)) - before == 1
    if copied:
        assert len(copies(sink)) - copied_before == 1
    assert len(confirmations(sink)) - confirmed_before == 1


def test_one_mail_to_the_case_address_and_the_alias_sends_to_the_reporter_once(tmp_path):
    """A verified member's reply-all reaches the case by both addresses: its commands run for
    each, and what they send is keyed by the message, not by the address it came to."""
    sink = Sink().start()
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))).start()
    try:
        daemon.send(report(body="Someone kept interrupting me.\n"), mail_from=REPORTER)
        daemon.run_until_idle()
        (code,) = daemon.store.codes()
        before, copied_before = len(received(sink, REPORTER, "A message from the committee")), len(copies(sink))
        raw = member_reply(ANA, "#to-reporter\nThank you, we are on it.\n", subject=f"Re: [{code}]",
                           extra_headers=("Authentication-Results: mx.example.org; dmarc=pass header.from=example.org",))
        assert daemon.send(raw, mail_from="ana@example.org",
                           rcpt_tos=[reply_address(sink, "ana@example.org"), "conduct@example.org"])[0] == 250
        daemon.run_until_idle()
        assert len(received(sink, REPORTER, "A message from the committee")) - before == 1
        assert len(copies(sink)) - copied_before == 1
    finally:
        daemon.stop()
        sink.stop()


def test_two_members_messages_with_one_message_id_both_go_out(case, sink):
    """A client that reuses a Message-ID, or a resend that keeps it: Ana's and Chidi's
    #to-reporter carry the same one, and the reporter gets both."""
    for sender, words in ((ANA, "First: about the plums.\n"), (f"Chidi Okafor <{CHIDI}>", "Second: the cherries.\n")):
        address = sender.split("<")[1].rstrip(">")
        mail = member_reply(sender, "#to-reporter\n" + words, extra_headers=("Message-ID: <same@clients.example>",))
        mail = mail.replace(b"Message-ID: <", b"X-Original-Message-ID: <", 1)   # only the shared one stays
        assert case.send(mail, mail_from=address, rcpt_tos=[reply_address(sink, address)])[0] == 250
        case.run_until_idle()
    texts = [m.text() for m in received(sink, REPORTER, "A message from the committee")]
    assert [t for t in texts if "plums" in t] and [t for t in texts if "cherries" in t]
