"""One screen at send time for all queued mail about a case (invariant 1): mail waiting in
the outbox (the relay answers 451) for a member, a moderator or an escalation contact is
withdrawn when, by the time the relay takes mail again, that reader may no longer receive
mail about the case (a conflict added at a reload, a newcomer's declared conflict); mail to
the reporter is never withdrawn by it. Real daemon, real SMTP sink."""

import errno
import subprocess
import sys
import time
from datetime import timedelta

import pytest

from harness import CONFLICTS, START, RunningDaemon, dump, fail_once, load, member_reply, member_says, reply_address, \
    report, write_config
from mailrouter.casework import send_screen
from mailrouter.outbound.outbox import read_sent
from mailrouter.pipeline.stages import note_feedback
from test_onboarding import EVE, answer_welcome, join

REPORTER = "reporter@example.net"
CHIDI, STEERING, BO = "chidi@example.org", "steering@example.org", "bo@example.org"
ANA = "Ana Lima <ana@example.org>"
LATER = ["451 4.3.0 try again later"] * 20          # the relay holds their mail until it heals
JANE = [{"name": "Jane Reporter", "emails": [REPORTER]}]


def started(tmp_path, sink, body="It happened near the pear orchard.\n"):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    running.send(report(body=body), mail_from=REPORTER)
    running.run_until_idle()
    (code,) = running.store.codes()
    return running, code


def waiting_for(running, address, kind):
    return [entry_id for entry_id, meta in running.state.outbox.queued()
            if meta["recipient"].lower() == address and meta["kind"] == kind]


def conflict_by_reload(running, folder, address, people):
    dump({"conflicts": dict(CONFLICTS, **{address: people})}, folder / "conflicts.yaml")
    assert running._call(running.daemon.reloader.reload("test")) is True


def relay_heals(running, sink, *addresses):
    for address in addresses:
        sink.answers[address] = []
    running.advance(hours=2)
    running.deliver_due()
    running.run_until_idle()


def withdrawn(running, code, name, entry_id):
    """The withdrawal is in the case's log by name, never address, and `sent.log` says so."""
    events = [e for e in running.store.events(code) if e["kind"] == "mail withdrawn" and e["member"] == name]
    return bool(events) and "@" not in str(events) and \
        read_sent(running.state.outbox.sent_log).get(entry_id) == "withdrawn"


def assert_chidi_got_none_of_it(running, sink, code, entry_id):
    """Once the relay heals, Chidi has nothing of the report, and his forward is withdrawn."""
    relay_heals(running, sink, CHIDI)
    assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
    assert eventually(running, lambda: withdrawn(running, code, "Chidi Okafor", entry_id))


def chidi_against_jane(tmp_path, sink):
    """Chidi has a conflict with Jane Reporter by name only; her report, sent without a name,
    waits for him (his relay says later)."""
    sink.answers[CHIDI] = list(LATER)
    running = RunningDaemon(load(write_config(tmp_path, sink.port, conflicts=dict(
        CONFLICTS, **{CHIDI: [{"name": "Jane Reporter"}]})))).start()
    running.send(report(body="It happened near the pear orchard.\n", sender=REPORTER), mail_from=REPORTER)
    running.run_until_idle()
    return running


def follow_up_with_her_name(running, sink):
    follow_up = member_reply("Jane Reporter <reporter@example.net>", "One more thing: it went on for days.\n")
    assert running.send(follow_up, mail_from=REPORTER, rcpt_tos=[reply_address(sink, REPORTER)])[0] == 250


@pytest.mark.parametrize("change", ["reload", "committee alone"])
def test_a_forward_waiting_for_a_member_put_in_conflict_is_withdrawn(tmp_path, sink, change):
    """By a reload; or the race, where the new committee is in force and nothing withdrew the
    mail yet (what apply_config does first): the worker withdraws it between messages."""
    sink.answers[CHIDI] = list(LATER)
    running, code = started(tmp_path, sink)
    try:
        (entry_id,) = waiting_for(running, CHIDI, "forward")
        if change == "reload":
            conflict_by_reload(running, tmp_path, CHIDI, JANE)
        else:
            dump({"conflicts": dict(CONFLICTS, **{CHIDI: JANE})}, tmp_path / "conflicts.yaml")
            running.daemon.ctx.committee = load(tmp_path / "mailrouter.yaml").committee
        assert_chidi_got_none_of_it(running, sink, code, entry_id)
    finally:
        running.stop()


