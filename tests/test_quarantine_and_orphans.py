"""After 250, nobody is left in silence and no case is left half done (issue 11, rule 1).

A message that fails every attempt is quarantined: the admin is alerted and a sender who is
a person gets a short notice that a person will look at it (nothing of the message in it).
A failure after the case was opened is completed by the next attempt: one case, one
acknowledgement, every forward. The fault is injected by breaking the identity store on
disk (as test_durability does) or by making one stage call fail once; the rest is real.
"""

import time

import pytest

from harness import RunningDaemon, load, member_says, report, write_config
from mailrouter.casework.quarantine import after_quarantine
from mailrouter.errors import SpoolError
from mailrouter.pipeline import runner
from mailrouter.pipeline.reading import Reader
from mailrouter.pipeline.stages import acknowledge, forward
from mailrouter.privacy.identify import reporter_identity

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
SECRET_SUBJECT = "Harassment by the treasurer"
SECRET_TEXT = "He cornered me by the coat check."


def wait_until(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the daemon never got there")
        time.sleep(0.01)


@pytest.fixture
def running(tmp_path, sink):
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    yield daemon
    daemon.stop()


def _worker_settled(running, then=lambda: None):
    """Until the worker is back between two messages (done telling about the last), having run `then`."""
    done = []
    running.daemon.worker.between_messages(lambda: done.append(then()))
    wait_until(lambda: done)


def _attempts(running, entry):
    try:
        return running.state.spool.meta(entry).get("attempts", 0)
    except SpoolError:
        return None                         # moved to the quarantine meanwhile


def _retry_until_quarantined(running, entry):
    for attempts in (1, 2):                 # each failure recorded, then its retry made due
        wait_until(lambda n=attempts: _attempts(running, entry) == n)
        running.advance(minutes=2)
    wait_until(lambda: entry in running.state.spool.quarantined_ids())
    wait_until(lambda: running.state.outbox.was_queued(f"alert:quarantine:{entry}"))
    _worker_settled(running)
    running.run_until_idle()


def _poison_identity_store(running):
    identities = running.state.identities.root
    identities.rmdir()
    identities.write_text("the identity store is broken")        # processing now fails


def _send_poison(running, mail_from, **kwargs):
    _poison_identity_store(running)
    raw = report(subject=SECRET_SUBJECT, body=SECRET_TEXT + "\n", **kwargs)
    assert running.send(raw, mail_from=mail_from)[0] == 250
    (entry,) = running.state.spool.ids()
    _retry_until_quarantined(running, entry)
    return entry


def test_quarantine_tells_the_admin_and_the_sender_once_without_the_report(running, sink):
    entry = _send_poison(running, REPORTER)
    # Told again about the same entry (as a crash between the two steps would): nothing new.
    _worker_settled(running, lambda: after_quarantine(
        running.daemon.ctx, entry, "again", {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]}))
    running.run_until_idle()
    alerts = sink.messages_to("admin@example.org")
    assert len(alerts) == 1 and entry in alerts[0].text()
    (notice,) = sink.messages_to(REPORTER)
    assert notice.mail_from == "<>"                                # null sender, as to any reporter
    assert "a person will look at it" in " ".join(notice.text().split())
    assert notice["From"].addresses[0].addr_spec == "conduct@example.org"
    for secret in (SECRET_SUBJECT, SECRET_TEXT, "treasurer", "coat check"):
        assert secret not in notice.data.decode("utf-8", "replace")


@pytest.mark.parametrize("sender", ["noreply@example.net", "do-not-reply@example.net", "orga-request@example.net"])
def test_no_notice_to_machines_or_to_ourselves(running, sink, sender):
    _send_poison(running, sender)
    assert len(sink.messages_to("admin@example.org")) == 1
    assert sink.messages_to(sender) == []


def test_mail_from_our_own_address_is_held_before_it_could_fail(running, sink):
    # Our own envelope sender: held as a loop or a forgery (issue 11), so never quarantined
    # and never answered.
    _poison_identity_store(running)
    assert running.send(report(subject=SECRET_SUBJECT, body=SECRET_TEXT + "\n"),
                        mail_from="conduct@example.org")[0] == 250
    running.run_until_idle()
    assert running.state.spool.quarantined_ids() == [] and len(running.state.held.ids()) == 1
    assert [m.rcpt_tos for m in sink.all()] == [["admin@example.org"]]


