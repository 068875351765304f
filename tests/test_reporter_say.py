"""The reporter's say and the council's report (issue 14; NumPy, Jupyter), over real SMTP.

"Once a resolution is agreed upon, but before it is enacted, the committee will contact the
original reporter ... and must note feedback for the record." "Finally, the committee will
make a report to the Steering Council (as well as the core team in the event of an ongoing
resolution, such as a ban)."
"""

import json
import re
from email.header import decode_header, make_header

from harness import START, RunningDaemon, dump, load, member_says, reply_address, report, write_config
from mailrouter.clock import FixedClock

REPORTER = "reporter@example.net"
ANA, BO, CHIDI = "Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>", "Chidi Okafor <chidi@example.org>"
ON_CASE = ["ana@example.org", "chidi@example.org"]          # Bo is conflicted with Sam Rivera
REPORT_TEXT = "Sam Rivera kept interrupting me at the sprint, every single day."
MEMBERS_YAML = {
    "members": [{"name": "Ana Lima", "email": "ana@example.org", "roles": ["chair"]},
                {"name": "Bo Chen", "email": "bo@example.org"},
                {"name": "Chidi Okafor", "email": "chidi@example.org"}],
    "escalation": [{"name": "Steering Council", "email": "steering@example.org"}],
    "core_team": [{"name": "Core Team", "email": "core@example.org"}],
}


def start(tmp_path, sink, policy="numpy", conflicts=None):
    path = write_config(tmp_path, sink.port, policy=policy, conflicts=conflicts)
    dump(MEMBERS_YAML, path.parent / "members.yaml")
    clock = FixedClock(START)
    return RunningDaemon(load(path), clock=clock).start(), clock


def file_report(running, sender="Jane Reporter <reporter@example.net>", body=REPORT_TEXT):
    address = sender.split("<")[1].rstrip(">")
    before = set(running.store.codes())
    running.send(report(sender=sender, body=body + "\n"), mail_from=address)
    running.run_until_idle()
    (code,) = set(running.store.codes()) - before
    return code


def pass_a_proposal(running, sink, text="A written warning to the person reported."):
    member_says(running, sink, ANA, f"#propose {text}\n")
    member_says(running, sink, ANA, "#vote yes\n")
    member_says(running, sink, CHIDI, "#vote yes\n")


def mail_sent(tmp_path, kind):
    """Whom the audit log says mail of `kind` went to (roles, never addresses)."""
    lines = (tmp_path / "state" / "audit" / "audit.log").read_bytes().splitlines()
    return [r["to"] for r in map(json.loads, lines) if r["event"] == "mail-sent" and r["kind"] == kind]


def answer_to(sink, address):
    """The text of the last mail `address` received (a command's confirmation)."""
    return sink.messages_to(address)[-1].text()


def reporter_says(running, sink, body):
    running.send(report(sender=f"Jane Reporter <{REPORTER}>", subject="Re: the proposed resolution",
                        body=body), mail_from=REPORTER, rcpt_tos=[reply_address(sink, REPORTER)])
    running.run_until_idle()


def test_enact_is_refused_until_the_reporter_is_consulted_whose_answer_is_noted_and_relayed(tmp_path, sink):
    running, _ = start(tmp_path, sink)
    try:
        code = file_report(running)
        member_says(running, sink, ANA, "#enact\n")
        assert "no proposal has passed yet" in answer_to(sink, "ana@example.org")
        pass_a_proposal(running, sink)
        member_says(running, sink, ANA, "#enact\n")
        refusal = answer_to(sink, "ana@example.org")
        assert "not enacted: the policy asks the committee to consult the reporter" in refusal
        assert "#consult" in refusal and "enacted" not in running.store.get(code)

        member_says(running, sink, ANA, "#consult\nWe propose a written warning. Best, Ana Lima\n")
        (asked,) = [m for m in sink.messages_to(REPORTER) if "The proposed resolution" in str(m["Subject"])]
        assert "We propose a written warning." in asked.text() and "acceptable to you" in asked.text()
        # As an address, not inside a random Message-ID that happens to end in "…ana".
        assert "Ana" not in asked.text() and not re.search(rb"(?<![\w.+-])ana@example\.org", asked.data.lower())
        assert mail_sent(tmp_path, "consult") == ["reporter"]
        before = {member: len(sink.messages_to(member)) for member in ("ana@example.org", "bo@example.org",
                                                                       "chidi@example.org")}
        reporter_says(running, sink, "Yes, that is acceptable to me.\n")
        consultation = running.store.get(code)["consultation"]
        assert [f["text"] for f in consultation["feedback"]] == ["Yes, that is acceptable to me."]
        assert consultation["proposal"] == 1 and consultation["sent_at"]
        assert [e for e in running.store.events(code) if e["kind"] == "reporter feedback noted for the record"]
        for member in ON_CASE:                                  # relayed as every addition is ...
            (relayed,) = sink.messages_to(member)[before[member]:]
            assert "Yes, that is acceptable to me." in relayed.text()
        assert len(sink.messages_to("bo@example.org")) == before["bo@example.org"]   # ... to the eligible only

        member_says(running, sink, CHIDI, "#enact\n")
        assert "proposal 1 recorded as enacted" in answer_to(sink, "chidi@example.org")
        enacted = running.store.get(code)["enacted"]
        assert enacted["proposal"] == 1 and enacted["by"] == "chidi@example.org"
        reporter_says(running, sink, "One more thing, later.\n")          # enacted: no longer feedback
        assert len(running.store.get(code)["consultation"]["feedback"]) == 1
        member_says(running, sink, ANA, "#export md\n")                    # all of it in the record
        (document,) = [m for m in sink.messages_to("ana@example.org") if "Report document" in str(m["Subject"])]
        follow_up = next(document.msg.iter_attachments()).get_content().split("## Follow-up with the reporter")[1]
        assert "(feedback, noted for the record) Yes, that is acceptable to me." in follow_up
        assert "We propose a written warning." in follow_up and "proposal 1 enacted" in follow_up
    finally:
        running.stop()


