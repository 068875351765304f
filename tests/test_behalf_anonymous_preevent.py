"""Issue 14, over real SMTP: a delegate's forward, an anonymous report, a pre-event concern.

- A delegate (members.yaml `delegates:`) forwards an attendee's report: the attendee is
  protected though the delegate never says "on their behalf"; the delegate is acknowledged
  as its messenger, and their `Actions taken:` summary is recorded and relayed.
- `Anonymous: yes`: once the acknowledgement is delivered, no file under the state
  directory holds the reporter's address or name, raw, decoded or unsealed with every key
  the state directory holds; nothing more is ever sent to them.
- `Concern: pre-event` with `Event date:`: its own wording for the reporter, and the members
  reminded on the event date, once.
"""

import base64
import logging
import quopri
import re
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from cryptography.fernet import Fernet, InvalidToken

from harness import START, RunningDaemon, load, member_reply, member_says, report, reply_address, write_config
from mailrouter.clock import FixedClock
from mailrouter.errors import ConfigError
from mailrouter.privacy.sealing import GCM, Sealer

MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
DELEGATE = "eve@events.example"
ATTENDEE = ("Priya Raman", "priya.raman@example.net")
ANONYMOUS = ("Jane Reporter", "jane.reporter@example.net")


def with_delegate(tmp_path, sink, **overrides):
    path = write_config(tmp_path, sink.port, **overrides)
    members = (tmp_path / "members.yaml").read_text()
    (tmp_path / "members.yaml").write_text(members + f"delegates:\n  - name: Eve Organiser\n    email: {DELEGATE}\n")
    return load(path)


def delegate_forward():
    body = ("From the meetup last night, see below.\n\n"
            "Actions taken: I asked the person to leave the venue\n"
            "and told the venue's security.\n\n"
            "---------- Forwarded message ---------\n"
            f"From: {ATTENDEE[0]} <{ATTENDEE[1]}>\n"
            "Date: Sun, 1 Nov 2026 at 22:10\n"
            "Subject: the meetup\n"
            f"To: Eve Organiser <{DELEGATE}>\n\n"
            "Someone kept following me around the venue after the talks.\n\n"
            "Priya\n")
    return report(subject="From the meetup", body=body, sender=f"Eve Organiser <{DELEGATE}>")


def test_a_delegates_forward_protects_the_attendee_and_records_the_delegates_summary(tmp_path, sink):
    daemon = RunningDaemon(with_delegate(tmp_path, sink)).start()
    try:
        assert daemon.send(delegate_forward(), mail_from=DELEGATE)[0] == 250
        daemon.run_until_idle()
        sink.wait_for(1 + len(MEMBERS))
        case = daemon.store.get(daemon.store.codes()[0])
    finally:
        daemon.stop()
    for member in MEMBERS:
        (forward,) = sink.messages_to(member)
        seen = forward.data.decode("utf-8", "replace") + forward.text()
        for trace in ("Priya", "Raman", "priya.raman"):
            assert trace not in seen, (member, trace)
        assert "I asked the person to leave the venue" in forward.text()
        assert "Passed on by Eve Organiser, a delegate" in forward.text()
    (ack,) = sink.messages_to(DELEGATE)
    assert "The person whose report it is is protected as a reporter" in ack.text()
    assert sink.messages_to(ATTENDEE[1]) == []
    assert case["delegate"] == "Eve Organiser"
    assert case["delegate_summary"] == ("I asked the person to leave the venue\n"
                                        "and told the venue's security.")


def anonymous_report():
    return report(subject="Harassment at the meetup",
                  body="Someone kept interrupting me at every talk.\n\nAnonymous: yes\n\nJane\n",
                  sender=f"{ANONYMOUS[0]} <{ANONYMOUS[1]}>")


def test_an_anonymous_report_leaves_no_identity_in_the_state_directory(tmp_path, sink, caplog):
    caplog.set_level(logging.INFO, logger="mailrouter")
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        assert daemon.send(anonymous_report(), mail_from=ANONYMOUS[1])[0] == 250
        daemon.run_until_idle()
        sink.wait_for(1 + len(MEMBERS))
        daemon.run_until_idle()
        code = daemon.store.codes()[0]
        case = daemon.store.get(code)
        events = [e["kind"] for e in daemon.store.events(code)]
    finally:
        daemon.stop()
    (ack,) = sink.messages_to(ANONYMOUS[1])
    assert "we cannot follow up" in ack.text() and "keep nothing of who you are" in ack.text()
    assert case["anonymous"] is True
    assert "anonymous: no follow-up possible" in events
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("mailrouter"))
    assert code in logged and ANONYMOUS[1] not in logged and ANONYMOUS[0] not in logged
    state = tmp_path / "state"
    readable = [(path, text) for path in state.rglob("*") if path.is_file() for text in _readings(path, state)]
    assert len(readable) > 10
    for path, text in readable:
        for trace in (ANONYMOUS[1], ANONYMOUS[0], "jane.reporter", "Jane"):
            assert trace.lower() not in text.lower(), (str(path.relative_to(state)), trace)


