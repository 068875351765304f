"""Issue 14's parts together, over real SMTP against the running daemon: what the separate
parts (the reported person, moderators, the reporter's say, sanctions, severe, anonymous
and delegated reports) could not test alone. Each test names a path by which one party's
identity or mail could reach another, or a mail that could crash the worker.
"""

from datetime import datetime, timezone

from harness import MEMBERS as MEMBERS_YAML, RunningDaemon, dump, load, member_reply, member_says, report, write_config
from mailrouter.clock import FixedClock

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
        for where in (sent.text(), sent.data.decode("utf-8", "replace")):
            assert secret.lower() not in where.lower(), secret


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
    # nor their answer to the notice of a forgery at their reply address
    own = ours["Reply-To"].addresses[0].addr_spec
    daemon.send(member_reply("Mallory <mallory@example.com>", "It was not me.\n"), mail_from="mallory@example.com",
                rcpt_tos=[own])
    daemon.run_until_idle()
    (notice,) = [m for m in sink.messages_to(SAM) if code in str(m["Subject"]) and "not shared" in str(m["Subject"])]
    daemon.send(member_reply(f"Sam Rivera <{SAM}>", "That was not me either.\n", subject=f"Re: {notice['Subject']}"),
                mail_from=SAM)
    daemon.run_until_idle()
    assert len(sink.messages_to(REPORTER)) == after, sink.messages_to(REPORTER)[-1].text()


SAM_PERSON = [{"name": "Sam Rivera", "emails": [SAM], "aliases": ["samr"]}]
GALE = "gale@example.org"


def outsiders_conflicted_with_sam(tmp_path, sink):
    """Numpy's policy (the council's report) with Gale, Slack's moderator, and the Steering
    Council both conflicted with Sam Rivera, as Bo is."""
    path = write_config(tmp_path, sink.port, policy="numpy")
    dump({"members": MEMBERS_YAML, "escalation": [{"name": "Steering Council", "email": "steering@example.org"}],
          "moderators": {"slack": [{"name": "Mo Ibrahim", "email": "mo@example.org"},
                                   {"name": "Gale Harper", "email": GALE}]}}, path.parent / "members.yaml")
    dump({"conflicts": {"bo@example.org": SAM_PERSON, GALE: SAM_PERSON,
                        "steering@example.org": SAM_PERSON}}, path.parent / "conflicts.yaml")
    return RunningDaemon(load(path)).start()


def test_outsiders_conflicted_with_an_anonymous_reporter_get_nothing_once_the_identity_is_gone(tmp_path, sink):
    running = outsiders_conflicted_with_sam(tmp_path, sink)
    try:
        running.send(report(body="It happened again at the sprint, every single day.\n\nAnonymous: yes\n",
                            sender=f"Sam Rivera <{SAM}>"), mail_from=SAM)
        running.run_until_idle()
        (code,) = running.store.codes()
        assert not running.daemon.ctx.reporters.known(code)
        member_says(running, sink, ANA, "#to-moderators slack\nA written warning in #general, please.\n")
        member_says(running, sink, ANA, "#propose A written warning.\n")
        member_says(running, sink, ANA, "#vote yes\n")
        member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#vote yes\n")
        member_says(running, sink, ANA, "#enact\n")
        member_says(running, sink, ANA, "#status closed\n")
    finally:
        running.stop()
    assert any("written warning" in m.text() for m in sink.messages_to("mo@example.org"))
    assert sink.messages_to(GALE) == []
    assert running.store.get(code).get("council_report") is not None
    assert sink.messages_to("steering@example.org") == []


