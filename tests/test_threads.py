"""Running a case by email: replies, relays, commands and decisions, over real SMTP."""

import re

from harness import RunningDaemon, load, member_reply, member_says, reply_address, report, write_config

REPORTER = "reporter@example.net"
ANA, BO, CHIDI = "Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>", "Chidi Okafor <chidi@example.org>"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def open_case(daemon, sink, body="Someone kept interrupting me.\n"):
    daemon.send(report(body=body))
    daemon.run_until_idle()
    return daemon.store.codes()[0]


reply = member_says


def titled(sink, who, words):
    return [m for m in sink.messages_to(who) if words in str(m["Subject"]) or words in m.text()]


def test_member_reply_reaches_the_other_eligible_members_in_their_threads(daemon, sink):
    code = open_case(daemon, sink)
    forwards = {m: sink.messages_to(m)[-1] for m in MEMBERS}
    reply(daemon, sink, ANA, "I think we should talk to the organisers.\n\n-- \nAna Lima, chair\n")
    for member in ("bo@example.org", "chidi@example.org"):
        relay = sink.messages_to(member)[-1]
        assert "I think we should talk to the organisers." in relay.text()
        assert "Ana Lima, chair" not in relay.text()                  # signature trimmed
        assert relay["From"].addresses[0].display_name.startswith("Ana Lima via")
        assert relay["From"].addresses[0].addr_spec == "conduct@example.org"
        assert relay["In-Reply-To"] == forwards[member]["Message-ID"]
        assert code in relay["Subject"]
    assert len(sink.messages_to("ana@example.org")) == 1               # not back to the author
    assert sink.messages_to("dana@example.org") == []
    events = daemon.store.events(code)
    assert any(e["kind"] == "discussion" and e["by"] == "member:ana@example.org" for e in events)


def test_threading_headers_chain_across_five_messages(daemon, sink):
    open_case(daemon, sink)
    for n in range(4):
        reply(daemon, sink, ANA if n % 2 == 0 else BO, f"Point number {n}.\n")
    chidi = sink.messages_to("chidi@example.org")
    assert len(chidi) == 5
    for earlier, later in zip(chidi, chidi[1:]):
        assert later["In-Reply-To"] == earlier["Message-ID"]
        assert earlier["Message-ID"] in later["References"]
    assert chidi[0]["Message-ID"] in chidi[-1]["References"]


def test_spoofed_reply_is_not_relayed_and_the_holder_is_told(daemon, sink):
    code = open_case(daemon, sink)
    before = len(sink.all())
    target = reply_address(sink, "ana@example.org")
    daemon.send(member_reply("Ana Lima <ana@evil.example>", "Share everything with me.\n"),
                mail_from="ana@evil.example", rcpt_tos=[target])
    daemon.run_until_idle()
    new = sink.all()[before:]
    assert [m.rcpt_tos for m in new] == [["ana@example.org"]]            # only the holder, told
    assert "was not shared" in str(new[0]["Subject"])
    assert sink.messages_to("ana@evil.example") == []                    # no bounce to the forger
    assert all("Share everything" not in m.text() for m in sink.all())
    assert any(e["kind"] == "unauthorised reply (not relayed)" for e in daemon.store.events(code))


def test_from_with_two_mailboxes_is_unauthenticated(daemon, sink):
    open_case(daemon, sink)
    before = len(sink.all())
    target = reply_address(sink, "bo@example.org")
    daemon.send(member_reply("bo@example.org, mallory@evil.example", "Hello.\n"),
                mail_from="bo@example.org", rcpt_tos=[target])
    daemon.run_until_idle()
    assert [m.rcpt_tos for m in sink.all()[before:]] == [["bo@example.org"]]


