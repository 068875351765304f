"""The clocks of the five communities, played through real SMTP by moving the clock.

For each preset one case runs for sixteen days in hourly ticks, with a restart on day 4:
every deadline mail must arrive at its hour, to the members on the case (never to the
excluded or recused ones), exactly once.
"""

import subprocess
import sys
from datetime import timedelta

import pytest

from harness import START, RunningDaemon, load, member_says, report, write_config
from mailrouter.clock import FixedClock

REPORTER = "reporter@example.net"
ON_CASE = ["ana@example.org", "chidi@example.org"]          # after Bo's conflict and Eli's recusal
MEMBERS = [
    {"name": "Ana Lima", "email": "ana@example.org", "roles": ["chair"]},
    {"name": "Bo Chen", "email": "bo@example.org"},
    {"name": "Chidi Okafor", "email": "chidi@example.org"},
    {"name": "Dana Weiss", "email": "dana@example.org", "active": False},
    {"name": "Eli Park", "email": "eli@example.org"},
]
LABELS = [
    ("Your report is being reviewed", "status"), ("An update on your report", "update"),
    ("Escalated to you", "escalation"), ("Your open Code of Conduct cases", "digest"),
    ("Nobody has written to the reporter yet", "followup-nudge"),
    ("The follow-up deadline passed", "followup-told"),
    ("The resolution target for this case is", "resolution-nudge"),
    ("The resolution target has passed", "resolution-passed"),
    ("is deadlocked", "deadlock"), ("has not been confirmed", "acted"),
]
PROPOSED, ACTED = 25, 49                                     # hours after the report


def members_at(hour, *labels):
    return [(hour, member, label) for member in ON_CASE for label in labels]


EXPECTED = {
    "jupyter": members_at(144, "resolution-nudge") + members_at(168, "resolution-passed")
    + [(168, REPORTER, "update")] + members_at(PROPOSED + 168, "deadlock")
    + [(PROPOSED + 168, "steering@example.org", "escalation")] + members_at(ACTED + 24, "acted"),
    "numpy": members_at(312, "resolution-nudge") + members_at(336, "resolution-passed")
    + [(336, REPORTER, "update")] + members_at(PROPOSED + 168, "deadlock")
    + [(PROPOSED + 168, "steering@example.org", "escalation")] + members_at(ACTED + 168, "acted"),
    "pydistrict": members_at(144, "followup-nudge") + members_at(168, "followup-told")
    + [(168, REPORTER, "status")] + members_at(PROPOSED + 336, "deadlock")
    + [(PROPOSED + 336, "steering@example.org", "escalation")] + members_at(ACTED + 24, "acted"),
    "pytorch": members_at(144, "followup-nudge") + members_at(168, "followup-told")
    + [(168, REPORTER, "status")] + members_at(312, "resolution-nudge")
    + members_at(336, "resolution-passed") + [(336, REPORTER, "update")]
    + members_at(PROPOSED + 336, "deadlock")
    + [(PROPOSED + 336, "steering@example.org", "escalation")] + members_at(ACTED + 24, "acted"),
    "retrospectives": members_at(PROPOSED + 336, "deadlock")
    + [(PROPOSED + 336, "steering@example.org", "escalation")] + members_at(ACTED + 24, "acted"),
}
for preset in EXPECTED:                                       # the weekly digest, Mondays 09:00
    EXPECTED[preset] += members_at(168, "digest") + members_at(336, "digest")


def case_under(tmp_path, sink, policy):
    """A daemon on `policy` with a fixed clock, and one report filed at START."""
    clock = FixedClock(START)
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy=policy)), clock=clock).start()
    running.send(report())
    running.run_until_idle()
    return running, clock


