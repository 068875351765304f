"""Loops that lack the headers (R4, L5): a plain-mail vacation bot answering the alias.

The bot of the issue sends no Auto-Submitted, no Precedence and no List-* header; it
answers every mail it receives from us, at the alias (our From), with `Re: <our subject>`
and In-Reply-To our Message-ID. Here it is wired as a real loop over SMTP: each round,
every mail the sink received for the bot since the last round is answered.
"""

import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from harness import RunningDaemon, load, member_says, report, write_config
from mailrouter.cases.message_ids import ReporterMessageIds
from mailrouter.cases.throttle import SenderThrottle, Verdict
from mailrouter.mail.message import parse

BOT = "reporter@example.net"                 # the reporter's mailbox, away, with its bot
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
ADMIN = "admin@example.org"
AWAY = "Thank you for your message. I am away until 30 November and will read it then.\n"


def answer(mail, threading=("In-Reply-To",), body=AWAY, subject=None):
    """The bot's answer to `mail`, as plain mail (no RFC 3834 headers), to the alias."""
    ours = mail["Message-ID"]
    lines = [f"From: Jane Reporter <{BOT}>", "To: Example CoC Committee <conduct@example.org>",
             f"Subject: {subject or 'Re: ' + mail['Subject']}", "Date: Mon, 02 Nov 2026 11:00:00 +0000",
             f"Message-ID: <{random.getrandbits(64)}@example.net>"]
    if "In-Reply-To" in threading:
        lines.append(f"In-Reply-To: {ours}")
    if "References" in threading:
        lines.append(f"References: <original@example.net> {ours}")
    quoted = "".join(f"> {line}\n" for line in mail.text().splitlines())
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "",
              f"{body}\nOn Mon, 2 Nov 2026, the committee wrote:\n{quoted}"]
    return "\r\n".join(lines).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()


class Bot:
    """Answers, at the alias, each mail the sink received for the bot; counts what it sent."""

    def __init__(self, daemon, sink, **style):
        self.daemon, self.sink, self.style = daemon, sink, style
        self.answered = 0
        self.sent = 0

    def loop(self, rounds=20):
        for _ in range(rounds):
            self.daemon.run_until_idle()
            mails = self.sink.messages_to(BOT)
            if len(mails) == self.answered:
                return
            for mail in mails[self.answered:]:
                body = self.style["body"](self.sent) if self.style.get("body") else AWAY
                code, _ = self.daemon.send(answer(mail, self.style.get("threading", ("In-Reply-To",)), body,
                                                  self.style.get("subject")), mail_from=BOT)
                assert code == 250
                self.sent += 1
            self.answered = len(mails)


def to_members(sink):
    return [m for m in sink.all() if m.rcpt_tos[0] in MEMBERS]


@pytest.mark.parametrize("threading, subject", [
    (("In-Reply-To",), None), (("References",), None), ((), None),
    (("In-Reply-To",), "Away until 30 November"), (("References",), "Away until 30 November")],
    ids=["in-reply-to", "references-only", "subject-only", "own-subject", "own-subject-references"])
def test_vacation_bot_settles_within_two_messages(daemon, sink, threading, subject):
    daemon.send(report())
    bot = Bot(daemon, sink, threading=threading, subject=subject)
    bot.loop()
    (code,) = daemon.store.codes()                               # the report's case, and no other
    assert bot.sent == 1                                         # it answered the acknowledgement
    additions = [m for m in to_members(sink) if "The reporter added to the report" in m["Subject"]]
    assert sorted(m.rcpt_tos[0] for m in additions) == MEMBERS   # filed with the case, shared once
    assert "I am away until" in additions[0].text()
    assert len(sink.messages_to(BOT)) == 1                       # nothing to the bot but the ack

    # A second mail from us: the bot answers again with the same text, which adds nothing.
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "#to-reporter\nWe are looking into it.\n")
    before = len(sink.all())
    bot.loop()
    assert bot.sent == 2
    assert daemon.store.codes() == [code]
    assert len(sink.all()) == before                             # no member, reporter or admin mail
    assert any(e["kind"] == "repeated text (not relayed)" for e in daemon.store.events(code))


def test_bot_with_new_text_each_time_never_opens_a_case_or_mails_the_reporter(daemon, sink):
    daemon.send(report())
    bot = Bot(daemon, sink, body=lambda n: f"Auto-answer number {n}: I am away.\n", threading=())
    bot.loop()
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "#to-reporter\nWe are looking into it.\n")
    bot.loop()
    assert len(daemon.store.codes()) == 1
    assert bot.sent == 2                                         # one answer per mail of ours
    assert [m["Subject"].split("] ", 1)[1] for m in sink.messages_to(BOT)] == \
        ["Your report was received", "A message from the committee"]