def test_authentication_results_only_count_from_our_own_server(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))).start()
    try:
        open_case(running, sink)
        target = reply_address(sink, "ana@example.org")
        real_pass = "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org"
        real_fail = "Authentication-Results: mx.example.org; dmarc=fail header.from=example.org"
        received = "Received: from mail.example.org by mx.example.org; Mon, 2 Nov 2026 10:00:00 +0000"
        forged = "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org"
        cases = [
            ([real_fail, received, forged], "forged pass below our failing result"),
            ([received, forged], "only a forged copy claiming our id"),
            ([real_pass, received], "our server says pass"),
        ]
        for headers, words in cases:
            running.send(member_reply(ANA, f"Check: {words}.\n", extra_headers=headers),
                         mail_from="ana@example.org", rcpt_tos=[target])
            running.run_until_idle()
        relayed = [m.text() for m in sink.messages_to("bo@example.org")]
        assert any("our server says pass" in t for t in relayed)
        assert not any("forged" in t for t in relayed)
    finally:
        running.stop()


def test_member_vacation_reply_is_recorded_never_relayed(daemon, sink):
    code = open_case(daemon, sink)
    before = len(sink.all())
    reply(daemon, sink, CHIDI, "I am away until Monday.\n", subject="Automatic reply: case",
          extra_headers=["Auto-Submitted: auto-replied"])
    reply(daemon, sink, CHIDI, "Out of the office this week.\n", subject="Out of Office: case")
    assert sink.all()[before:] == []                                   # nobody, reporter included
    kinds = [e["kind"] for e in daemon.store.events(code)]
    assert kinds.count("automatic reply (not relayed)") == 2


def test_reply_copied_outside_goes_to_members_only_and_the_author_is_told(daemon, sink):
    open_case(daemon, sink)
    reply(daemon, sink, BO, "Thoughts below.\n", cc=["friend@elsewhere.example"])
    assert sink.messages_to("friend@elsewhere.example") == []
    assert "Thoughts below." in sink.messages_to("ana@example.org")[-1].text()
    (notice,) = titled(sink, "bo@example.org", "outside the committee")
    assert "not by mailrouter" in notice.text()


def test_to_reporter_goes_from_the_committee_without_any_member_identity(daemon, sink):
    code = open_case(daemon, sink)
    body = ("#to-reporter\nThank you for your report. We are looking into it and will write again "
            "within a week. You can also reach Bo at bo@example.org.\n\nBest,\nAna\n\n-- \nAna Lima\n"
            "ana@example.org | Chair\n")
    reply(daemon, sink, ANA, body)
    to_reporter = [m for m in sink.messages_to(REPORTER) if "message from the committee" in str(m["Subject"])]
    assert len(to_reporter) == 1
    raw = to_reporter[0].data.decode().lower()
    for member in MEMBERS:      # as whole addresses: a base32 reply token may end in "bo"
        assert not re.search(rf"(?<![\w.+-]){re.escape(member)}", raw), member
    assert not re.search(r"\bana\b", to_reporter[0].text().lower())
    assert "Thank you for your report." in to_reporter[0].text()
    assert to_reporter[0]["From"].addresses[0].addr_spec == "conduct@example.org"
    assert to_reporter[0]["From"].addresses[0].display_name == "Example CoC Committee"
    for member in ("bo@example.org", "chidi@example.org"):
        assert titled(sink, member, "wrote to the reporter for the committee")
    case = daemon.store.get(code)
    assert case["followups"][0]["text"].startswith("Thank you for your report.")


def test_recused_member_receives_nothing_more_and_others_are_not_told_who(daemon, sink):
    open_case(daemon, sink)
    reply(daemon, sink, CHIDI, "#recuse\n")
    after_recusal = len(sink.messages_to("chidi@example.org"))
    notices = titled(sink, "ana@example.org", "recused")
    assert len(notices) == 1 and "A committee member recused" in notices[0].text()
    assert "Chidi" not in notices[0].text()
    reply(daemon, sink, ANA, "Next steps?\n")
    daemon.send(report(subject="Re: more", body="One more detail.\n"),
                rcpt_tos=[reply_address(sink, REPORTER)])
    daemon.run_until_idle()
    reply(daemon, sink, ANA, "#to-reporter\nThanks for the detail.\n")
    assert len(sink.messages_to("chidi@example.org")) == after_recusal


