"""Issue 12, leaving and pausing: a member removed or set inactive receives nothing more,
even mail already queued for them, and their case addresses are answered like unknown
ones; a member away (#away, or `away:` in members.yaml) gets no case mail and, back, one
catch-up per open case. Over real SMTP, with the fixed clock."""

import smtplib
import time

import pytest

from harness import (MEMBERS, RunningDaemon, Sink, dump, load, member_reply, member_says, reply_address, report,
                     write_config)

ESCALATION = [{"name": "Steering Council", "email": "steering@example.org"}]
CHIDI = "chidi@example.org"     # the member who leaves (Bo has a conflict file entry)


def write_members(folder, members):
    dump({"members": members, "escalation": ESCALATION}, folder / "members.yaml")


def without_chidi(**changes):
    return [dict(m, **changes) if m["email"] == CHIDI else m for m in MEMBERS if changes or m["email"] != CHIDI]


def reload(running):
    assert running._call(running.daemon.reloader.reload("test")) is True


def forwards(sink, who, word):
    return [m for m in sink.messages_to(who) if word in m.text()]


def events(running, kind):
    code = sorted(running.store.names)[0]
    return [e for e in running.store.events(code) if e["kind"] == kind]


@pytest.fixture
def down_sink():
    """A relay that is down (nothing listens on its port) until the test starts it."""
    server = Sink()
    yield server
    server.stop()


@pytest.mark.parametrize("change", ["removed", "inactive"])
def test_mail_queued_for_a_member_who_left_is_withdrawn_the_others_get_theirs(tmp_path, down_sink, change):
    running = RunningDaemon(load(write_config(tmp_path, down_sink.port))).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()                       # the relay is down: all of it stays queued
        assert len(running.state.outbox.queued()) == 4  # the acknowledgement and three forwards
        write_members(tmp_path, without_chidi(active=False) if change == "inactive" else without_chidi())
        reload(running)
        assert CHIDI not in [meta["recipient"] for _, meta in running.state.outbox.queued()]  # at the reload
        running.run_until_idle()                       # the admin's alert waits for the relay too
        down_sink.start()                              # the relay comes back
        running.advance(minutes=10)
        running.run_until_idle()
        assert forwards(down_sink, "ana@example.org", "walnut") and forwards(down_sink, "bo@example.org", "walnut")
        assert down_sink.messages_to(CHIDI) == []
        (withdrawn,) = events(running, "mail withdrawn")
        assert withdrawn["member"] == "Chidi Okafor" and withdrawn["kind_of_mail"] == "forward"
        assert CHIDI not in str(withdrawn)
        (alert,) = [m for m in down_sink.messages_to("admin@example.org") if "withdrawn" in str(m["Subject"])]
        assert "1 message(s) about 1 case(s)" in alert.text() and "1 member(s)" in alert.text()
        assert CHIDI not in alert.text()
    finally:
        running.stop()


def test_the_courier_checks_again_at_send_time(tmp_path, down_sink):
    """The race: the new committee is in force, the reload's withdrawal not yet done, and
    the relay is back: the courier holds the mail back and the worker withdraws it."""
    config_path = write_config(tmp_path, down_sink.port)
    running = RunningDaemon(load(config_path)).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()
        write_members(tmp_path, without_chidi(active=False))
        running.daemon.ctx.committee = load(config_path).committee     # what apply_config does first
        down_sink.start()
        running.advance(minutes=10)
        running.deliver_due()
        running.run_until_idle()
        assert forwards(down_sink, "ana@example.org", "walnut")
        assert down_sink.messages_to(CHIDI) == []
        deadline = time.monotonic() + 10                 # the worker withdraws it between messages
        while not events(running, "mail withdrawn") and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [e["member"] for e in events(running, "mail withdrawn")] == ["Chidi Okafor"]
        # The withdrawal's alert to the admin is queued just after the event: deliver until
        # the queue is empty or the deadline passes, then hold the queue to empty.
        deadline = time.monotonic() + 10
        while running.state.outbox.queued() and time.monotonic() < deadline:
            running.deliver_due()
            time.sleep(0.01)
        assert running.state.outbox.queued() == []
    finally:
        running.stop()


def test_a_withdrawal_outlives_a_restart(tmp_path, down_sink):
    """The outbox journal that made the forwards durable never brings a withdrawn one back."""
    config_path = write_config(tmp_path, down_sink.port)
    running = RunningDaemon(load(config_path)).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()
        write_members(tmp_path, without_chidi())
        reload(running)
        running.run_until_idle()
    finally:
        running.stop()
    down_sink.start()
    running = RunningDaemon(load(config_path), clock=running.clock).start()
    try:
        running.advance(minutes=10)
        running.run_until_idle()
        assert forwards(down_sink, "ana@example.org", "walnut") and down_sink.messages_to(CHIDI) == []
    finally:
        running.stop()


@pytest.mark.parametrize("change", ["removed", "inactive"])
def test_a_departed_members_case_address_is_answered_like_an_unknown_one(tmp_path, sink, change):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        running.send(report())
        running.run_until_idle()
        address = reply_address(sink, CHIDI)
        code = sorted(running.store.names)[0]
        write_members(tmp_path, without_chidi(active=False) if change == "inactive" else without_chidi())
        reload(running)
        unknown = address.split("+")[0] + "+" + "a" * 32 + "@" + address.split("@")[1]
        answers = []
        for rcpt in (address, unknown):
            with smtplib.SMTP("127.0.0.1", running.port, timeout=10) as client:
                client.ehlo()
                client.mail(CHIDI)
                answers.append(client.rcpt(rcpt))
        assert answers[0] == answers[1] and answers[0][0] == 550
        assert code.encode() not in answers[0][1]
    finally:
        running.stop()


