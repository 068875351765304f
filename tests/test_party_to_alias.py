"""The reported person or a moderator who writes to the alias about their case (not to their
case reply address) joins that case, never a new one; the same person writing a new message
with no link to the case is a new report. Real SMTP against the running daemon.

A link is a reply to a message of their own thread (In-Reply-To/References): proof, as a reply
address is. A code name in the subject alone is no proof (the reporter sees it in every
subject): the reported person's words reach the case marked unconfirmed (no #review); a
moderator's answer is held and they are told how to reply, with nothing of the reporter.
"""

import pytest

from harness import CONFLICTS, MEMBERS, RunningDaemon, dump, load, member_reply, member_says, report, write_config

REPORTER, REPORTER_NAME = "reporter@example.net", "Jane Reporter"
SAM = "sam@example.net"                                    # Bo has a conflict with Sam (harness CONFLICTS)
ANA = "Ana Lima <ana@example.org>"
MO = "mo@example.org"
REPORT_BODY = f"Reported person: Sam Rivera <{SAM}>\n\nSam kept interrupting me in #general. I am {REPORTER_NAME}.\n"


@pytest.fixture
def case(tmp_path, sink):
    """A report naming Sam; Ana writes to Sam (#to-reported) and to slack's moderator Mo."""
    daemon, code = started(tmp_path, sink)
    yield daemon, sink, code
    daemon.stop()


def started(tmp_path, sink, verified_by=None):
    """`verified_by`: the front MTA's authserv_id; the members' mail then carries its pass."""
    path = write_config(tmp_path, sink.port, authserv_id=verified_by) if verified_by else write_config(tmp_path, sink.port)
    passed = (f"Authentication-Results: {verified_by}; dmarc=pass header.from=example.org",) if verified_by else ()
    dump({"members": MEMBERS, "moderators": {"slack": [{"name": "Mo Ibrahim", "email": MO}]}},
         tmp_path / "members.yaml")
    dump({"conflicts": CONFLICTS}, tmp_path / "conflicts.yaml")
    daemon = RunningDaemon(load(path)).start()
    daemon.send(report(body=REPORT_BODY), mail_from=REPORTER)
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    member_says(daemon, sink, ANA, "#to-reported\nWe would like to hear your side.\n", extra_headers=passed)
    member_says(daemon, sink, ANA, "#to-moderators slack\n\nWe recommend a written warning.\n",
                subject=f"Re: [{code}]", extra_headers=passed)
    return daemon, code


def to_alias(daemon, sender, body, subject, in_reply_to=None):
    address = sender.split("<")[1].rstrip(">")
    assert daemon.send(member_reply(sender, body, subject=subject, in_reply_to=in_reply_to),
                       mail_from=address)[0] == 250
    daemon.run_until_idle()


def relayed(sink, who, words):
    return [m for m in sink.messages_to(who) if words in m.text()]


def test_the_reported_person_answering_our_mail_at_the_alias_joins_the_case_never_a_new_one(case):
    daemon, sink, code = case
    (ours,) = [m for m in sink.messages_to(SAM) if "hear your side" in m.text()]
    to_reporter = len(sink.messages_to(REPORTER))
    to_alias(daemon, f"Sam Rivera <{SAM}>", "Here is my side: I was finishing a point.\n",
             subject=f"Re: [{code}] For you: a message from the committee", in_reply_to=ours["Message-ID"])
    assert daemon.store.codes() == [code], "the reported person's answer opened a new case"
    assert relayed(sink, "ana@example.org", "finishing a point") and relayed(sink, "chidi@example.org",
                                                                              "finishing a point")
    assert not relayed(sink, "bo@example.org", "finishing a point")               # conflicted with Sam
    assert len(sink.messages_to(REPORTER)) == to_reporter                        # never to the reporter
    assert [m["direction"] for m in daemon.store.get(code)["reported_messages"]] == ["to", "from"]