class Timeline:
    """Drives one case hour by hour and stamps each new mail with its hour."""

    def __init__(self, config, sink):
        self.config, self.sink = config, sink
        self.clock = FixedClock(START)
        self.hour, self.seen = 0, 0
        self.daemon = RunningDaemon(config, clock=self.clock).start()
        self.events = []

    def reply(self, sender, body):
        member_says(self.daemon, self.sink, sender, body)

    def until(self, hour):
        while self.hour < hour:
            self.hour += 1
            self.clock.advance(hours=1)
            self.daemon.tick()
            self.collect()

    def restart(self):
        self.daemon.stop()
        self.daemon = RunningDaemon(self.config, clock=self.clock).start()   # ticks at start-up
        self.daemon.run_until_idle()
        self.collect()

    def collect(self):
        for mail in self.sink.all()[self.seen:]:
            label = next((name for words, name in LABELS
                          if words in str(mail["Subject"]) or words in mail.text()), None)
            if label:
                self.events.append((self.hour, mail.rcpt_tos[0], label))
        self.seen = len(self.sink.all())


def play(preset, tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, members=MEMBERS, policy=preset))
    timeline = Timeline(config, sink)
    try:
        timeline.daemon.send(report(body="It happened at the sprint.\n"))
        timeline.daemon.run_until_idle()
        timeline.until(1)
        timeline.reply("Ana Lima <ana@example.org>", "#reported Sam Rivera <sam@example.net>\n")
        if preset == "pydistrict":                          # triage: the others answer the check
            timeline.reply("Chidi Okafor <chidi@example.org>", "#no-conflict\n")
        timeline.reply("Eli Park <eli@example.org>", "#recuse\n")
        timeline.until(PROPOSED)
        timeline.reply("Ana Lima <ana@example.org>", "#propose a written warning\n")
        timeline.until(ACTED)
        timeline.reply("Chidi Okafor <chidi@example.org>", "#acted removed them from the chat\n")
        timeline.until(100)
        timeline.restart()                                  # in the middle of it all
        timeline.until(16 * 24)
        return timeline, timeline.daemon.store.codes()[0]
    finally:
        timeline.daemon.stop()


@pytest.mark.parametrize("preset", sorted(EXPECTED))
def test_preset_clocks_send_the_right_mail_to_the_right_people_once(preset, tmp_path, sink):
    timeline, code = play(preset, tmp_path, sink)
    assert sorted(timeline.events) == sorted(EXPECTED[preset])
    # excluded (conflict), recused and inactive members got no deadline mail at all
    for outsider in ("bo@example.org", "eli@example.org", "dana@example.org"):
        assert not [e for e in timeline.events if e[1] == outsider]
    for mail in sink.messages_to("steering@example.org"):
        raw = mail.data.decode().lower()
        assert REPORTER not in raw and "jane" not in raw and "sprint" not in raw
        assert code in str(mail["Subject"])


def test_editing_the_policy_re_times_open_cases(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, policy="jupyter"))
    clock = FixedClock(START)
    running = RunningDaemon(config, clock=clock).start()
    running.send(report())
    running.run_until_idle()
    running.stop()
    faster = load(write_config(tmp_path, sink.port, policy={"preset": "jupyter", "resolution_target": "3d",
                                                             "resolution_nudge": None}))
    clock.advance(days=3, minutes=1)
    running = RunningDaemon(faster, clock=clock).start()      # catches up at start-up
    try:
        running.run_until_idle()
        updates = [m for m in sink.messages_to(REPORTER) if "An update on your report" in str(m["Subject"])]
        assert len(updates) == 1
    finally:
        running.stop()


def test_three_days_of_downtime_send_each_overdue_mail_once(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, policy="pytorch"))
    clock = FixedClock(START)
    running = RunningDaemon(config, clock=clock).start()
    running.send(report())
    running.run_until_idle()
    running.stop()
    clock.advance(days=8)                                    # nudge (6d) and status (7d) both overdue
    for _ in range(2):                                        # and a second restart changes nothing
        running = RunningDaemon(config, clock=clock).start()
        running.run_until_idle()
        running.tick()
        running.stop()
    texts = [m.text() for m in sink.messages_to("ana@example.org")]
    assert sum("Nobody has written to the reporter yet" in t for t in texts) == 1
    assert len([m for m in sink.messages_to(REPORTER) if "being reviewed" in str(m["Subject"])]) == 1


