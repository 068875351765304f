"""Withdrawals of queued case mail under faults (invariant 1, and the record of it): a mail
the relay already holds (in flight) is not withdrawn, it is delivered and recorded so (or,
not taken, screened again and withdrawn at its next attempt); a mail
withdrawn in the window between the courier's last look and its handing over is never sent;
and a withdrawal whose group commit failed is in the case's log after the retry, once, as
`sent.log` says. Real daemon, real relay process, real SMTP sink holding DATA where asked."""

import errno
import threading

from harness import CONFLICTS, RunningDaemon, dump, load, member_reply, reply_address, report, write_config
from mailrouter.app.reload import apply_config
from mailrouter.outbound.outbox import read_sent
from test_send_time_screen import CHIDI, JANE, REPORTER, chidi_against_jane, conflict_by_reload, eventually, \
    follow_up_with_her_name, relay_heals, waiting_for, withdrawn

PEAR = "It happened near the pear orchard.\n"


def withdrawals(running, code):
    return [e for e in running.store.events(code) if e["kind"] == "mail withdrawn"]


def sent_log_says(running, entry_id):
    return read_sent(running.state.outbox.sent_log).get(entry_id)


def pears_to(sink, address):
    return [m for m in sink.messages_to(address) if "pear orchard" in m.text()]


def forward_held_at_the_relay(running, arrived):
    """A report whose forward to Chidi the relay holds at DATA: (code, his forward's entry)."""
    running.send(report(body=PEAR), mail_from=REPORTER)
    assert arrived.wait(10), "the forward never reached the relay"
    (code,) = running.store.codes()
    (entry_id,) = waiting_for(running, CHIDI, "forward")
    return code, entry_id


def test_a_mail_the_relay_holds_when_a_reload_puts_its_reader_in_conflict_is_recorded_delivered(tmp_path, sink):
    """The relay has Chidi's forward at DATA, its answer owed, when a reload puts him in
    conflict: the mail cannot be called back, so it is not recorded withdrawn (sent.log and
    the case log would say so of a mail he received); it is recorded delivered."""
    arrived, release = sink.hold_data(CHIDI)
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        code, entry_id = forward_held_at_the_relay(running, arrived)
        conflict_by_reload(running, tmp_path, CHIDI, JANE)      # the screen refuses Chidi from now on
        release.set()
        running.run_until_idle()
        assert pears_to(sink, CHIDI)
        assert sent_log_says(running, entry_id) == "delivered"
        assert withdrawals(running, code) == []
    finally:
        release.set()
        running.stop()


def test_a_mail_the_relay_held_then_did_not_take_is_screened_again_and_withdrawn(tmp_path, sink):
    """The same race, but the relay answers "try later" once it lets go: the mail was never
    delivered, so it comes back to the queue and the courier's next look withdraws it."""
    arrived, release = sink.hold_data(CHIDI, answer="451 4.3.0 try again later")
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        code, entry_id = forward_held_at_the_relay(running, arrived)
        conflict_by_reload(running, tmp_path, CHIDI, JANE)
        release.set()
        running.run_until_idle()
        sink.holding.clear()
        relay_heals(running, sink, CHIDI)
        assert eventually(running, lambda: withdrawn(running, code, "Chidi Okafor", entry_id))
        assert pears_to(sink, CHIDI) == []
        assert [e["member"] for e in withdrawals(running, code)] == ["Chidi Okafor"]
    finally:
        release.set()
        running.stop()


def test_a_mail_withdrawn_between_the_couriers_last_look_and_its_handing_over_is_never_sent(tmp_path, sink,
                                                                                           monkeypatch):
    """The courier's last look lets Chidi's forward go; before it hands the mail to the relay,
    the worker puts a reload in force that withdraws it: the courier must not send it."""
    config_path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(config_path)).start()
    may_send, raced = running.daemon.courier.may_send, []

    def then_a_reload(entry_id, meta):
        answer = may_send(entry_id, meta)
        if answer and meta["recipient"].lower() == CHIDI and meta["kind"] == "forward" and not raced:
            raced.append(entry_id)
            dump({"conflicts": dict(CONFLICTS, **{CHIDI: JANE})}, tmp_path / "conflicts.yaml")
            new, done = load(config_path), threading.Event()
            running.daemon.worker.between_messages(lambda: (apply_config(running.daemon, new), done.set()))
            assert done.wait(10), "the worker never put the reload in force"
        return answer
    monkeypatch.setattr(running.daemon.courier, "may_send", then_a_reload)
    try:
        running.send(report(body=PEAR), mail_from=REPORTER)
        running.run_until_idle()
        (code,) = running.store.codes()
        assert raced
        assert pears_to(sink, CHIDI) == []
        assert sent_log_says(running, raced[0]) == "withdrawn"
        assert [e["member"] for e in withdrawals(running, code)] == ["Chidi Okafor"]
    finally:
        running.stop()


def test_a_withdrawal_whose_group_commit_failed_is_in_the_case_log_after_the_retry(tmp_path, sink, monkeypatch):
    """The reporter's follow-up puts Chidi in conflict and withdraws his waiting forward; the
    commit meets a full disk when it writes the case. The mail stays withdrawn, and once the
    retry is through, the case's log says so once, as sent.log does."""
    running = chidi_against_jane(tmp_path, sink)
    try:
        (code,) = running.store.codes()
        (entry_id,) = waiting_for(running, CHIDI, "forward")
        flush, faults = running.store._flush, []

        def full_disk_once(case):
            if not faults:
                faults.append(case)
                raise OSError(errno.ENOSPC, "No space left on device")
            return flush(case)
        monkeypatch.setattr(running.store, "_flush", full_disk_once)
        follow_up_with_her_name(running, sink)
        assert eventually(running, lambda: faults and not running.state.spool.ids())    # failed, then retried
        assert sent_log_says(running, entry_id) == "withdrawn"
        assert [e["member"] for e in withdrawals(running, code)] == ["Chidi Okafor"]
        assert "@" not in str(withdrawals(running, code))
    finally:
        running.stop()


def test_a_withdrawal_is_logged_once_when_its_commit_holds_more_messages(tmp_path, sink):
    """A backlog: the follow-up that withdraws Chidi's forward and a second report go in one
    group commit. The withdrawal is owed until that commit is durable; the second message
    must not log it a second time."""
    running = chidi_against_jane(tmp_path, sink)
    try:
        (code,) = running.store.codes()
        (entry_id,) = waiting_for(running, CHIDI, "forward")
        follow_up = member_reply("Jane Reporter <reporter@example.net>", "One more thing: it went on for days.\n")
        spool = running.state.spool
        spool.put(follow_up, {"mail_from": REPORTER, "rcpt_tos": [reply_address(sink, REPORTER)]})
        spool.put(report(body="A second report, about the apple crates.\n"),
                  {"mail_from": "ines@example.net", "rcpt_tos": ["conduct@example.org"]})
        assert eventually(running, lambda: not spool.ids())
        assert sent_log_says(running, entry_id) == "withdrawn"
        assert [e["member"] for e in withdrawals(running, code)] == ["Chidi Okafor"]
    finally:
        running.stop()
