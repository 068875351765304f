"""Members' plain-mail bots do not loop through us (L5, issue 11).

Two members away, each with a vacation bot that sends no RFC 3834 header: each relay of
one's answer reaches the other's bot, which answers, and so on. A member's message that
repeats their previous one is not relayed again, and a read receipt quoting our subject is
held: each bot settles within two messages.
"""

import random

from harness import member_says, report

BOTS = ["ana@example.org", "bo@example.org"]


def bot_answer(mail, who, subject=None, body="I am on leave until December.\n"):
    lines = [f"From: Bot <{who}>", f"To: {mail['Reply-To'].addresses[0].addr_spec}",
             f"Subject: {subject or 'Re: ' + mail['Subject']}", "Date: Mon, 02 Nov 2026 11:00:00 +0000",
             f"Message-ID: <{random.getrandbits(64)}@members.example>", f"In-Reply-To: {mail['Message-ID']}",
             "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


def run_bots(daemon, sink, make, rounds=12):
    """Each round, each bot answers every case mail it got since the last; returns how many it sent."""
    seen = {who: 0 for who in BOTS}
    sent = {who: 0 for who in BOTS}
    for _ in range(rounds):
        daemon.run_until_idle()
        new = False
        for who in BOTS:
            mails = [m for m in sink.messages_to(who) if m["Reply-To"]]
            for mail in mails[seen[who]:]:
                code, _ = daemon.send(make(mail, who), mail_from=who,
                                      rcpt_tos=[mail["Reply-To"].addresses[0].addr_spec])
                assert code == 250
                sent[who] += 1
                new = True
            seen[who] = len(mails)
        if not new:
            return sent
    raise AssertionError(f"the bots never settled: {sent}")


def test_two_members_vacation_bots_settle(daemon, sink):
    daemon.send(report())
    sent = run_bots(daemon, sink, bot_answer)
    assert sent == {who: 2 for who in BOTS}                   # the forward, and one relay each
    (code,) = daemon.store.codes()
    repeats = [e for e in daemon.store.events(code) if e["kind"] == "repeated text (not relayed)"]
    assert len(repeats) == 2


def test_two_members_read_receipts_settle(daemon, sink):
    daemon.send(report())
    sent = run_bots(daemon, sink, lambda m, who: bot_answer(m, who, subject=f"Read: {m['Subject']}",
                                                            body="Your message was read.\n"))
    assert sent == {who: 1 for who in BOTS}                   # held: nothing relayed to answer


def test_a_member_saying_the_same_twice_in_a_discussion_is_heard_twice(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "Agreed.\n")
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "Shall we ask the venue for footage?\n")
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "Agreed.\n")
    relayed = [m for m in sink.messages_to("chidi@example.org") if "Agreed." in m.text()]
    assert len(relayed) == 2