def subjects(sink, who, since=0):
    return [str(m["Subject"]) for m in sink.messages_to(who)[since:]]


def test_away_then_back_no_report_no_relay_no_nudge_then_one_catch_up_per_case(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy="jupyter"))).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()
        member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#away until 2026-11-30\n")
        (confirmation,) = [m for m in sink.messages_to(CHIDI) if "Your commands" in str(m["Subject"])]
        assert "you are away until 2026-11-30" in confirmation.text()
        seen = len(sink.messages_to(CHIDI))
        member_says(running, sink, "Ana Lima <ana@example.org>", "#action call the venue\nWe should talk to the venue.\n")
        running.send(report(subject="Second matter", body="Quince marmalade shelf.\n"))
        running.run_until_idle()
        running.advance(hours=169)                     # the resolution nudge (144 h) and the digest (168 h)
        running.tick()
        assert forwards(sink, "bo@example.org", "Quince") and forwards(sink, "bo@example.org", "venue")
        assert [m for m in sink.messages_to("ana@example.org") if "Reminder" in str(m["Subject"])]
        assert len(sink.messages_to(CHIDI)) == seen       # no report, no relay, no nudge, no digest
        (digest,) = [m for m in sink.messages_to("ana@example.org") if "open Code of Conduct" in str(m["Subject"])]
        assert "Chidi Okafor, until 2026-11-30" in digest.text() and CHIDI not in digest.text()

        member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#back\n")
        after = sink.messages_to(CHIDI)[seen:]
        catch_ups = [m for m in after if "Your commands" not in str(m["Subject"])]
        assert len(catch_ups) == 2                       # one per open case
        summary, = [m for m in catch_ups if "While you were away" in str(m["Subject"])]
        assert "Ana Lima wrote:" in summary.text() and "We should talk to the venue." in summary.text()
        assert "Ana Lima used #action: call the venue" in summary.text()
        opened, = [m for m in catch_ups if "Opened while you were away" in str(m["Subject"])]
        assert "Quince marmalade shelf." in opened.text()
        # Back on the case: their words reach the others again, in the case's thread.
        member_says(running, sink, "Chidi Okafor <chidi@example.org>", "Back and reading.\n")
        assert forwards(sink, "ana@example.org", "Back and reading.")
    finally:
        running.stop()


def test_away_in_members_yaml_ends_on_its_day_noticed_by_the_tick(tmp_path, sink):
    members = without_chidi(away="2026-11-05")
    running = RunningDaemon(load(write_config(tmp_path, sink.port, members=members))).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()
        assert forwards(sink, "ana@example.org", "walnut") and not sink.messages_to(CHIDI)
        running.advance(days=2)                         # 2026-11-04: still away
        running.tick()
        assert not sink.messages_to(CHIDI)
        running.advance(days=1)                         # 2026-11-05: back
        running.tick()
        (opened,) = sink.messages_to(CHIDI)
        assert "Opened while you were away" in str(opened["Subject"]) and "walnut" in opened.text()
        assert [e["member"] for e in events(running, "catch-up sent")] == ["Chidi Okafor"]
    finally:
        running.stop()


def test_back_cannot_end_an_absence_members_yaml_declares(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()
        write_members(tmp_path, without_chidi(away=True))
        reload(running)
        member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#back\n")
        confirmation = sink.messages_to(CHIDI)[-1]
        assert "members.yaml says you are away until the admin changes it" in confirmation.text()
        running.send(report(subject="Second matter", body="Quince marmalade shelf.\n"))
        running.run_until_idle()
        assert not forwards(sink, CHIDI, "Quince")
    finally:
        running.stop()


PASS = "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org"


def to_alias(running, body, extra_headers=()):
    msg = member_reply("Chidi Okafor <chidi@example.org>", body, subject="Holidays", extra_headers=extra_headers)
    assert running.send(msg, mail_from=CHIDI)[0] == 250
    running.run_until_idle()


def test_away_and_back_sent_to_the_alias_never_open_a_case(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))).start()
    try:
        running.send(report(body="Pickled walnut jar.\n"))
        running.run_until_idle()
        to_alias(running, "#away until 2026-11-30\n")            # not verified: nothing changes
        told = sink.messages_to(CHIDI)[-1]
        assert "could not be checked as coming from you" in told.text()
        to_alias(running, "#away until 2026-11-30\n", extra_headers=(PASS,))
        assert "you are away until 2026-11-30" in sink.messages_to(CHIDI)[-1].text()
        running.send(report(subject="Second matter", body="Quince marmalade shelf.\n"))
        running.run_until_idle()
        assert len(running.store.names) == 2 and not forwards(sink, CHIDI, "Quince")
        to_alias(running, "#back\n", extra_headers=(PASS,))
        assert len(running.store.names) == 2
        confirmations = [m for m in sink.messages_to(CHIDI) if str(m["Subject"]) == "Your commands"]
        assert "welcome back" in confirmations[-1].text() and forwards(sink, CHIDI, "Quince")
    finally:
        running.stop()