def test_no_notice_when_the_sender_address_is_not_deliverable(running, sink):
    _send_poison(running, '"ja ne"@example.net')
    assert len(sink.messages_to("admin@example.org")) == 1
    assert [m.rcpt_tos for m in sink.all()] == [["admin@example.org"]]


@pytest.mark.parametrize("stage, call", [(acknowledge, "to_reporter"), (forward, "send_forward"),
                                         (runner, "_mark_processed")])     # after every mail was queued
def test_a_failure_after_the_case_opened_is_completed_on_the_next_attempt(running, sink, monkeypatch,
                                                                          stage, call):
    real, calls = getattr(stage, call), []

    def fails_once(*args, **kwargs):        # the injected fault: the acknowledgement or the forwards break once
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("template fault")
        return real(*args, **kwargs)

    monkeypatch.setattr(stage, call, fails_once)
    assert running.send(report(), mail_from=REPORTER)[0] == 250
    (entry,) = running.state.spool.ids()
    wait_until(lambda: _attempts(running, entry) == 1)
    # opened, then the ack failed (the case is written as its group commit ends, just after)
    wait_until(lambda: len(running.store.codes()) == 1)
    running.advance(minutes=2)
    wait_until(lambda: running.state.spool.ids() == [])
    running.run_until_idle()
    (code,) = running.store.codes()
    assert len(sink.messages_to(REPORTER)) == 1
    for member in MEMBERS:
        assert len(sink.messages_to(member)) == 1, member
    assert running.store.get(code).get("acknowledged") is True
    assert running.state.spool.quarantined_ids() == []


def test_a_case_left_by_a_quarantined_message_is_named_in_the_alert(running, sink, monkeypatch):
    def always_fails(*args, **kwargs):
        raise RuntimeError("template fault")

    monkeypatch.setattr(acknowledge, "to_reporter", always_fails)
    assert running.send(report(), mail_from=REPORTER)[0] == 250
    (entry,) = running.state.spool.ids()
    _retry_until_quarantined(running, entry)
    (code,) = running.store.codes()
    (alert,) = sink.messages_to("admin@example.org")
    assert f"Case: {code}" in alert.text() and f"mailrouter queue release {entry}" in alert.text()
    (notice,) = sink.messages_to(REPORTER)          # not acknowledged, so told a person will look
    assert "a person will look at it" in " ".join(notice.text().split())


def test_a_message_past_its_budget_while_naming_people_opens_no_case(running, sink, monkeypatch):
    """The search for the people a report names is the last budgeted reading (T4). It runs
    before the case opens, so running out of budget there sets the message aside whole:
    no case opened with an acknowledgement and no forwards (rule 1: no orphan cases)."""
    real = Reader.scrub                     # the clean copy and the named people: one call

    def out_of_budget(reader, *args):       # the injected fault: the budget runs out in this call
        reader.remaining = 0.0              # the real overrun follows: child replaced, Unreadable
        return real(reader, *args)

    monkeypatch.setattr(Reader, "scrub", out_of_budget)
    assert running.send(report(subject=SECRET_SUBJECT, body=SECRET_TEXT + "\n"), mail_from=REPORTER)[0] == 250
    wait_until(lambda: running.state.spool.quarantined_ids())
    wait_until(lambda: running.state.spool.ids() == [])
    _worker_settled(running)
    running.run_until_idle()
    (entry,) = running.state.spool.quarantined_ids()
    reason = (running.state.spool.quarantine_dir / f"{entry}.reason").read_text()
    assert reason.startswith("Unreadable: reading took longer than its budget")
    assert running.store.codes() == []                             # no case left without forwards
    (notice,) = sink.messages_to(REPORTER)                         # told a person will look at it
    assert "a person will look at it" in " ".join(notice.text().split())
    (alert,) = sink.messages_to("admin@example.org")
    assert "Case:" not in alert.text()
    assert all(not sink.messages_to(member) for member in MEMBERS)


@pytest.mark.parametrize("message_id", ["<>", "<@>", "<<<>>>", "< >", "<a@[>"])
def test_a_report_whose_message_id_does_not_parse_is_acknowledged_and_forwarded(running, sink, message_id):
    """A broken Message-ID is no reason for an orphan case: the acknowledgement reads it leniently."""
    code, _ = running.send(report(body=SECRET_TEXT + "\n", message_id=message_id), mail_from=REPORTER)
    assert code == 250
    running.run_until_idle()
    assert not running.state.spool.quarantined_ids()
    assert [m.rcpt_tos for m in sink.all() if "Your report was received" in str(m["Subject"])] == [[REPORTER]]
    assert sorted(m.rcpt_tos[0] for m in sink.all() if "New report" in str(m["Subject"])) == MEMBERS


