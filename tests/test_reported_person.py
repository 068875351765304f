"""The reported person by email (issue 14), over real SMTP against the running daemon.

`#to-reported` goes from the alias, signed by the committee, with a reply address of their
own and nothing of the reporter or of the members on the case; their answers reach the
members on the case only (never the reporter, never a member with a conflict); `#review`
reopens a closed case and its clock reminds the members at its time; no address means a
clear refusal; a forged sender at their reply address is not relayed.
"""

from harness import member_reply, member_says, report, reply_address

REPORTER = "reporter@example.net"
REPORTER_NAME = "Jane Reporter"
SAM = "sam@example.net"                      # Bo has a conflict with Sam Rivera (harness CONFLICTS)
ANA, CHIDI = "Ana Lima <ana@example.org>", "Chidi Okafor <chidi@example.org>"
MEMBER_FORMS = ("ana@example.org", "bo@example.org", "chidi@example.org", "Ana Lima", "Bo Chen", "Chidi Okafor",
                "Ana", "Chidi")
REPORT_BODY = (f"Reported person: Sam Rivera <{SAM}>\n\nSam kept interrupting me at the meetup. "
               f"I am {REPORTER_NAME}, write to me at {REPORTER}.\n")


def a_case(daemon):
    daemon.send(report(body=REPORT_BODY), mail_from=REPORTER)
    daemon.run_until_idle()
    return next(iter(daemon.store.open_codes))


def reported_mail(sink):
    return [m for m in sink.messages_to(SAM) if "message from the committee" in str(m["Subject"])]


def confirmation(sink, who="ana@example.org"):
    return [m for m in sink.messages_to(who) if "Your commands" in str(m["Subject"])][-1].text()


def sam_says(daemon, sink, body, sender=f"Sam Rivera <{SAM}>", mail_from=SAM, **kwargs):
    code, _ = daemon.send(member_reply(sender, body, subject="Re: A message from the committee", **kwargs),
                          mail_from=mail_from, rcpt_tos=[reply_address(sink, SAM)])
    assert code == 250
    daemon.run_until_idle()


def write_to_sam(daemon, sink):
    member_says(daemon, sink, ANA, "#to-reported\nWe would like to hear your side of what happened. "
                "Chidi Okafor (chidi@example.org) and I are reading it. We never say who "
                f"wrote to us, be it {REPORTER_NAME} or anyone.\n\nThanks,\nAna\n")


def test_to_reported_goes_from_the_alias_with_its_own_reply_address_and_nothing_of_reporter_or_members(
        daemon, sink):
    code = a_case(daemon)
    write_to_sam(daemon, sink)
    (sent,) = reported_mail(sink)
    assert "hear your side" in sent.text()
    assert str(sent["From"]).endswith("<conduct@example.org>") and "via" not in str(sent["From"])
    own = reply_address(sink, SAM)
    assert own.startswith("conduct+") and own not in {reply_address(sink, a) for a in
                                                      (REPORTER, "ana@example.org", "chidi@example.org")}
    headers = "\n".join(f"{k}: {v}" for k, v in sent.msg.items())
    for where in (headers, sent.text(), sent.data.decode("utf-8", "replace")):
        for secret in (REPORTER, REPORTER_NAME, "Jane", *MEMBER_FORMS):
            assert secret.lower() not in where.lower(), (secret, where)
    assert daemon.store.get(code)["reported_contact"]["email"] == SAM
    assert "sent to the reported person" in confirmation(sink)


def test_the_reported_persons_reply_reaches_the_members_on_the_case_and_never_the_reporter(daemon, sink):
    code = a_case(daemon)
    after_ack = len(sink.messages_to(REPORTER))
    write_to_sam(daemon, sink)
    sam_says(daemon, sink, "I was only trying to finish my point; here is some context.\n\n"
             "On Mon, 2 Nov 2026, Example CoC Committee wrote:\n> We would like to hear your side\n")
    for member in ("ana@example.org", "chidi@example.org"):
        (relayed,) = [m for m in sink.messages_to(member) if "From the reported person" in str(m["Subject"])]
        assert "here is some context" in relayed.text() and "We would like to hear" not in relayed.text()
    assert not [m for m in sink.messages_to("bo@example.org") if "context" in m.text()]
    assert len(sink.messages_to(REPORTER)) == after_ack
    case = daemon.store.get(code)
    assert [m["direction"] for m in case["reported_messages"]] == ["to", "from"]


def test_unrecognised_earlier_mail_under_to_reported_is_held_back(daemon, sink):
    a_case(daemon)
    body = ("#to-reported\nWe would like to hear your side.\n\n==== previous message ====\n"
            "Kimden: Chidi Okafor <chidi@example.org>\nKonu: notes\n\nInternal notes.\n")
    member_says(daemon, sink, ANA, body)
    assert reported_mail(sink) == []
    assert "nothing was sent to the reported person" in confirmation(sink)
    assert "#to-reported as-is" in confirmation(sink)


