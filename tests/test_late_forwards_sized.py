"""A report forwarded later, to a member who joined (onboarding) or came back (the catch-up),
keeps to `limits.message_size` as the forward stage's does: when its full-text.txt would make
it larger than the relay takes (a copy the relay refuses reaches the member never, retried
until it fails), the copy goes without it and says so; the case's stored copy keeps it.
One rule for every forward (casework/forwarding.py `sized_forward`). Real SMTP, fixed clock.

The relay here takes 1000 KB: a 600 KB chat log is accepted, but its 512 KB view and its
full-text.txt together are over that.
"""

from harness import MEMBERS, RunningDaemon, dump, load, member_reply, report, write_config
from mailrouter.mail.message import parse
from mailrouter.privacy.long_body import FULL_TEXT

LIMIT = 1000 * 1024
LINE = "[12:01] someone: unbelievably inconsiderate misrepresentations, extraordinarily disrespectful\n"
CHAT = LINE * (600 * 1024 // len(LINE))
EVE = {"name": "Eve Novak", "email": "eve@example.org"}
CHIDI = "chidi@example.org"
ESCALATION = [{"name": "Steering Council", "email": "steering@example.org"}]


def started(tmp_path, sink, members):
    config = write_config(tmp_path, sink.port, members=members,
                          limits={"message_cpu_seconds": 600, "message_size": "1000KB"})
    running = RunningDaemon(load(config)).start()
    assert running.send(report(subject="The chat log", body=CHAT))[0] == 250
    running.run_until_idle(timeout=600)
    return running, running.store.codes()[0]


def assert_sized(running, code, mail):
    assert FULL_TEXT in {part.get_filename() for part in parse(running.store.report(code)).walk()}
    assert FULL_TEXT not in {part.get_filename() for part in mail.msg.walk()}
    assert len(mail.data) < LIMIT
    texts = [part.get_content() for part in mail.msg.walk() if part.get_content_maintype() == "text"]
    assert any("misrepresentations" in text and f"too large to attach to this mail ({FULL_TEXT})" in text
               for text in texts)


def test_a_newcomers_copy_of_a_big_open_case_keeps_to_the_relays_size(tmp_path, sink):
    running, code = started(tmp_path, sink, MEMBERS)
    try:
        dump({"members": MEMBERS + [EVE], "escalation": ESCALATION}, tmp_path / "members.yaml")
        assert running._call(running.daemon.reloader.reload("test: a member joins"))
        running.run_until_idle()
        (welcome,) = sink.messages_to(EVE["email"])
        assert running.send(member_reply(f"{EVE['name']} <{EVE['email']}>", "#no-conflicts\n", subject="Re: Welcome"),
                            mail_from=EVE["email"], rcpt_tos=[welcome["Reply-To"].addresses[0].addr_spec])[0] == 250
        running.run_until_idle(timeout=600)
        (onboarded,) = [m for m in sink.messages_to(EVE["email"]) if f"[{code}] Open case" in str(m["Subject"])]
        assert_sized(running, code, onboarded)
    finally:
        running.stop()


def test_a_catch_up_copy_of_a_big_case_opened_while_away_keeps_to_the_relays_size(tmp_path, sink):
    away = [dict(m, away="2026-11-05") if m["email"] == CHIDI else m for m in MEMBERS]
    running, code = started(tmp_path, sink, away)
    try:
        assert not sink.messages_to(CHIDI)
        running.advance(days=3)                       # 2026-11-05: back
        running.tick()
        (opened,) = sink.messages_to(CHIDI)
        assert "Opened while you were away" in str(opened["Subject"])
        assert_sized(running, code, opened)
    finally:
        running.stop()