@pytest.mark.parametrize("cc", ['"', "Bo <bo@[10.0.0.1>"])
def test_a_members_reply_whose_cc_does_not_parse_is_still_relayed(running, sink, cc):
    """Counting who else a member's reply went to must not fail on a Cc the parser cannot read."""
    running.send(report(body=SECRET_TEXT + "\n"), mail_from=REPORTER)
    running.run_until_idle()
    before = len(sink.all())
    member_says(running, sink, "Ana Lima <ana@example.org>", "I can take this one.\n", extra_headers=(f"Cc: {cc}",))
    assert not running.state.spool.quarantined_ids()
    relayed = [m.rcpt_tos[0] for m in sink.all()[before:] if "I can take this one" in str(m.msg.get_body().get_content())]
    assert sorted(relayed) == ["bo@example.org", "chidi@example.org"]


def test_another_writers_mail_with_a_filed_reports_message_id_is_set_aside_not_dropped(running, sink):
    """The same message twice is filed once (D5); another address's mail under that Message-ID is
    not that message: the admin is told, its writer gets the notice, no case is touched."""
    running.send(report(body=SECRET_TEXT + "\n", message_id="<same@example.net>"), mail_from=REPORTER)
    running.send(report(body=SECRET_TEXT + "\n", message_id="<same@example.net>"), mail_from=REPORTER)
    running.run_until_idle()
    assert not running.state.spool.quarantined_ids() and len(running.state.store) == 1
    other = report(body="Someone else entirely.\n", sender="Kim Other <kim@example.com>", message_id="<same@example.net>")
    running.send(other, mail_from="kim@example.com")
    wait_until(lambda: running.state.spool.quarantined_ids())
    _worker_settled(running)                            # its alert and notice queued with the commit
    running.run_until_idle()
    assert len(running.state.store) == 1
    (alert,) = sink.messages_to("admin@example.org")
    assert "Message-ID is that of a report filed from another address" in " ".join(alert.text().split())
    assert "Case " not in alert.text()                  # the other report's case is not this one's
    (notice,) = sink.messages_to("kim@example.com")
    assert "a person will look at it" in " ".join(notice.text().split())
    assert [m.rcpt_tos for m in sink.all() if "Your report was received" in str(m["Subject"])] == [[REPORTER]]


def test_finding_who_wrote_a_big_report_is_done_within_its_budget(running, sink, monkeypatch):
    """Who wrote a report (identify_reporter) is found in the reading process, so its time counts
    against the message's budget (T4): a 2.9 MB table took 2.6 s of the worker's own time before,
    outside any budget. Here the child runs out of budget in that very call."""
    real = Reader.identify

    def out_of_budget(reader, *args):       # the injected fault: the budget runs out in this call
        reader.remaining = 0.0
        return real(reader, *args)

    monkeypatch.setattr(Reader, "identify", out_of_budget)
    assert running.send(report(subject=SECRET_SUBJECT, body=SECRET_TEXT + "\n"), mail_from=REPORTER)[0] == 250
    wait_until(lambda: running.state.spool.quarantined_ids())
    _worker_settled(running)
    (entry,) = running.state.spool.quarantined_ids()
    reason = (running.state.spool.quarantine_dir / f"{entry}.reason").read_text()
    assert reason.startswith("Unreadable: reading took longer than its budget")
    assert running.store.codes() == []


def test_the_reading_process_finds_the_same_writer_the_worker_would(running, sink):
    """The identity the child finds is the one identify_reporter would find in the worker."""
    raw = report(sender="Noa Fischer <noa.fischer@example.net>", body="Call me on +49 151 2345 6789.\nNoa\n")
    reader = running.daemon.worker.reader
    path = running.state.spool.path_of(running.state.spool.put(raw, {"mail_from": "noa.fischer@example.net",
                                                                        "rcpt_tos": ["conduct@example.org"]}))
    found = []

    def in_the_worker():
        msg = reader.parse_entry(path)
        held = reader.parsed(raw)
        ctx = running.daemon.ctx
        found.append((reader.identify(held, "noa.fischer@example.net", ctx.committee, ctx.own_addresses),
                      reporter_identity(msg, raw, "noa.fischer@example.net", ctx.committee, ctx.own_addresses)))
    _worker_settled(running, in_the_worker)
    child, worker = found[0]
    assert child == worker and "+49 151 2345 6789" in " ".join(child.details)
