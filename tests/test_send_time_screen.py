"""One screen at send time for all queued mail about a case (invariant 1): mail waiting in
the outbox (the relay answers 451) for a member, a moderator or an escalation contact is
withdrawn when, by the time the relay takes mail again, that reader may no longer receive
mail about the case (a conflict added at a reload, a newcomer's declared conflict); mail to
the reporter is never withdrawn by it. Real daemon, real SMTP sink."""

import time

from harness import CONFLICTS, RunningDaemon, dump, load, member_says, report, write_config
from mailrouter.outbound.outbox import read_sent
from test_onboarding import EVE, answer_welcome, join

REPORTER = "reporter@example.net"
CHIDI, STEERING = "chidi@example.org", "steering@example.org"
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


def test_a_forward_waiting_for_a_member_a_reload_puts_in_conflict_is_withdrawn(tmp_path, sink):
    sink.answers[CHIDI] = list(LATER)
    running, code = started(tmp_path, sink)
    try:
        (entry_id,) = waiting_for(running, CHIDI, "forward")
        conflict_by_reload(running, tmp_path, CHIDI, JANE)
        relay_heals(running, sink, CHIDI)
        assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
        assert withdrawn(running, code, "Chidi Okafor", entry_id)
    finally:
        running.stop()


def test_the_courier_screens_at_send_time_when_the_committee_in_force_changed_alone(tmp_path, sink):
    """The race: the new committee is in force, nothing withdrew the mail yet."""
    sink.answers[CHIDI] = list(LATER)
    running, code = started(tmp_path, sink)
    try:
        (entry_id,) = waiting_for(running, CHIDI, "forward")
        dump({"conflicts": dict(CONFLICTS, **{CHIDI: JANE})}, tmp_path / "conflicts.yaml")
        running.daemon.ctx.committee = load(tmp_path / "mailrouter.yaml").committee   # what apply_config does first
        relay_heals(running, sink, CHIDI)
        assert not [m for m in sink.messages_to(CHIDI) if "pear orchard" in m.text()]
        deadline = time.monotonic() + 10            # the worker withdraws it between messages
        while not withdrawn(running, code, "Chidi Okafor", entry_id) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert withdrawn(running, code, "Chidi Okafor", entry_id)
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