def test_an_anonymous_case_goes_through_severe_consult_enact_and_status_without_a_word_to_anyone_else(
        tmp_path, sink):
    """Numpy: #severe's notice to the reporter, #consult, #enact, #status and #sanction each
    meet a reporter who was forgotten: refused or skipped, the member told, nothing held."""
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy="numpy"))).start()
    anonymous = "anon@example.net"
    try:
        running.send(report(body=f"Reported person: Sam Rivera <{SAM}>\n\nSam shouted at me.\n\nAnonymous: yes\n",
                            sender=f"Jane Reporter <{anonymous}>"), mail_from=anonymous)
        running.run_until_idle()
        (code,) = running.store.codes()
        sink.wait_for(1 + 2)
        before = len(sink.messages_to(anonymous))
        said = {}
        for command in ("#severe removed from every channel", "#propose A ban.", "#vote yes", "#consult\nIs it ok?",
                        "#enact", "#sanction ban from every channel", "#status closed"):
            who = "Chidi Okafor <chidi@example.org>" if command == "#vote yes" else ANA
            member_says(running, sink, who, command + "\n")
            if command == "#vote yes":
                member_says(running, sink, ANA, "#vote yes\n")
            said[command] = sink.messages_to("ana@example.org")[-1].text()
        held = list((tmp_path / "state" / "held").glob("*"))
    finally:
        running.stop()
    assert "marked as a clear and severe breach" in said["#severe removed from every channel"]
    assert "nobody to consult" in said["#consult\nIs it ok?"]
    assert "consultation skipped: anonymous report" in said["#enact"]
    assert "sanction 1 recorded" in said["#sanction ban from every channel"]
    assert len(sink.messages_to(anonymous)) == before and held == []


def test_a_sanction_review_after_its_case_was_purged_still_reaches_the_members_on_it(tmp_path, sink):
    """Sanctions outlive their case's purge (deadlines/retention.py keeps them), and so must
    the reminders to review them: to the members the case had, never to Bo (conflicted)."""
    path = write_config(tmp_path, sink.port, policy={"preset": "numpy", "retention": {"warning": "30d"}})
    clock = FixedClock(datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    running = RunningDaemon(load(path), clock=clock).start()
    try:
        running.send(report(body=BODY), mail_from=REPORTER)
        running.run_until_idle()
        (code,) = running.store.codes()
        member_says(running, sink, ANA, "#sanction hiatus from the sprints until 2027-01-01\n")
        member_says(running, sink, ANA, "#status closed\n#outcome warning\n")
        clock.advance(days=31)
        running.tick()
        assert running.store.get(code)["purged"]
        clock.advance(days=30)                  # 2027-01-02: past the week before and the day itself
        running.tick()
    finally:
        running.stop()
    for member in ("ana@example.org", "chidi@example.org"):
        assert any("Sanction 1 on this case" in m.text() for m in sink.messages_to(member)), member
    assert not any("Sanction 1" in m.text() for m in sink.messages_to("bo@example.org"))


def test_the_reporters_answer_to_a_consultation_sent_to_the_alias_without_threading_is_their_feedback(
        tmp_path, sink):
    """Some clients drop In-Reply-To; then our subject is how an answer finds its case (R4).
    #consult's subject must be one of ours to the reporter, or their answer opens a new case."""
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy="numpy"))).start()
    try:
        running.send(report(body=BODY, sender=f"{REPORTER_NAME} <{REPORTER}>"), mail_from=REPORTER)
        running.run_until_idle()
        (code,) = running.store.codes()
        member_says(running, sink, ANA, "#propose A written warning.\n")
        member_says(running, sink, ANA, "#vote yes\n")
        member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#vote yes\n")
        member_says(running, sink, ANA, "#consult\nWe propose a written warning. Is that acceptable to you?\n")
        (asked,) = [m for m in sink.messages_to(REPORTER) if "acceptable" in str(m["Subject"])]
        running.send(report(subject=f"Re: {asked['Subject']}", body="Yes, that is fine with me.\n",
                            sender=f"{REPORTER_NAME} <{REPORTER}>"), mail_from=REPORTER)
        running.run_until_idle()
        codes, case = running.store.codes(), running.store.get(code)
    finally:
        running.stop()
    assert codes == [code]
    assert [f["text"] for f in case["consultation"]["feedback"]] == ["Yes, that is fine with me."]