def test_person_answering_the_acknowledgement_at_the_alias_adds_to_the_case(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    (ack,) = sink.messages_to(BOT)
    daemon.send(answer(ack, body="He did it again on Tuesday, at the evening session.\n"), mail_from=BOT)
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 1
    for member in MEMBERS:
        (added,) = [m for m in sink.messages_to(member) if "The reporter added" in m["Subject"]]
        assert "again on Tuesday" in added.text()
    assert len(sink.messages_to(BOT)) == 1                       # no second acknowledgement


def test_stranger_answering_our_mail_at_the_alias_is_not_shared_and_the_reporter_is_told(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    (ack,) = sink.messages_to(BOT)
    members_before = len(to_members(sink))
    forwarded = answer(ack, body="I am a friend of the reporter.\n").replace(
        f"<{BOT}>".encode(), b"<friend@example.net>")
    daemon.send(forwarded, mail_from="friend@example.net")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert len(to_members(sink)) == members_before
    assert "A message in your name was not shared" in sink.messages_to(BOT)[-1]["Subject"]
    assert any(e["kind"] == "unauthorised reply (not relayed)" for e in daemon.store.events(code))


def test_automatic_answer_to_our_mail_at_the_alias_is_recorded_on_its_case(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    (ack,) = sink.messages_to(BOT)
    before = len(sink.all())
    raw = answer(ack).replace(b"MIME-Version", b"Auto-Submitted: auto-replied\r\nMIME-Version", 1)
    daemon.send(raw, mail_from=BOT)
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert len(sink.all()) == before
    assert any(e["kind"] == "automatic reply (not relayed)" for e in daemon.store.events(code))
    assert len(daemon.state.held.ids()) == 1


def test_only_our_signature_finds_the_case():
    ids = ReporterMessageIds(b"k" * 32, "example.org")
    made = ids.make("home shelf")
    assert ids.case_of(f"<a@b> {made}", ["red door", "home shelf"]) == "home shelf"
    assert ReporterMessageIds(b"x" * 32, "example.org").case_of(made, ["home shelf"]) is None
    assert ids.case_of(made.replace("example.org", "example.net"), ["home shelf"]) is None
    nonce, tag = made[3:].split("@")[0].split(".")
    forged = made.replace(tag, ("b" if tag[0] == "a" else "a") + tag[1:])
    assert ids.case_of(forged, ["home shelf"]) is None


def repeats(daemon, n, sender=BOT):
    for _ in range(n):
        daemon.send(report(sender=f"Sender <{sender}>", body="Please read this, it is urgent.\n"),
                    mail_from=sender)
    daemon.run_until_idle(timeout=30)


def alerts(sink):
    return [m for m in sink.messages_to(ADMIN) if "repeats itself" in m["Subject"]]


def test_sender_repeating_itself_to_the_alias_is_throttled_and_the_window_slides(daemon, sink):
    repeats(daemon, 10)
    assert len(daemon.store.codes()) == 1                         # up to the limit: the repeats join the case
    daemon.advance(minutes=100)
    repeats(daemon, 2)
    assert len(daemon.store.codes()) == 1                         # the 11th and 12th: held
    assert len(daemon.state.held.ids()) == 2
    assert len(alerts(sink)) == 1                                 # the admin is told once
    repeats(daemon, 1, sender="someone@example.net")
    assert len(daemon.store.codes()) == 2                         # another sender is not affected
    daemon.send(report(sender=f"Sender <{BOT}>", body="Something else happened as well.\n"), mail_from=BOT)
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 3                         # new text from the sender passes
    daemon.advance(minutes=81)                                    # the first ten left the window
    repeats(daemon, 1)
    assert len(daemon.store.codes()) == 4
    assert len(alerts(sink)) == 1


def test_throttle_limits_come_from_the_configuration(tmp_path, sink):
    path = write_config(tmp_path, sink.port, limits={"repeats_per_sender": 2, "repeat_window": "10m"})
    daemon = RunningDaemon(load(path)).start()
    try:
        repeats(daemon, 3)          # the second joins the first's case, the third is held
        assert len(daemon.store.codes()) == 1 and len(alerts(sink)) == 1
        (held,) = daemon.state.held.ids()
        released = subprocess.run([sys.executable, "-m", "mailrouter", "queue", "release", held, "--config",
                                   str(path)], capture_output=True, text=True, timeout=60)
        assert released.returncode == 0, released.stderr
        daemon.run_until_idle()
        assert len(daemon.store.codes()) == 2                     # the admin's release is not throttled
        daemon.advance(minutes=11)
        repeats(daemon, 1)
        assert len(daemon.store.codes()) == 3
    finally:
        daemon.stop()


def test_a_retried_message_is_judged_once(tmp_path):
    throttle = SenderThrottle(tmp_path, b"k" * 32, limit=1, window=timedelta(minutes=10))
    now = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    msg = parse(report())
    assert throttle.judge(BOT, msg, "first", now) == Verdict(False)
    assert throttle.judge(BOT, msg, "first", now) == Verdict(False)     # a retry: not counted again
    assert throttle.judge(BOT, msg, "second", now) == Verdict(True, first=True)
    assert throttle.judge(BOT, msg, "second", now) == Verdict(True)     # no second alert


def test_member_answering_our_subject_at_the_alias_is_a_members_mail(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    mail = report(sender="Ana Lima <ana@example.org>", body="That was not me, I was at the venue.\n",
                  subject=f"Re: [{code}] A message in your name was not shared")
    daemon.send(mail, mail_from="ana@example.org")
    daemon.run_until_idle()
    assert len(sink.messages_to(BOT)) == 1                       # the reporter is told nothing
    assert not any(e["kind"] == "unauthorised reply (not relayed)" for e in daemon.store.events(code))
    assert daemon.store.codes() == [code]


def test_a_commits_verdicts_are_written_once_at_its_end_and_read_back_after_a_restart(tmp_path):
    # Kept in memory and written once per group commit (issue 11): a restart reads the same
    # record, so a retry is still judged once and the count goes on.
    from mailrouter.durable import group_commit
    throttle = SenderThrottle(tmp_path, b"k" * 32, limit=1, window=timedelta(minutes=10))
    msg = parse(report())
    now = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    with group_commit():
        assert throttle.judge(BOT, msg, "first", now) == Verdict(False)
        assert not list(tmp_path.glob("*.json"))
    again = SenderThrottle(tmp_path, b"k" * 32, limit=1, window=timedelta(minutes=10))
    assert again.judge(BOT, msg, "first", now) == Verdict(False)
    assert again.judge(BOT, msg, "second", now) == Verdict(True, first=True)