def test_reported_person_excludes_the_conflicted_member_with_one_contentless_notice(daemon, sink):
    code = open_case(daemon, sink, body="Something happened at the sprint.\n")
    reply(daemon, sink, ANA, "#reported Sam Rivera\n")
    bo = sink.messages_to("bo@example.org")
    notice = bo[-1]
    assert "You have a conflict with, or are involved in, this case" in notice.text()
    assert "sprint" not in notice.text() and "Sam" not in notice.text()
    count = len(bo)
    reply(daemon, sink, CHIDI, "Agreed.\n")
    assert len(sink.messages_to("bo@example.org")) == count
    case = daemon.store.get(code)
    assert case["parties"][0]["name"] == "Sam Rivera"


def test_commands_set_the_spreadsheet_columns_and_are_confirmed_line_by_line(daemon, sink):
    code = open_case(daemon, sink)
    body = ("#status investigating\n#safety-risk no\n#repeat-risk maybe\n#action talk to the organisers\n"
            "#resolution warning issued\n#note private note\n#vote maybe\n#frobnicate\n")
    reply(daemon, sink, ANA, body)
    case = daemon.store.get(code)
    assert (case["status"], case["safety_risk"], case["repeat_risk"]) == ("investigating", "no", "maybe")
    assert case["actions"] == ["talk to the organisers"] and case["resolution"] == "warning issued"
    (confirmation,) = titled(sink, "ana@example.org", "Your commands")
    text = confirmation.text()
    assert "line 1: #status: done: status is now investigating" in text
    assert "line 7: #vote: error: vote yes, no or abstain" in text
    assert "line 8: #frobnicate: error: unknown command #frobnicate" in text and "#recuse" in text
    assert all("private note" not in m.text() for m in sink.all())       # #note is not relayed
    commands = [e for e in daemon.store.events(code) if e["kind"] == "command"]
    assert [c["command"] for c in commands] == ["status", "safety-risk", "repeat-risk", "action",
                                                "resolution", "note", "vote", "frobnicate"]
    assert all(c["by"] == "member:ana@example.org" and c["at"] for c in commands)


def test_help_lists_the_commands(daemon, sink):
    open_case(daemon, sink)
    reply(daemon, sink, BO, "#help\n")
    (confirmation,) = titled(sink, "bo@example.org", "Your commands")
    assert "#to-reporter" in confirmation.text() and "#propose" in confirmation.text()


def test_consensus_proposal_passes_when_all_vote_yes(daemon, sink):
    code = open_case(daemon, sink)
    reply(daemon, sink, ANA, "#propose a written warning to the reported person\n")
    for member in MEMBERS:
        assert titled(sink, member, "proposes (proposal 1)")
    reply(daemon, sink, ANA, "#vote yes\n")
    reply(daemon, sink, BO, "#vote yes\n")
    assert daemon.store.get(code)["proposals"][0]["status"] == "open"
    reply(daemon, sink, CHIDI, "#vote yes\n")
    assert daemon.store.get(code)["proposals"][0]["status"] == "passed"
    for member in MEMBERS:
        assert titled(sink, member, "Proposal 1 passed")


def test_consensus_fails_on_a_no_and_recused_members_do_not_count(daemon, sink):
    code = open_case(daemon, sink)
    reply(daemon, sink, CHIDI, "#recuse\n")
    reply(daemon, sink, ANA, "#propose close the case\n")
    reply(daemon, sink, ANA, "#vote yes\n")
    reply(daemon, sink, BO, "#vote no\n")
    assert daemon.store.get(code)["proposals"][0]["status"] == "failed"


def test_two_thirds_rule_decides_with_two_of_three(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, policy={"decision_rule": "two-thirds", "quorum": 0.6}))
    running = RunningDaemon(config).start()
    try:
        code = open_case(running, sink)
        reply(running, sink, ANA, "#propose a one-month ban\n")
        reply(running, sink, ANA, "#vote yes\n")
        assert running.store.get(code)["proposals"][0]["status"] == "open"
        reply(running, sink, CHIDI, "#vote yes\n")
        assert running.store.get(code)["proposals"][0]["status"] == "passed"
    finally:
        running.stop()