def test_an_anonymous_report_skips_the_consultation_and_the_log_says_so(tmp_path, sink):
    running, _ = start(tmp_path, sink)
    try:
        code = file_report(running)
        running.store.update(code, {"anonymous": True})     # as `Anonymous: yes` records it
        pass_a_proposal(running, sink)
        member_says(running, sink, ANA, "#consult\nWe propose a written warning.\n")
        assert "the report is anonymous: there is nobody to consult" in answer_to(sink, "ana@example.org")
        assert not [m for m in sink.messages_to(REPORTER) if "proposed resolution" in str(m["Subject"])]
        member_says(running, sink, ANA, "#enact\n")
        assert "consultation skipped: anonymous report" in answer_to(sink, "ana@example.org")
        assert running.store.get(code)["enacted"]["consultation_skipped"] == "anonymous report"
        assert [e for e in running.store.events(code) if e["kind"] == "consultation skipped: anonymous report"]
    finally:
        running.stop()


STAGE_POLICY = {"preset": "numpy", "followup": "2d", "followup_nudge": None, "resolution_target": "3d",
                "resolution_nudge": None}


def test_the_status_mail_says_the_stage_the_case_is_in_and_nothing_internal(tmp_path, sink):
    running, clock = start(tmp_path, sink, policy=STAGE_POLICY)
    try:
        senders = {stage: f"Reporter {n} <r{n}@example.net>" for n, stage in enumerate(
            ("received", "under review", "proposed", "consultation", "enacted"))}
        file_report(running, senders["received"], "The first thing happened at the sprint.")
        file_report(running, senders["under review"], "A second thing happened in the chat.")
        member_says(running, sink, ANA, "#status investigating\n")
        for stage in ("proposed", "consultation", "enacted"):
            file_report(running, senders[stage], f"Sam Rivera did something else, the {stage} one.")
            pass_a_proposal(running, sink, text="A written warning, voted by Chidi.")
            if stage != "proposed":
                member_says(running, sink, ANA, "#consult\nWe propose a written warning.\n")
            if stage == "enacted":
                member_says(running, sink, ANA, "#enact\n")
        clock.advance(days=3, minutes=1)
        running.tick()

        def status_mail(stage):
            address = senders[stage].split("<")[1].rstrip(">")
            return [(str(m["Subject"]).split("] ")[1], " ".join(m.text().split())) for m in sink.messages_to(address)
                    if "Your report" in str(m["Subject"]) or "An update" in str(m["Subject"])
                    or "A resolution" in str(m["Subject"])]
        (received,) = [t for s, t in status_mail("received") if s == "Your report is being reviewed"]
        assert "has been received" in received and "waiting to be reviewed" in received
        (reviewed,) = [t for s, t in status_mail("under review") if s == "Your report is being reviewed"]
        assert "is being reviewed by the" in reviewed and "has been received" not in reviewed
        (proposed,) = [t for s, t in status_mail("proposed") if s == "A resolution has been proposed"]
        assert "agreed on a proposed resolution" in proposed and "before it acts" in proposed
        (consulting,) = [t for s, t in status_mail("consultation") if s == "An update on your report"]
        assert "would like to know whether it is acceptable to you" in consulting
        (enacted,) = [t for s, t in status_mail("enacted") if s == "An update on your report"]
        assert "agreed on a resolution and will tell you the outcome" in enacted
        for text in (received, reviewed, proposed, consulting, enacted):
            assert not any(word in text for word in ("Ana", "Chidi", "vote", "written warning", "proposal"))
    finally:
        running.stop()


def headers_and_bodies(mail):
    headers = "\n".join(f"{name}: {make_header(decode_header(str(value)))}" for name, value in mail.msg.items())
    return headers, mail.text(), mail.data


def assert_nothing_of_the_reporter(mail):
    headers, text, raw = headers_and_bodies(mail)
    for said in (headers, text, raw.decode("utf-8", "replace")):
        for secret in ("reporter@example.net", "Jane", "Reporter <", "interrupting me", "every single day"):
            assert secret.lower() not in said.lower(), (secret, said)