def _readings(path, state):
    """The file as text, raw and decoded: base64 runs, quoted-printable, and every Fernet token
    opened with every key the state directory holds (identity.key and the case keys it wraps)."""
    data = path.read_bytes()
    texts = [data.decode("latin-1"), quopri.decodestring(data).decode("utf-8", "replace")]
    for run in re.findall(rb"[A-Za-z0-9+/=_-]{24,}", data):
        try:
            texts.append(base64.b64decode(run + b"==", altchars=b"-_" if b"-" in run or b"_" in run else None)
                         .decode("utf-8", "replace"))
        except ValueError:
            pass
    keys = _keys(state)
    for token in re.findall(rb"gAAAAA[A-Za-z0-9_=-]+", data):
        for key in keys:
            try:
                opened = key.decrypt(token)
            except InvalidToken:
                continue
            texts += [opened.decode("utf-8", "replace"), quopri.decodestring(opened).decode("utf-8", "replace")]
    if GCM in data:                  # an AES-GCM sealed payload runs to the end of its file
        opened = Sealer((state / "identity.key").read_bytes().strip()).open(data[data.index(GCM):])
        texts += [opened.decode("utf-8", "replace"), quopri.decodestring(opened).decode("utf-8", "replace")]
    return texts


def _keys(state):
    master = Fernet((state / "identity.key").read_bytes().strip())
    keys = [master]
    for wrapped in (state / "case-keys").glob("*.key") if (state / "case-keys").is_dir() else ():
        keys.append(Fernet(master.decrypt(wrapped.read_bytes().strip())))
    return keys


def test_an_anonymous_report_is_never_followed_up(tmp_path, sink):
    # PyTorch: a follow-up week, and an update to the reporter at the two-week resolution target
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port, policy="pytorch"))).start()
    try:
        daemon.send(anonymous_report(), mail_from=ANONYMOUS[1])
        daemon.run_until_idle()
        sink.wait_for(1 + len(MEMBERS))
        dead_address = reply_address(sink, ANONYMOUS[1])
        member_says(daemon, sink, "Ana Lima <ana@example.org>", "#to-reporter\nCould you tell us more?\n")
        answer = sink.messages_to("ana@example.org")[-1].text()
        assert "this report is anonymous" in answer
        daemon.clock.advance(days=15)                   # past the follow-up week and the resolution target
        daemon.tick()
        code, _ = daemon.send(report(body="More details.\n", sender=f"{ANONYMOUS[0]} <{ANONYMOUS[1]}>"),
                              mail_from=ANONYMOUS[1], rcpt_tos=[dead_address])
    finally:
        daemon.stop()
    assert code != 250                                  # the reporter's reply address is dead
    assert len(sink.messages_to(ANONYMOUS[1])) == 1     # the acknowledgement, nothing after it
    texts = [m.text() for m in sink.messages_to("ana@example.org")]
    assert not any("Nobody has written to the reporter yet" in t for t in texts)
    assert any("The report is anonymous, so the reporter cannot be sent an update" in t for t in texts)


def test_a_pre_event_concern_has_its_own_wording_and_a_reminder_on_the_event_date(tmp_path, sink):
    clock = FixedClock(START)                           # Monday 2 November 2026
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port, policy="pydistrict")), clock=clock).start()
    body = ("Someone who harassed me will be at the December meetup.\n\n"
            "Concern: pre-event\nEvent date: 2026-11-20\n")
    try:
        daemon.send(report(subject="Upcoming meetup", body=body))
        daemon.run_until_idle()
        case = daemon.store.get(daemon.store.codes()[0])
        clock.advance(days=7, minutes=1)                # the follow-up week passes
        daemon.tick()
        clock.advance(days=10)                          # Thursday 19 November: not yet
        daemon.tick()
        before = _reminders(sink)
        clock.advance(days=1)                           # Friday 20 November, the event date
        daemon.tick()
        clock.advance(hours=1)
        daemon.tick()
    finally:
        daemon.stop()
    assert (case["concern"], case["event_date"]) == ("pre-event", "2026-11-20")
    ack, status = sink.messages_to("reporter@example.net")
    assert "pre-event concern" in ack.text() and "2026-11-20" in ack.text()
    assert "safety arrangement for the upcoming event" in str(status["Subject"])
    assert "preparing a safety arrangement" in status.text()
    assert before == []
    assert [to for to, _ in _reminders(sink)] == ["ana@example.org"]       # PyDistrict triage: the chair


