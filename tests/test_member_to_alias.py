"""A member who mails the alias instead of the case address never opens a new case (issue 8).

The message is routed to the case it refers to (our Message-ID in In-Reply-To/References,
or the code name in brackets), with the sender checks of the threads work; a member not on
that case is only told how to reply. A member's genuinely new report is still a report.
"""

from harness import member_reply, report

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


def test_reply_to_a_forward_sent_to_the_alias_joins_the_case_and_reaches_only_its_members(daemon, sink):
    code = open_case(daemon, sink, "Sam Rivera kept interrupting me.\n")    # Bo is conflicted with Sam
    forward = sink.messages_to("ana@example.org")[-1]
    to_alias(daemon, ANA, "We should ask for the chat logs.\n\n> quoted report text\n",
             subject=f"Re: {forward['Subject']}", in_reply_to=forward["Message-ID"])
    assert daemon.store.codes() == [code]                       # no new case
    relays = [m for m in sink.messages_to("chidi@example.org") if "ask for the chat logs" in m.text()]
    assert len(relays) == 1
    assert not any("chat logs" in m.text() for m in sink.messages_to("bo@example.org"))
    assert any(e["kind"] == "discussion" and e["by"] == "member:ana@example.org"
               for e in daemon.store.events(code))


def test_conflicted_member_naming_the_case_is_told_how_to_reply_and_nothing_is_shared(daemon, sink):
    code = open_case(daemon, sink, "Sam Rivera kept interrupting me.\n")
    before = {m: len(sink.messages_to(m)) for m in ("ana@example.org", "chidi@example.org")}
    to_alias(daemon, BO, "What is this case about?\n", subject=f"Re: [{code}] question")
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