def test_an_escalation_waiting_for_a_contact_a_reload_puts_in_conflict_is_withdrawn(tmp_path, sink):
    sink.answers[STEERING] = list(LATER)
    running, code = started(tmp_path, sink)
    try:
        member_says(running, sink, ANA, "#escalate no agreement about the pear orchard\n")
        running.run_until_idle()
        (entry_id,) = waiting_for(running, STEERING, "escalation")
        conflict_by_reload(running, tmp_path, STEERING, JANE)
        relay_heals(running, sink, STEERING)
        assert sink.messages_to(STEERING) == []
        assert withdrawn(running, code, "Steering Council", entry_id)
    finally:
        running.stop()


def test_a_newcomers_declared_conflict_kept_in_force_at_a_reload_withdraws_what_waits_for_them(tmp_path, sink):
    running, code = started(tmp_path, sink, body="Reported person: Sam Rivera\nThe comments went on for an hour.\n")
    try:
        join(running, tmp_path, EVE)
        sink.answers[EVE["email"]] = list(LATER)
        answer_welcome(running, sink, "#no-conflicts\n")
        (entry_id,) = waiting_for(running, EVE["email"], "onboarding")       # the open case, waiting
        answer_welcome(running, sink, "#conflict Sam Rivera\n")
        join(running, tmp_path, EVE)                # a reload: the declared conflict stays in force
        relay_heals(running, sink, EVE["email"])
        told = [m.text() for m in sink.messages_to(EVE["email"])]
        assert not [text for text in told if "went on for an hour" in text]
        assert [text for text in told if "You will receive nothing more" in text]   # their leaving is not screened
        assert withdrawn(running, code, "Eve Novak", entry_id)
    finally:
        running.stop()


def test_mail_to_the_reporter_is_never_withdrawn_by_the_screen(tmp_path, sink):
    """Only mail to a reader in a role is screened: the acknowledgement waits with Chidi's
    forward, a reload puts Chidi in conflict with the reporter; the reporter still gets it."""
    sink.answers[REPORTER] = list(LATER)
    sink.answers[CHIDI] = list(LATER)
    running, _ = started(tmp_path, sink)
    try:
        (ack,) = [i for i, meta in running.state.outbox.queued() if meta["recipient"].lower() == REPORTER]
        conflict_by_reload(running, tmp_path, CHIDI, JANE)
        relay_heals(running, sink, REPORTER, CHIDI)
        assert len(sink.messages_to(REPORTER)) == 1 and read_sent(running.state.outbox.sent_log)[ack] == "delivered"
        assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
    finally:
        running.stop()


def test_a_member_the_reporters_follow_up_puts_in_conflict_gets_nothing_that_waited(tmp_path, sink):
    """The reporter's follow-up tells their name (identity store, not the case file): Chidi,
    in conflict with that name, must not receive the forward that waited for him."""
    running = chidi_against_jane(tmp_path, sink)
    try:
        (code,) = running.store.codes()
        (entry_id,) = waiting_for(running, CHIDI, "forward")
        follow_up_with_her_name(running, sink)
        running.run_until_idle()
        assert withdrawn(running, code, "Chidi Okafor", entry_id)       # at once, not at the relay's healing
        assert_chidi_got_none_of_it(running, sink, code, entry_id)
    finally:
        running.stop()


