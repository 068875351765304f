"""Issue 12, leaving and pausing: a member removed or set inactive receives nothing more,
even mail already queued for them, and their case addresses are answered like unknown
ones; a member away (#away, or `away:` in members.yaml) gets no case mail and, back, one
catch-up per open case. Over real SMTP, with the fixed clock."""

import smtplib

import pytest

from harness import MEMBERS, RunningDaemon, Sink, dump, load, member_says, reply_address, report, write_config

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
        assert [e["member"] for e in events(running, "mail withdrawn")] == ["Chidi Okafor"]
        assert running.state.outbox.queued() == []
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