def test_eta_is_told_to_the_reporter_when_the_target_passes(tmp_path, sink):
    running, clock = case_under(tmp_path, sink, "jupyter")
    try:
        member_says(running, sink, "Ana Lima <ana@example.org>", "#eta 10d\n")
        clock.advance(days=7, minutes=1)
        running.tick()
        (update,) = [m for m in sink.messages_to(REPORTER) if "An update" in str(m["Subject"])]
        assert "Thursday 12 November 2026" in update.text()
    finally:
        running.stop()


def test_confirmed_urgent_action_needs_no_reminder(tmp_path, sink):
    running, clock = case_under(tmp_path, sink, "jupyter")
    try:
        for sender, body in (("Bo Chen <bo@example.org>", "#acted banned the account\n"),
                             ("Bo Chen <bo@example.org>", "#confirm 1\n"),
                             ("Chidi Okafor <chidi@example.org>", "#confirm 1\n")):
            member_says(running, sink, sender, body)
        assert "another member must confirm" in sink.messages_to("bo@example.org")[-1].text()
        clock.advance(days=2)
        running.tick()
        assert not [m for m in sink.all() if "has not been confirmed" in m.text()]
    finally:
        running.stop()


def test_appeals_within_the_window_reach_members_after_it_the_sender_is_told(tmp_path, sink):
    running, clock = case_under(tmp_path, sink, "pytorch")
    try:
        code = running.store.codes()[0]
        member_says(running, sink, "Bo Chen <bo@example.org>", "#reported Sam Rivera\n")
        member_says(running, sink, "Ana Lima <ana@example.org>", "#status resolved\n")
        clock.advance(days=20)
        appeal = report(sender="Sam Rivera <sam@example.net>", subject=f"Appeal: {code}",
                        body="I would like to appeal the decision.\n")
        running.send(appeal, mail_from="sam@example.net")
        running.run_until_idle()
        for member in ON_CASE:
            assert [m for m in sink.messages_to(member) if "Appeal received" in str(m["Subject"])]
        assert not [m for m in sink.messages_to("bo@example.org") if "Appeal" in str(m["Subject"])]
        assert len(running.store.codes()) == 1                        # not a new case
        clock.advance(days=15)                                        # day 35: the window is closed
        running.send(report(sender="Sam Rivera <sam@example.net>", subject=f"Re: {code}",
                            body="Another appeal.\n"), mail_from="sam@example.net")
        running.run_until_idle()
        (closed,) = sink.messages_to("sam@example.net")
        assert "can no longer be accepted" in closed.text()
        assert [m for m in sink.messages_to("ana@example.org") if "Late appeal" in str(m["Subject"])]
        assert not [m for m in sink.messages_to("chidi@example.org") if "Late appeal" in str(m["Subject"])]
    finally:
        running.stop()


DEADLOCK_POLICY = {"preset": "jupyter", "deadlock": "3d"}      # the other clocks come later
CASE_MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]   # Dana is inactive


def deadlock_mail(sink):
    """(recipient, subject, text) of every deadlock notice and escalation delivered so far."""
    return [(m.rcpt_tos[0], str(m["Subject"]), m.text()) for m in sink.all()
            if "is deadlocked" in m.text() or "Escalated to you" in str(m["Subject"])]


def test_a_proposal_undecided_past_the_deadlock_time_is_escalated_and_members_told(tmp_path, sink):
    running, clock = case_under(tmp_path, sink, DEADLOCK_POLICY)
    try:
        code = running.store.codes()[0]
        member_says(running, sink, "Ana Lima <ana@example.org>", "#propose a written warning\n")
        member_says(running, sink, "Bo Chen <bo@example.org>", "#vote yes\n")     # Chidi never votes
        clock.advance(days=3, minutes=-1)
        running.tick()
        assert deadlock_mail(sink) == []                              # not yet: a minute early
        assert not [e for e in running.store.events(code) if e["kind"] == "deadlock"]
        clock.advance(minutes=2)
        running.tick()
        mail = deadlock_mail(sink)
        told = sorted(to for to, _, text in mail if "Proposal 1 is deadlocked" in text)
        assert told == CASE_MEMBERS
        escalations = sink.messages_to("steering@example.org")
        assert len(escalations) == 1, "the steering council was not told, or told twice"
        escalation = escalations[0]
        assert str(escalation["Subject"]) == f"[{code}] Escalated to you"
        assert "proposal 1 has been undecided past the policy's deadlock time" in escalation.text()
        assert "reporter@example.net" not in escalation.data.decode().lower()
        assert len(mail) == len(CASE_MEMBERS) + 1                     # nobody else, nothing twice
        (event,) = [e for e in running.store.events(code) if e["kind"] == "deadlock"]
        assert event["proposal"] == 1 and event["escalated_to"] == 1
        assert running.store.get(code).get("escalated")
        clock.advance(days=3)
        running.tick()
        assert deadlock_mail(sink) == mail                            # exactly once
    finally:
        running.stop()


