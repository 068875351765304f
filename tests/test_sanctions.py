"""Sanctions with review dates (issue 14), over real SMTP: `#sanction` recorded against the
reported person and refused on bad input, the review reminders at their dates exactly
once (after the case is resolved, and across a restart), and `mailrouter sanctions`,
which names reported persons and never the reporter."""

import json
import subprocess
import sys
from datetime import datetime, timezone

from harness import RunningDaemon, load, member_says, report, write_config
from mailrouter.clock import FixedClock

ANA, BO, CHIDI = "Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>", "Chidi Okafor <chidi@example.org>"
ON_CASE = ("ana@example.org", "chidi@example.org")      # Bo has a conflict with Sam Rivera
REPORTER = "Jane Reporter <reporter@example.net>"


def sanctioned_case(tmp_path, sink, policy="numpy", at=datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)):
    """A daemon on `policy`, one report from Jane, and Sam Rivera recorded as the reported person."""
    path = write_config(tmp_path, sink.port, policy=policy)
    clock = FixedClock(at)
    running = RunningDaemon(load(path), clock=clock).start()
    running.send(report(sender=REPORTER))
    running.run_until_idle()
    member_says(running, sink, ANA, "#reported Sam Rivera <sam@example.net>\n")
    return path, running, clock


def last_confirmation(sink, address):
    return sink.messages_to(address)[-1].text()


def reminders(sink, words):
    return sorted(m.rcpt_tos[0] for m in sink.all() if "Reminder" in str(m["Subject"]) and words in m.text())


def later(running, clock, **delta):
    """Move the clock and tick twice: what is due goes out, and only once."""
    clock.advance(**delta)
    running.tick()
    running.tick()


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "mailrouter", *args], capture_output=True, text=True)


def test_a_sanction_is_recorded_told_to_the_members_and_in_the_report_document(tmp_path, sink):
    path, running, clock = sanctioned_case(tmp_path, sink)
    try:
        member_says(running, sink, ANA, "#sanction temporary-ban from the chat and the forum until 2026-12-20\n")
        assert "sanction 1 recorded: temporary-ban until 2026-12-20" in last_confirmation(sink, "ana@example.org")
        told = sink.messages_to("chidi@example.org")[-1].text()
        assert "Ana Lima recorded sanction 1: temporary-ban until 2026-12-20, against Sam Rivera" in told
        assert "from the chat and the forum" in told
        assert not [m for m in sink.messages_to("bo@example.org") if "sanction" in m.text()]
        code = running.store.codes()[0]
        (recorded,) = running.store.get(code)["sanctions"]
        assert {k: recorded[k] for k in ("kind", "text", "until", "by", "ended", "against")} == {
            "kind": "temporary-ban", "text": "from the chat and the forum", "until": "2026-12-20",
            "by": "ana@example.org", "ended": None, "against": ["Sam Rivera"]}
        assert recorded["at"].startswith("2026-11-02")
        assert any(e["kind"] == "sanction" and e["number"] == 1 for e in running.store.events(code))
    finally:
        running.stop()
    exported = run_cli("case", "export", code.replace(" ", "-"), "--config", str(path))
    assert exported.returncode == 0, exported.stderr
    assert "Sanction 1: temporary-ban until 2026-12-20, against Sam Rivera." in exported.stdout


REFUSALS = [
    ("#sanction probation for a month", "the kind must be one of: ban, temporary-ban"),
    ("#sanction temporary-ban from the chat", "a temporary-ban needs an end: add `until YYYY-MM-DD`"),
    ("#sanction hiatus from the sprints until 2026-13-01", "'2026-13-01' is not a date written as YYYY-MM-DD"),
    ("#sanction hiatus from the sprints until 2026-11-01", "2026-11-01 is not in the future (today is 2026-11-02)"),
    ("#sanction hiatus from the sprints until 2026-11-02", "2026-11-02 is not in the future"),
    ("#sanction ban from all spaces until 2027-01-01", "a ban has no end date; use temporary-ban"),
    ("#sanction warning", "#sanction warning needs a description"),
    ("#sanction end 1", "this case has no sanction to end"),
]


def test_bad_sanctions_are_refused_with_the_reason_and_nothing_is_recorded(tmp_path, sink):
    path, running, clock = sanctioned_case(tmp_path, sink)
    try:
        for line, reason in REFUSALS:
            member_says(running, sink, ANA, line + "\n")
            assert f"error: {reason}" in last_confirmation(sink, "ana@example.org"), line
        code = running.store.codes()[0]
        assert not running.store.get(code).get("sanctions")
        member_says(running, sink, ANA, "#sanction warning for the thread of 1 November\n")
        member_says(running, sink, ANA, "#sanction end 2\n")
        assert "error: #sanction end needs the number of a sanction on this case (1 to 1)" in \
            last_confirmation(sink, "ana@example.org")
        member_says(running, sink, CHIDI, "#sanction end 1\n")
        member_says(running, sink, CHIDI, "#sanction end 1\n")
        assert "error: sanction 1 already ended on 2026-11-02" in last_confirmation(sink, "chidi@example.org")
        # A case that records no reported person has no one to sanction.
        running.send(report(sender=REPORTER, subject="Another matter", body="A different matter entirely.\n"))
        running.run_until_idle()
        member_says(running, sink, ANA, "#sanction warning for the thread\n")
        assert "error: no reported person is recorded on this case" in last_confirmation(sink, "ana@example.org")
    finally:
        running.stop()


