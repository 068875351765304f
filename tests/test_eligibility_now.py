"""Who receives a case's mail is decided again for every mail (issue 11 keeps recent
decisions): a conflict that a reload adds, or a recusal, between two mails of the same case
changes who receives the second."""

from harness import RunningDaemon, Sink, dump, load, member_reply, member_says, reply_address, report, write_config
from mailrouter.cases.eligibility import _DECISIONS

REPORTER = "reporter@example.net"


def addition(daemon, sink, words):
    daemon.send(report(subject="Re: more", body=f"One more detail: {words}.\n"),
                rcpt_tos=[reply_address(sink, REPORTER)])
    daemon.run_until_idle()


def saw(sink, address, words):
    return any(words in m.text() for m in sink.messages_to(address))


def test_a_conflict_added_by_reload_then_a_recusal_change_who_receives_the_next_mail(tmp_path):
    sink = Sink().start()
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(body="It happened near the pear orchard.\n"))
        running.run_until_idle()
        assert all(saw(sink, m, "pear orchard") for m in ("ana@example.org", "bo@example.org", "chidi@example.org"))
        addition(running, sink, "the plum tree")
        assert saw(sink, "chidi@example.org", "plum tree") and _DECISIONS      # decided, and kept
        dump({"conflicts": {"chidi@example.org": [{"name": "Jane Reporter", "emails": [REPORTER]}]}},
             tmp_path / "conflicts.yaml")
        assert running._call(running.daemon.reloader.reload("test")) is True
        addition(running, sink, "the apple crate")
        assert saw(sink, "ana@example.org", "apple crate") and saw(sink, "bo@example.org", "apple crate")
        assert not saw(sink, "chidi@example.org", "apple crate")
        member_says(running, sink, "Bo Chen <bo@example.org>", "#recuse\n")
        addition(running, sink, "the cherry bench")
        assert saw(sink, "ana@example.org", "cherry bench")
        assert not saw(sink, "bo@example.org", "cherry bench") and not saw(sink, "chidi@example.org", "cherry bench")
    finally:
        running.stop()
        sink.stop()


def test_a_member_who_also_moderates_and_recused_gets_no_second_recommendation(tmp_path):
    """A member's recusal also keeps them out where they moderate: moderators are screened by
    `decide` alone, the recusal one of its inputs (members are filtered by access as well, so
    for them a recusal holds even if a decision were reused)."""
    running, sink, code = chidi_moderates_github(tmp_path)
    try:
        recommend = "#to-moderators github\n\nWe recommend a warning about the {} thread.\n"
        member_says(running, sink, "Ana Lima <ana@example.org>", recommend.format("first"), subject=f"Re: [{code}]")
        assert saw(sink, "chidi@example.org", "about the first thread") and _DECISIONS
        chidi_recuses_as_a_member(running, sink)
        assert running.store.get(code)["access"]["chidi@example.org"] == "recused"
        running.advance(minutes=1)        # a recommendation is known by its minute
        member_says(running, sink, "Ana Lima <ana@example.org>", recommend.format("second"), subject=f"Re: [{code}]")
        assert saw(sink, "gita@example.org", "about the second thread")
        assert not saw(sink, "chidi@example.org", "about the second thread")
    finally:
        running.stop()
        sink.stop()


def test_a_recommendation_waiting_in_the_queue_is_withdrawn_when_its_moderator_recuses(tmp_path):
    """The relay defers the recommendation to Chidi (a member who moderates); he recuses as a
    member meanwhile; when the relay takes mail again, it does not reach him."""
    running, sink, code = chidi_moderates_github(tmp_path)
    try:
        sink.answers["chidi@example.org"] = ["451 4.3.0 try later"] * 2     # the recommendation, the copy
        member_says(running, sink, "Ana Lima <ana@example.org>",
                    "#to-moderators github\n\nWe recommend a warning about the thread.\n", subject=f"Re: [{code}]")
        assert saw(sink, "gita@example.org", "warning about the thread")
        assert not saw(sink, "chidi@example.org", "warning about the thread")       # waiting in the queue
        chidi_recuses_as_a_member(running, sink)
        running.advance(hours=2)                    # past the retry: the relay takes mail again
        running.run_until_idle()
        assert not saw(sink, "chidi@example.org", "warning about the thread")
        assert any(e.get("kind") == "mail withdrawn" or "withdrawn" in str(e) for e in running.store.events(code))
    finally:
        running.stop()
        sink.stop()


def chidi_moderates_github(tmp_path):
    """A running daemon with one case; Chidi is a member and a moderator of github."""
    from harness import MEMBERS
    sink = Sink().start()
    path = write_config(tmp_path, sink.port)
    dump({"members": MEMBERS, "moderators": {"github": [{"name": "Chidi Okafor", "email": "chidi@example.org"},
                                                        {"name": "Gita Rao", "email": "gita@example.org"}]}},
         tmp_path / "members.yaml")
    running = RunningDaemon(load(path)).start()
    running.send(report(body="Someone was rude in the issue tracker.\n"))
    running.run_until_idle()
    (code,) = running.store.codes()
    return running, sink, code


def chidi_recuses_as_a_member(running, sink):
    """In his thread as a member (his latest mail may be the moderators' thread)."""
    as_member = sink.messages_to("chidi@example.org")[0]["Reply-To"].addresses[0].addr_spec
    running.send(member_reply("Chidi Okafor <chidi@example.org>", "#recuse\n"),
                 mail_from="chidi@example.org", rcpt_tos=[as_member])
    running.run_until_idle()