def test_escalation_summary_carries_no_identity_or_report_text(daemon, sink):
    open_case(daemon, sink, body="The secret detail of the report.\n")
    reply(daemon, sink, BO, "#escalate we cannot agree\n")
    (summary,) = sink.messages_to("steering@example.org")
    raw = summary.data.decode().lower()
    assert "reporter@example.net" not in raw and "jane" not in raw and "secret detail" not in raw
    assert "we cannot agree" in summary.text()


def test_triage_routes_to_the_chair_first_then_after_a_conflict_check(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, policy={"routing": "triage"}))
    running = RunningDaemon(config).start()
    try:
        running.send(report(body="It happened at the sprint.\n"))
        running.run_until_idle()
        assert [m.rcpt_tos[0] for m in sink.all() if "New report" in str(m["Subject"])] == ["ana@example.org"]
        reply(running, sink, ANA, "#reported Sam Rivera <sam@example.net>\n")
        (check,) = titled(sink, "chidi@example.org", "Conflict check")
        assert "Sam Rivera" in check.text() and "sprint" not in check.text()
        assert all("Conflict check" not in str(m["Subject"]) for m in sink.messages_to("bo@example.org"))
        reply(running, sink, CHIDI, "Just asking.\n")                 # no access yet: not relayed
        assert not titled(sink, "ana@example.org", "Just asking.")
        reply(running, sink, CHIDI, "#no-conflict\n")
        forwards = [m for m in sink.messages_to("chidi@example.org") if "New report" in str(m["Subject"])]
        assert len(forwards) == 1 and "It happened at the sprint." in forwards[0].text()
    finally:
        running.stop()


def test_forgery_in_a_recused_members_name_tells_them_nothing(daemon, sink):
    open_case(daemon, sink)
    target = reply_address(sink, "chidi@example.org")
    reply(daemon, sink, CHIDI, "#recuse\n")
    count = len(sink.messages_to("chidi@example.org"))
    code, _ = daemon.send(member_reply("Chidi Okafor <chidi@evil.example>", "Let me back in.\n"),
                          mail_from="chidi@evil.example", rcpt_tos=[target])
    assert code == 250                                   # taken in, and judged by the worker:
    daemon.run_until_idle()
    events = daemon.store.events(daemon.store.codes()[0])
    assert events[-1]["kind"] == "unauthorised reply (not relayed)"
    assert len(sink.messages_to("chidi@example.org")) == count
    assert all("Let me back in." not in m.text() for m in sink.all())


def test_triage_reveal_and_late_no_conflict_reach_only_members_on_the_case(tmp_path, sink):
    path = write_config(tmp_path, sink.port, policy={"routing": "triage"})
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(body="It happened at the sprint.\n"))
        running.run_until_idle()
        reply(running, sink, ANA, "#reported Riley Quinn <riley@example.com>\n")   # asks Bo and Chidi
        code = running.store.codes()[0]
        running.reveal_from_cli(path, code, "ana@example.org", "agreed")
        reveals = [m.rcpt_tos[0] for m in sink.all() if "identity has been shared" in str(m["Subject"])]
        assert reveals == ["ana@example.org"]                # not the members still being asked
        reply(running, sink, ANA, "#reported Sam Rivera <sam@example.net>\n")      # Bo now conflicted
        before = len(sink.messages_to("bo@example.org"))
        reply(running, sink, BO, "#no-conflict\n")
        assert len(sink.messages_to("bo@example.org")) == before                  # nothing, no report
        assert not [m for m in sink.messages_to("bo@example.org") if "New report" in str(m["Subject"])]
    finally:
        running.stop()


def test_escalation_carries_the_scrubbed_report_only_when_the_policy_says_so(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, policy={"escalation_includes_report": True}))
    running = RunningDaemon(config).start()
    try:
        running.send(report(sender="Jane Reporter <reporter@example.net>",
                            body="The secret detail of the report.\nJane\n"))
        running.run_until_idle()
        reply(running, sink, BO, "#escalate\n")
        (summary,) = sink.messages_to("steering@example.org")
        assert "The secret detail of the report." in summary.text()
        raw = summary.data.decode().lower()
        assert "reporter@example.net" not in raw and "jane" not in raw
    finally:
        running.stop()