def enacted_case(running, sink, sender="Jane Reporter <reporter@example.net>", body=REPORT_TEXT):
    code = file_report(running, sender, body)
    pass_a_proposal(running, sink, text="A written warning; Jane Reporter asked for no contact.")
    member_says(running, sink, ANA, "#consult\nWe propose a written warning.\n")
    member_says(running, sink, ANA, "#enact\n")
    return code


def test_closing_an_enacted_case_reports_to_the_council_and_to_the_core_team_only_with_a_ban(tmp_path, sink):
    running, _ = start(tmp_path, sink)
    try:
        code = enacted_case(running, sink)
        running.store.update(code, {"sanctions": [       # as #sanction records them: both over
            {"kind": "ban", "text": "from the chat", "until": "2026-11-01", "by": "ana@example.org",
             "at": "2026-10-01T09:00:00+00:00", "ended": None},
            {"kind": "hiatus", "text": "a month", "until": None, "by": "ana@example.org",
             "at": "2026-10-01T09:00:00+00:00", "ended": "2026-10-20T09:00:00+00:00"}]})
        member_says(running, sink, ANA, "#status closed\n")
        member_says(running, sink, ANA, "#status closed\n")                     # again: nothing more
        (council,) = sink.messages_to("steering@example.org")
        assert str(council["Subject"]) == f"[{code}] Resolution report" and council.rcpt_tos == ["steering@example.org"]
        assert "A written warning; [reporter] asked for no contact." in council.text()
        assert "explained to the reporter before it was enacted (0 answers noted" in council.text()
        assert_nothing_of_the_reporter(council)
        assert sink.messages_to("core@example.org") == []
        assert running.store.get(code)["council_report"]["contacts"] == 1
        assert len([e for e in running.store.events(code) if e["kind"] == "council report sent"]) == 1

        banned = enacted_case(running, sink, "Ravi Kumar <ravi@example.net>", "Sam Rivera insulted me in the chat.")
        running.store.update(banned, {"sanctions": [
            {"kind": "ban", "text": "from all spaces", "until": None, "by": "ana@example.org",
             "at": "2026-11-02T09:00:00+00:00", "ended": None}]})
        member_says(running, sink, ANA, "#status closed\n")
        (core,) = sink.messages_to("core@example.org")
        assert f"[{banned}]" in str(core["Subject"]) and "ban: from all spaces" in core.text()
        assert "insulted me" not in core.data.decode() and "ravi" not in core.data.decode().lower()
        assert len(sink.messages_to("steering@example.org")) == 2
        assert sorted(mail_sent(tmp_path, "council-report")) == ["core team", "escalation", "escalation"]
    finally:
        running.stop()


def test_the_council_report_carries_the_report_text_only_when_the_policy_says_so(tmp_path, sink):
    running, _ = start(tmp_path, sink, policy={"preset": "jupyter", "council_report_includes_text": True})
    try:
        enacted_case(running, sink)
        member_says(running, sink, ANA, "#status resolved\n")
        (council,) = sink.messages_to("steering@example.org")
        assert "every single day" in council.text()                   # the scrubbed copy
        assert "reporter@example.net" not in council.data.decode().lower() and "Jane" not in council.text()
    finally:
        running.stop()


SAM = {"name": "Sam Rivera", "emails": ["sam@example.net"], "aliases": ["samr"]}


def test_a_council_contact_with_a_conflict_is_not_sent_the_report(tmp_path, sink):
    running, _ = start(tmp_path, sink, conflicts={"bo@example.org": [SAM], "steering@example.org": [SAM]})
    try:
        code = enacted_case(running, sink)                      # the report names Sam Rivera
        running.store.update(code, {"sanctions": [{"kind": "ban", "text": "from the chat", "until": None,
                                                   "by": "ana@example.org", "at": "2026-11-02T09:00:00+00:00",
                                                   "ended": None}]})
        member_says(running, sink, ANA, "#status closed\n")
        assert sink.messages_to("steering@example.org") == []
        assert len(sink.messages_to("core@example.org")) == 1
        (event,) = [e for e in running.store.events(code) if e["kind"] == "council report sent"]
        assert event["contacts"] == 1 and event["withheld"] == 1
    finally:
        running.stop()


def test_once_the_reporter_is_revealed_the_council_gets_no_text_of_the_case(tmp_path, sink):
    running, _ = start(tmp_path, sink, policy={"preset": "numpy", "council_report_includes_text": True})
    try:
        code = enacted_case(running, sink)          # its proposal names Jane Reporter
        running.reveal_from_cli(tmp_path / "mailrouter.yaml", code, "ana@example.org", "the reporter asked us to")
        member_says(running, sink, ANA, "#status closed\n")
        (council,) = sink.messages_to("steering@example.org")
        assert_nothing_of_the_reporter(council)
        assert "(withheld: the reporter's identity is known to the committee" in council.text()
        assert "written warning" not in council.text()
    finally:
        running.stop()