def test_a_fault_while_settling_held_mail_loses_none_of_it(tmp_path, sink, monkeypatch):
    """The worker's settling of mail the courier held back meets a full disk: the mail that may
    go still goes, and what may not is withdrawn, once the disk has room again."""
    sink.answers[CHIDI] = list(LATER)
    sink.answers[BO] = list(LATER)
    running, code = started(tmp_path, sink)
    try:
        (chidis,) = waiting_for(running, CHIDI, "forward")
        dump({"conflicts": dict(CONFLICTS, **{CHIDI: JANE})}, tmp_path / "conflicts.yaml")
        running.daemon.ctx.committee = load(tmp_path / "mailrouter.yaml").committee   # no verdict holds now
        withdraw, faults = running.state.outbox.withdraw, []

        def full_disk_once(entry_id):
            if not faults:
                faults.append(entry_id)
                raise OSError(errno.ENOSPC, "No space left on device")
            return withdraw(entry_id)
        monkeypatch.setattr(running.state.outbox, "withdraw", full_disk_once)
        relay_heals(running, sink, CHIDI, BO)
        deadline = time.monotonic() + 20             # the worker waits the fault out, then settles
        while not (withdrawn(running, code, "Chidi Okafor", chidis) and sink.messages_to(BO)) \
                and time.monotonic() < deadline:
            running.advance(minutes=1)
            running.deliver_due()
            time.sleep(0.05)
        assert faults
        assert [m for m in sink.messages_to(BO) if "pear orchard" in m.text()]
        assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
        assert withdrawn(running, code, "Chidi Okafor", chidis)
    finally:
        running.stop()


def test_the_tick_command_settles_the_screen_itself_members_reminders_included(tmp_path, sink):
    """`mailrouter tick` runs with no worker thread to settle what the screen holds back: its
    preview lists, and its run sends, the members' reminders as well as the reporter's mail."""
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    running.send(report())
    running.run_until_idle()
    tick = [sys.executable, "-m", "mailrouter", "tick", "--at", (START + timedelta(days=8)).isoformat(),
            "--config", str(path)]
    try:
        preview = subprocess.run(tick + ["--dry-run"], capture_output=True, text=True)
    finally:
        running.stop()
    assert preview.returncode == 0, preview.stderr
    assert "followup-nudge: 3 member(s) reminded" in preview.stdout
    assert "would send to bo@example.org: [" in preview.stdout and "] Reminder" in preview.stdout
    before = len(sink.all())
    assert subprocess.run(tick, capture_output=True, text=True).returncode == 0
    reminded = {m.rcpt_tos[0] for m in sink.all()[before:] if str(m["Subject"]).endswith("] Reminder")}
    assert reminded == {"ana@example.org", "bo@example.org", "chidi@example.org"}


def test_the_follow_ups_name_keeps_the_member_out_even_when_its_processing_failed(tmp_path, sink, monkeypatch):
    """The name is learnt, then a later stage fails (a fault, a bug): the case's verdict is
    not trusted any more, and Chidi still gets nothing of what waited for him."""
    running = chidi_against_jane(tmp_path, sink)
    try:
        failed = fail_once(monkeypatch, note_feedback, "a stage after the name was learnt")
        follow_up_with_her_name(running, sink)
        running.daemon.worker.process_ready()            # the first attempt, which fails
        assert failed
        relay_heals(running, sink, CHIDI)                # the courier goes before the retry
        assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
    finally:
        running.stop()


def test_a_case_that_cannot_be_screened_keeps_its_mail_and_the_worker_goes_on(tmp_path, sink, monkeypatch):
    """Screening fails for good (a damaged case file, say): that mail stays unsent, the admin
    is told, and the next report is still acknowledged and forwarded. (The mail stays due,
    so the daemon is never idle here: the test waits for what it expects instead.)"""
    sink.answers[CHIDI] = list(LATER)
    running, code = started(tmp_path, sink)
    try:
        verdict_for = send_screen.verdict_for

        def damaged(ctx, case):
            if case == code:
                raise ValueError("case.json does not parse")
            return verdict_for(ctx, case)
        monkeypatch.setattr(send_screen, "verdict_for", damaged)
        running.daemon.ctx.committee = load(tmp_path / "mailrouter.yaml").committee   # no verdict holds now
        sink.answers[CHIDI] = []
        running.advance(hours=2)
        running.deliver_due()
        alerted = lambda: [m for m in sink.messages_to("admin@example.org")
                           if "could not be screened" in str(m["Subject"])]
        assert eventually(running, alerted)
        running.send(report(body="A second report, about the apple crates.\n"), mail_from="ines@example.net")
        assert eventually(running, lambda: [m for m in sink.messages_to("bo@example.org") if "apple crates" in m.text()])
        assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
    finally:
        running.stop()


def eventually(running, condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        running.daemon.worker.wake()
        running.loop.call_soon_threadsafe(running.daemon.courier.poke)
        time.sleep(0.05)
    return condition()
