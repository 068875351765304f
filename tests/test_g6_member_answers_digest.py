"""A member's plain vacation bot answering the weekly digest at the alias (issue 11, F5).

The digest comes from the alias and is about no one case: its subject carries no code name,
so a member's answer to it was taken for a new report, with the member as reporter. Mail
that answers our digest (its subject anywhere in the Subject, or its Message-ID in
In-Reply-To/References) is held, never a case, never answered, whoever sends it.
"""

import random

import pytest

from harness import report

ANA = "ana@example.org"


def digest_of(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    daemon.advance(days=7)
    daemon.tick()
    daemon.run_until_idle()
    (digest,) = [m for m in sink.messages_to(ANA) if "open Code of Conduct cases" in str(m["Subject"])]
    return digest


@pytest.mark.parametrize("sender, subject", [(f"Ana Lima <{ANA}>", "Re: {ours}"),
                                             (f"Ana Lima <{ANA}>", "On leave until January"),
                                             ("Lee Park <lee@other.example>", "Re: Fwd: {ours}")])
def test_an_answer_to_the_digest_is_held_never_a_case(daemon, sink, sender, subject):
    digest = digest_of(daemon, sink)
    codes, before, held = daemon.store.codes(), len(sink.all()), len(daemon.state.held.ids())
    address = sender.split("<")[1].rstrip(">")
    lines = [f"From: {sender}", "To: conduct@example.org", f"Subject: {subject.format(ours=digest['Subject'])}",
             "Date: Mon, 09 Nov 2026 11:00:00 +0000", f"Message-ID: <{random.getrandbits(64)}@example.org>",
             f"In-Reply-To: {digest['Message-ID']}", "MIME-Version: 1.0",
             "Content-Type: text/plain; charset=utf-8", "", "I am on leave until January.\n"]
    assert daemon.send("\r\n".join(lines).encode(), mail_from=address)[0] == 250
    daemon.run_until_idle()
    assert daemon.store.codes() == codes                   # no case with the member as its reporter
    assert len(sink.all()) == before                       # nothing answered, nothing forwarded
    assert len(daemon.state.held.ids()) == held + 1