def test_the_reported_person_naming_the_case_in_the_subject_alone_reaches_the_case_marked_unconfirmed(case):
    daemon, sink, code = case
    to_reporter = len(sink.messages_to(REPORTER))
    to_alias(daemon, f"Sam Rivera <{SAM}>", "#review\nAnother thing about that evening.\n", subject=f"About [{code}]")
    assert daemon.store.codes() == [code]
    (relay,) = relayed(sink, "ana@example.org", "Another thing")
    assert "Unconfirmed" in relay.text() and "asked for a review" not in relay.text()
    assert not relayed(sink, "bo@example.org", "Another thing")                   # conflicted with Sam
    assert len(sink.messages_to(REPORTER)) == to_reporter
    (recorded,) = [m for m in daemon.store.get(code)["reported_messages"] if m["direction"] == "from"]
    assert recorded["unconfirmed"] and not recorded["review"]


def test_the_reported_persons_unverified_mail_behind_a_verifying_mta_is_held_not_lost(tmp_path, sink):
    """With `authserv_id`, mail the front MTA did not verify is not the sender's: the reported
    person's subject-only mail is held for the admin and they are told how to reply, as a
    moderator's (the reply stages would refuse it: its words were lost)."""
    daemon, code = started(tmp_path, sink, verified_by="mx.example.org")
    try:
        to_alias(daemon, f"Sam Rivera <{SAM}>", "Another thing about that evening.\n", subject=f"About [{code}]")
        assert daemon.store.codes() == [code]
        assert not relayed(sink, "ana@example.org", "Another thing")
        (held,) = daemon.state.held.ids()
        assert b"Another thing about that evening" in daemon.state.held.payload(held)
        assert [m for m in sink.messages_to(SAM) if "how to write" in str(m["Subject"])]
    finally:
        daemon.stop()


def test_a_moderator_naming_the_case_in_the_subject_alone_is_held_and_told_how_to_reply(case):
    daemon, sink, code = case
    to_alias(daemon, f"Mo Ibrahim <{MO}>", "#accept\n", subject=f"About [{code}]")
    assert daemon.store.codes() == [code]
    assert daemon.store.get(code)["moderation"]["slack"]["moderators"][MO]["answer"] is None
    (told,) = [m for m in sink.messages_to(MO) if "how to write" in str(m["Subject"])]
    raw = told.data.decode("utf-8", "replace").lower()
    assert "reply-to" in raw and not [s for s in (REPORTER, "jane", "ana", "chidi") if s in raw]


def test_a_moderator_accepting_at_the_alias_answers_the_recommendation(case):
    daemon, sink, code = case
    (ours,) = [m for m in sink.messages_to(MO) if "written warning" in m.text()]
    to_alias(daemon, f"Mo Ibrahim <{MO}>", "#accept\nFine by us.\n",
             subject=f"Re: [{code}] A recommended response for slack", in_reply_to=ours["Message-ID"])
    assert daemon.store.codes() == [code], "the moderator's answer opened a new case"
    assert daemon.store.get(code)["moderation"]["slack"]["moderators"][MO]["answer"] == "accept"


def test_the_reported_person_writing_a_new_message_with_no_link_is_a_new_report(case):
    daemon, sink, code = case
    to_alias(daemon, f"Sam Rivera <{SAM}>", "Someone else harassed me at the sprint.\n", subject="A report")
    assert len(daemon.store.codes()) == 2


def test_the_reported_persons_answer_to_the_alias_and_their_reply_address_at_once_is_relayed_once(case):
    daemon, sink, code = case
    (ours,) = [m for m in sink.messages_to(SAM) if "hear your side" in m.text()]
    own = ours["Reply-To"].addresses[0].addr_spec
    raw = member_reply(f"Sam Rivera <{SAM}>", "Once only, please.\n", subject=f"Re: [{code}] For you",
                       in_reply_to=ours["Message-ID"], cc=[own])
    assert daemon.send(raw, mail_from=SAM, rcpt_tos=["conduct@example.org", own])[0] == 250
    daemon.run_until_idle()
    assert len(relayed(sink, "ana@example.org", "Once only")) == 1
    assert [m["direction"] for m in daemon.store.get(code)["reported_messages"]] == ["to", "from"]