def test_review_reminders_go_before_and_on_the_end_date_once_each(tmp_path, sink):
    path, running, clock = sanctioned_case(tmp_path, sink)
    try:
        member_says(running, sink, ANA, "#sanction temporary-ban from the chat until 2026-12-20\n")
        member_says(running, sink, ANA, "#status resolved\n")     # reminders outlive the case
        clock.advance(days=40, hours=14, minutes=59)               # 2026-12-12 23:59: not yet
        running.tick()
        assert reminders(sink, "Sanction 1 on this case") == []
        clock.advance(minutes=2)                                   # 2026-12-13, a week before
        running.tick()
        assert reminders(sink, "ends on 2026-12-20") == sorted(ON_CASE)
        running.tick()
        running.stop()
        running = RunningDaemon(load(path), clock=clock).start()   # a restart sends nothing again
        running.run_until_idle()
        clock.advance(days=6, hours=23)
        running.tick()
        assert reminders(sink, "Sanction 1 on this case") == sorted(ON_CASE)
        later(running, clock, hours=1)                             # 2026-12-20 00:01: its last day
        assert reminders(sink, "ends today; review it") == sorted(ON_CASE)
        assert reminders(sink, "Sanction 1 on this case") == sorted(ON_CASE * 2)
        later(running, clock, days=30)
        assert reminders(sink, "Sanction 1 on this case") == sorted(ON_CASE * 2)
    finally:
        running.stop()


def test_a_permanent_ban_is_reviewed_every_period_the_policy_sets(tmp_path, sink):
    path, running, clock = sanctioned_case(tmp_path, sink, policy={"preset": "numpy",
                                                                   "sanction_review_every_days": 30})
    try:
        member_says(running, sink, ANA, "#sanction ban from all community spaces\n")
        later(running, clock, days=29, hours=23)
        assert reminders(sink, "due for its periodic review") == []
        later(running, clock, hours=2)
        assert reminders(sink, "due for its periodic review") == sorted(ON_CASE)
        later(running, clock, days=30)
        assert reminders(sink, "due for its periodic review") == sorted(ON_CASE * 2)
        member_says(running, sink, CHIDI, "#sanction end 1\n")
        later(running, clock, days=60)
        assert reminders(sink, "due for its periodic review") == sorted(ON_CASE * 2)
    finally:
        running.stop()


def test_mailrouter_sanctions_lists_reported_persons_and_never_the_reporter(tmp_path, sink):
    path, running, clock = sanctioned_case(tmp_path, sink)
    try:
        code = running.store.codes()[0]
        for line in ("#sanction ban from all community spaces", "#sanction hiatus from the sprints until 2099-12-31",
                     "#sanction warning for the thread", "#sanction end 3"):
            member_says(running, sink, ANA, line + "\n")
    finally:
        running.stop()
    active = run_cli("sanctions", "--config", str(path))
    assert active.returncode == 0, active.stderr
    lines = active.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "REPORTED", "PERSON", "KIND", "SINCE", "UNTIL", "REVIEW"]
    assert [line.split()[-4:] for line in lines[1:]] == [["ban", "2026-11-02", "-", "2027-11-02"],
                                                         ["hiatus", "2026-11-02", "2099-12-31", "2099-12-31"]]
    assert all(code in line and "Sam Rivera" in line for line in lines[1:])
    everything = run_cli("sanctions", "--all", "--json", "--config", str(path))
    rows = json.loads(everything.stdout)
    assert [(r["KIND"], r["REVIEW"]) for r in rows] == [("ban", "2027-11-02"), ("hiatus", "2099-12-31"),
                                                        ("warning", "ended 2026-11-02")]
    for output in (active.stdout, everything.stdout):
        assert "Jane" not in output and "reporter@example.net" not in output and "Reporter" not in output


def test_a_sanction_outlives_the_purge_of_its_case(tmp_path, sink):
    path, running, clock = sanctioned_case(tmp_path, sink, policy={"preset": "numpy", "retention": {"warning": "30d"}})
    try:
        code = running.store.codes()[0]
        member_says(running, sink, ANA, "#sanction hiatus from the sprints until 2099-06-01\n")
        member_says(running, sink, ANA, "#status closed\n#outcome warning\n")
    finally:
        running.stop()
    clock.advance(days=31)
    running = RunningDaemon(load(path), clock=clock).start()      # its start-up tick purges the case
    try:
        running.run_until_idle()
        case = running.store.get(code)
        assert case["purged"] and [s["kind"] for s in case["sanctions"]] == ["hiatus"]
    finally:
        running.stop()
    listed = run_cli("sanctions", "--config", str(path)).stdout
    assert code in listed and "Sam Rivera" in listed and "2099-06-01" in listed