def test_a_proposal_decided_before_the_deadlock_time_is_not_escalated(tmp_path, sink):
    running, clock = case_under(tmp_path, sink, DEADLOCK_POLICY)
    try:
        code = running.store.codes()[0]
        member_says(running, sink, "Ana Lima <ana@example.org>", "#propose a written warning\n")
        for sender in ("Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>",
                       "Chidi Okafor <chidi@example.org>"):
            member_says(running, sink, sender, "#vote yes\n")
        assert running.store.get(code)["proposals"][0]["status"] == "passed"
        clock.advance(days=4)
        running.tick()
        assert deadlock_mail(sink) == [] and sink.messages_to("steering@example.org") == []
        assert not [e for e in running.store.events(code) if e["kind"] == "deadlock"]
    finally:
        running.stop()


def test_digest_is_a_table_with_the_spreadsheet_columns_and_a_csv(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, policy="jupyter"))
    clock = FixedClock(START + timedelta(hours=1))
    running = RunningDaemon(config, clock=clock).start()
    try:
        running.send(report(body="Sam Rivera again.\n"))           # Bo is conflicted
        running.run_until_idle()
        clock.advance(days=7)
        running.tick()
        (digest,) = [m for m in sink.messages_to("ana@example.org") if "open Code of Conduct" in str(m["Subject"])]
        (csv_part,) = list(digest.msg.iter_attachments())
        lines = csv_part.get_content().splitlines()
        assert lines[0] == "Safety risk?,Risk of repeating?,Status,Code Name,Date & Time,Actions needed,Resolution"
        assert running.store.codes()[0] in lines[1]
        assert "Next deadline:" in digest.text()
        assert not [m for m in sink.messages_to("bo@example.org") if "open Code of Conduct" in str(m["Subject"])]
    finally:
        running.stop()


def test_tick_command_previews_refuses_while_running_and_runs_once(tmp_path, sink):
    path = write_config(tmp_path, sink.port, policy="pytorch")
    clock = FixedClock(START)
    running = RunningDaemon(load(path), clock=clock).start()
    running.send(report())
    running.run_until_idle()
    at = (START + timedelta(days=7, hours=1)).isoformat()
    tick = [sys.executable, "-m", "mailrouter", "tick", "--at", at, "--config", str(path)]
    try:
        busy = subprocess.run(tick, capture_output=True, text=True)
        assert busy.returncode == 5 and "daemon is running" in busy.stderr
        before = len(sink.all())                                  # the report's mail, all delivered
        preview = subprocess.run(tick + ["--dry-run"], capture_output=True, text=True)
        assert preview.returncode == 0, preview.stderr
        assert f"would send to {REPORTER}:" in preview.stdout and "would send to ana@example.org" in preview.stdout
        assert "bo@example.org" in preview.stdout and "dana@example.org" not in preview.stdout
        assert len(sink.all()) == before, [str(m["Subject"]) for m in sink.all()[before:]]  # sent nothing
    finally:
        running.stop()
    assert len(sink.all()) == before
    first = subprocess.run(tick, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "followup-status" in first.stdout
    sent = sink.all()[before:]
    assert [m.rcpt_tos[0] for m in sent if "being reviewed" in str(m["Subject"])] == [REPORTER]
    again = subprocess.run(tick, capture_output=True, text=True)
    assert again.returncode == 0 and "0 deadline(s) run" in again.stdout
    assert len(sink.all()) == len(sent) + before
