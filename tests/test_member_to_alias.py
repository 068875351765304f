"""A member who mails the alias instead of the case address never opens a new case (issue 8).

The message refers to its case by our Message-ID in In-Reply-To/References or by the code
name in brackets. With the front MTA's verification (authserv_id, DMARC pass) and the
member on the case, it joins the case as their reply; otherwise (a code name is no
secret: a forger could use one) the member is only told how to reply. A member's
genuinely new report is still a report.
"""

import pytest

from harness import RunningDaemon, Sink, load, member_reply, report, write_config

REPORTER = "reporter@example.net"
ANA, BO = "Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>"


def open_case(daemon, sink, body="Someone kept interrupting me.\n"):
    daemon.send(report(body=body), mail_from=REPORTER)
    daemon.run_until_idle()
    return daemon.store.codes()[-1]


def to_alias(daemon, sender, body, **kwargs):
    address = sender.split("<")[1].rstrip(">")
    code, _ = daemon.send(member_reply(sender, body, **kwargs), mail_from=address,
                          rcpt_tos=["conduct@example.org"])
    assert code == 250
    daemon.run_until_idle()


PASS = "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org"


@pytest.fixture
def verified(tmp_path):
    """A daemon behind a front MTA that writes Authentication-Results (authserv_id)."""
    sink = Sink().start()
    running = RunningDaemon(load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))).start()
    yield running, sink
    running.stop()
    sink.stop()


def test_verified_reply_sent_to_the_alias_joins_the_case_and_reaches_only_its_members(verified):
    daemon, sink = verified
    code = open_case(daemon, sink, "Sam Rivera kept interrupting me.\n")    # Bo is conflicted with Sam
    forward = sink.messages_to("ana@example.org")[-1]
    to_alias(daemon, ANA, "We should ask for the chat logs.\n\n> quoted report text\n",
             subject=f"Re: {forward['Subject']}", in_reply_to=forward["Message-ID"], extra_headers=(PASS,))
    assert daemon.store.codes() == [code]                       # no new case
    relays = [m for m in sink.messages_to("chidi@example.org") if "ask for the chat logs" in m.text()]
    assert len(relays) == 1
    assert not any("chat logs" in m.text() for m in sink.messages_to("bo@example.org"))
    assert any(e["kind"] == "discussion" and e["by"] == "member:ana@example.org"
               for e in daemon.store.events(code))


def test_conflicted_member_naming_the_case_is_told_how_to_reply_and_nothing_is_shared(verified):
    daemon, sink = verified
    code = open_case(daemon, sink, "Sam Rivera kept interrupting me.\n")
    before = {m: len(sink.messages_to(m)) for m in ("ana@example.org", "chidi@example.org")}
    to_alias(daemon, BO, "What is this case about?\n", subject=f"Re: [{code}] question", extra_headers=(PASS,))
    assert daemon.store.codes() == [code]
    assert {m: len(sink.messages_to(m)) for m in before} == before
    (answer,) = sink.messages_to("bo@example.org")
    assert "reply to the case mail" in answer.text() and code not in answer.text()
    assert len(daemon.state.held.ids()) == 1


def test_a_members_genuinely_new_report_is_still_a_report(daemon, sink):
    open_case(daemon, sink)
    daemon.send(report(sender=ANA, subject="Something else happened", body="Chidio was rude to me.\n"),
                mail_from="ana@example.org")
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 2


def test_unverified_mail_in_a_members_name_runs_no_command_and_reaches_no_one_else(daemon, sink):
    """Without authserv_id nothing proves the sender: a forger knowing a code name and a
    member's address gets nothing done; only the real member is told how to reply."""
    code = open_case(daemon, sink)
    before = {m: len(sink.messages_to(m)) for m in ("bo@example.org", "chidi@example.org")}
    forged = member_reply(ANA, "#recuse\nLet's close it, the reporter is making this up.\n",
                          subject=f"Re: [{code}] discussion")
    assert daemon.send(forged, mail_from="attacker@evil.example", rcpt_tos=["conduct@example.org"])[0] == 250
    daemon.run_until_idle()
    assert {m: len(sink.messages_to(m)) for m in before} == before
    assert daemon.store.get(code)["access"]["ana@example.org"] == "granted"        # not recused
    assert daemon.store.codes() == [code]
    notices = [m for m in sink.messages_to("ana@example.org") if "How to write" in str(m["Subject"])]
    assert len(notices) == 1