def _reminders(sink):
    return [(m.rcpt_tos[0], m) for m in sink.all() if "Today (2026-11-20) is the event" in m.text()]


def test_a_member_conflicted_with_an_anonymous_reporter_stays_out_once_the_identity_is_gone(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))   # Bo: a conflict with Sam
    daemon = RunningDaemon(config).start()
    bo, verified = "Bo Chen <bo@example.org>", ("Authentication-Results: mx.example.org; dmarc=pass header.from=example.org",)
    try:
        daemon.send(member_reply(bo, "#away\n", extra_headers=verified), mail_from="bo@example.org")
        daemon.run_until_idle()
        daemon.send(report(body="It happened again at the sprint.\n\nAnonymous: yes\n",
                           sender="Sam Rivera <sam@example.net>"), mail_from="sam@example.net")
        daemon.run_until_idle()
        code = daemon.store.codes()[0]
        identity_kept = daemon.daemon.ctx.reporters.known(code)
        # Back: a catch-up would send Bo every case opened meanwhile that he may read now.
        daemon.send(member_reply(bo, "#back\n", extra_headers=verified), mail_from="bo@example.org")
        daemon.run_until_idle()
    finally:
        daemon.stop()
    assert not identity_kept
    assert any("happened again at the sprint" in m.text() for m in sink.messages_to("chidi@example.org"))
    assert not any("happened again at the sprint" in m.text() for m in sink.messages_to("bo@example.org"))


def test_a_delegate_who_is_also_a_member_is_refused_with_file_line_and_key(tmp_path):
    path = write_config(tmp_path)
    members = (tmp_path / "members.yaml").read_text()
    (tmp_path / "members.yaml").write_text(members + "delegates:\n  - name: Bo Again\n    email: bo@example.org\n")
    with pytest.raises(ConfigError) as caught:
        load(path)
    lines = (tmp_path / "members.yaml").read_text().splitlines()
    assert str(caught.value) == (f"members.yaml:{len(lines)}: delegates[0].email: a delegate cannot also be a "
                                 "member, a reserve or another delegate")


def test_a_member_passing_on_a_report_is_recorded_as_its_messenger_and_stays_on_the_case(tmp_path, sink):
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    body = ("An attendee asked me to forward this on their behalf.\n\n"
            f"---------- Forwarded message ---------\nFrom: {ATTENDEE[0]} <{ATTENDEE[1]}>\n"
            "Subject: the sprint\nTo: Chidi Okafor <chidi@example.org>\n\n"
            "Someone shouted at me during the sprint.\n")
    try:
        daemon.send(report(body=body, sender="Chidi Okafor <chidi@example.org>"), mail_from="chidi@example.org")
        daemon.run_until_idle()
        sink.wait_for(1 + len(MEMBERS))
        case = daemon.store.get(daemon.store.codes()[0])
    finally:
        daemon.stop()
    assert case["delegate"] == "Chidi Okafor" and case["delegate_summary"] is None
    forwards = [m for m in sink.messages_to("chidi@example.org") if "New report" in str(m["Subject"])]
    assert len(forwards) == 1 and "Passed on by Chidi Okafor, a committee member" in forwards[0].text()
    assert "Priya" not in forwards[0].text()


def test_anonymous_in_a_base64_body_is_read_too(tmp_path, sink):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"{ANONYMOUS[0]} <{ANONYMOUS[1]}>", "conduct@example.org", "Report"
    msg.set_content("It happened at the party.\n\nANONYMOUS: yes\n", cte="base64")
    assert b"ANONYMOUS" not in msg.as_bytes().upper()            # nothing readable in the raw bytes
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        daemon.send(msg.as_bytes(policy=SMTP), mail_from=ANONYMOUS[1])
        daemon.run_until_idle()
        code = daemon.store.codes()[0]
        anonymous, identity_kept = daemon.store.get(code).get("anonymous"), daemon.daemon.ctx.reporters.known(code)
    finally:
        daemon.stop()
    assert anonymous is True and not identity_kept
