"""Issue 14's parts together, over real SMTP against the running daemon: what the separate
parts (the reported person, moderators, the reporter's say, sanctions, severe, anonymous
and delegated reports) could not test alone. Each test names a path by which one party's
identity or mail could reach another, or a mail that could crash the worker.
"""

from harness import member_reply, member_says, report, reply_address

REPORTER, REPORTER_NAME = "reporter@example.net", "Jane Reporter"
SAM = "sam@example.net"
ANA = "Ana Lima <ana@example.org>"
MEMBERS = ("ana@example.org", "bo@example.org", "chidi@example.org")
BODY = (f"Reported person: Sam Rivera <{SAM}>\n\nSam kept interrupting me at the meetup. "
        f"I am {REPORTER_NAME}, write to me at {REPORTER}.\n")


def a_case(daemon, body=BODY):
    daemon.send(report(body=body), mail_from=REPORTER)
    daemon.run_until_idle()
    return next(iter(daemon.store.open_codes))


def to_sam(sink):
    return [m for m in sink.messages_to(SAM) if "message from the committee" in str(m["Subject"])]


def test_to_reported_never_names_a_reporter_who_agreed_to_be_known_to_the_committee(daemon, sink):
    a_case(daemon, BODY + "\nShare my identity: yes\n")
    member_says(daemon, sink, ANA, f"#to-reported\nWe would like to hear your side. {REPORTER_NAME} "
                f"({REPORTER}) will not be told what you write.\n")
    (sent,) = to_sam(sink)
    assert "hear your side" in sent.text()
    for secret in (REPORTER, REPORTER_NAME, "Jane"):
        assert secret.lower() not in sent.data.decode("utf-8", "replace").lower(), secret


def test_the_reported_persons_answer_to_the_alias_never_reaches_the_reporter(daemon, sink):
    """Their client may answer our From (the alias) rather than their reply address; our
    subject to them is one the reporter's mail also carries."""
    code = a_case(daemon)
    member_says(daemon, sink, ANA, "#to-reported\nWe would like to hear your side.\n")
    after = len(sink.messages_to(REPORTER))
    (ours,) = to_sam(sink)
    daemon.send(member_reply(f"Sam Rivera <{SAM}>", "I did nothing wrong. Who complained?\n",
                             subject=f"Re: {ours['Subject']}"), mail_from=SAM)
    daemon.run_until_idle()
    assert len(sink.messages_to(REPORTER)) == after, sink.messages_to(REPORTER)[-1].text()
    assert code in str(ours["Subject"])
    # not lost: it reaches the committee (as mail to the alias from someone new does)
    assert any("Who complained" in m.text() for m in sink.messages_to("ana@example.org"))