def test_review_reopens_a_closed_case_and_its_clock_reminds_the_members_at_its_time(daemon, sink):
    code = a_case(daemon)
    after_ack = len(sink.messages_to(REPORTER))
    write_to_sam(daemon, sink)
    member_says(daemon, sink, ANA, "#status closed\n")
    assert code not in daemon.store.open_codes
    sam_says(daemon, sink, "#review\nI ask the committee to review this decision.\n")
    case = daemon.store.get(code)
    assert code in daemon.store.open_codes and case["reviews"][0]["reopened"]
    told = [m for m in sink.messages_to("chidi@example.org") if "asked for a review" in m.text()]
    assert len(told) >= 2             # the relay and the notice that the case is open again

    def reminders():
        return [m for m in sink.messages_to("chidi@example.org") if "is due now under the policy" in m.text()]
    daemon.clock.advance(days=13)
    daemon.tick()
    assert reminders() == []
    daemon.clock.advance(days=1, minutes=1)           # the default policy's review: 2w
    daemon.tick()
    assert len(reminders()) == 1
    assert not [m for m in sink.messages_to("bo@example.org") if "review" in m.text()]
    assert len(sink.messages_to(REPORTER)) == after_ack      # the reopened case's clocks never write to them


def test_review_after_the_appeal_window_is_recorded_and_the_case_stays_closed(daemon, sink):
    code = a_case(daemon)
    write_to_sam(daemon, sink)
    member_says(daemon, sink, ANA, "#status closed\n")
    daemon.clock.advance(days=31)                     # the default policy's appeal window: 30d
    sam_says(daemon, sink, "#review\nPlease look at it again.\n")
    assert code not in daemon.store.open_codes
    assert daemon.store.get(code)["reviews"][0]["late"]
    assert [m for m in sink.messages_to("chidi@example.org") if "after the appeal window" in m.text()]


def test_to_reported_without_an_address_is_refused_and_the_reporters_address_is_never_taken(daemon, sink):
    daemon.send(report(body="Someone kept interrupting me.\n"), mail_from=REPORTER)
    daemon.run_until_idle()
    before = len(sink.all())
    member_says(daemon, sink, ANA, "#to-reported\nWe would like to hear your side.\n")
    assert "no address is known for the reported person" in confirmation(sink)
    member_says(daemon, sink, ANA, f"#reported-contact Jane <{REPORTER}>\n")
    refused = confirmation(sink)
    assert "cannot be used" in refused and "reporter" not in refused.split("#reported-contact:")[1].lower()
    member_says(daemon, sink, ANA, "#reported-contact Bo <bo@example.org>\n")
    assert "cannot be used" in confirmation(sink)
    sent = sink.all()[before:]
    # the members' own words stay among them (relayed as discussion); nobody else got mail
    assert {r for m in sent for r in m.rcpt_tos} <= {"ana@example.org", "bo@example.org", "chidi@example.org"}


def test_a_forged_sender_at_the_reported_reply_address_is_not_relayed(daemon, sink):
    code = a_case(daemon)
    write_to_sam(daemon, sink)
    before = {m: len(sink.messages_to(m)) for m in ("ana@example.org", "chidi@example.org")}
    sam_says(daemon, sink, "It was not me, it was them.\n", sender="Mallory <mallory@example.com>",
             mail_from="mallory@example.com")
    assert {m: len(sink.messages_to(m)) for m in before} == before
    assert any(e["kind"] == "unauthorised reply (not relayed)" for e in daemon.store.events(code))
    assert "was not shared" in str(sink.messages_to(SAM)[-1]["Subject"])


def test_an_automatic_reply_of_the_reported_person_is_recorded_not_relayed(daemon, sink):
    code = a_case(daemon)
    write_to_sam(daemon, sink)
    before = len(sink.messages_to("ana@example.org"))
    sam_says(daemon, sink, "I am away until Monday.\n", extra_headers=("Auto-Submitted: auto-replied",))
    assert len(sink.messages_to("ana@example.org")) == before
    assert any(e["kind"] == "automatic reply (not relayed)" for e in daemon.store.events(code))
    assert "reported_messages" not in daemon.store.get(code) or \
        [m["direction"] for m in daemon.store.get(code)["reported_messages"]] == ["to"]


def test_the_report_document_keeps_the_exchange_with_the_reported_person(daemon, sink):
    code = a_case(daemon)
    write_to_sam(daemon, sink)
    sam_says(daemon, sink, "Here is my side of it.\n")
    member_says(daemon, sink, ANA, "#export md\n")
    (document,) = [m for m in sink.messages_to("ana@example.org") if "Report document" in str(m["Subject"])]
    parts = [p.get_payload(decode=True).decode("utf-8", "replace") for p in document.msg.walk()
             if not p.is_multipart()]
    exported = "\n".join(parts)
    assert "Discussions with the reported person" in exported
    assert "Here is my side of it" in exported and "the reported person" in exported
