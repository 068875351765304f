"""Automatic mail set aside past a cap gets no notice (L1, issue 11).

A message nested past the cap is quarantined before it is parsed; its header section alone
still says whether it is automatic mail. A bot told "a person will look at it" answers, its
answer is quarantined again, and so on: one alert per message for the admin, nothing back.
Answers to our own notices and alerts, which carry no case, are held, never a case.
"""

import random
import time

import pytest

from harness import report
from mailrouter.mail import limits

REPORTER = "reporter@example.net"
ADMIN = "admin@example.org"


def nested(extra=(), subject="Harassment at the meetup", depth=limits.MAX_DEPTH + 4):
    lines = [f"From: Jane Reporter <{REPORTER}>", "To: conduct@example.org", f"Subject: {subject}",
             "Date: Mon, 02 Nov 2026 08:55:00 +0000", f"Message-ID: <{random.getrandbits(64)}@example.net>",
             *extra, "MIME-Version: 1.0"]
    for i in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="n{i}"', "", f"--n{i}"]
    lines += ["Content-Type: text/plain", "", "I am away."] + [f"--n{i}--" for i in reversed(range(depth))]
    return "\r\n".join(lines).encode()


def quarantined(daemon, raw):
    """Send `raw`, wait until it is set aside and all that follows is sent."""
    code, reply = daemon.send(raw)
    assert code == 250
    entry = reply.decode().split("Queued as ")[1].strip()
    deadline = time.monotonic() + 20
    while not daemon.state.outbox.was_queued(f"alert:quarantine:{entry}"):
        assert time.monotonic() < deadline, "never quarantined"
        daemon.daemon.worker.wake()
        time.sleep(0.02)
    done = []
    daemon.daemon.worker.between_messages(lambda: done.append(True))
    while not done:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    daemon.run_until_idle()


@pytest.mark.parametrize("extra, subject", [
    (["Auto-Submitted: auto-replied"], None), (["X-Autoreply: yes"], None),
    (["List-Id: <x.lists.example.net>", "Precedence: list"], None), (["X-Mailrouter-Loop: example.org"], None),
    ([], "Automatic reply: I am away"), (["X-Auto-Response-Suppress: All"], None)],
    ids=["auto-submitted", "x-autoreply", "list", "our-loop-marker", "autoreply-subject", "suppress"])
def test_quarantined_automatic_mail_gets_no_notice(daemon, sink, extra, subject):
    quarantined(daemon, nested(extra, subject or "Harassment at the meetup"))
    assert len(daemon.state.spool.quarantined_ids()) == 1
    assert len(sink.messages_to(ADMIN)) == 1                       # the admin is told
    assert sink.messages_to(REPORTER) == []                        # the bot is not


def test_a_person_past_the_cap_is_still_told(daemon, sink):
    quarantined(daemon, nested())
    (notice,) = sink.messages_to(REPORTER)
    assert "a person will look at it" in " ".join(notice.text().split())


def _answer(ours, sender=f"Jane Reporter <{REPORTER}>", auto=False, body="I am away until 30 November."):
    return "\r\n".join([f"From: {sender}", "To: conduct@example.org", f"Subject: Re: {ours['Subject']}",
                        "Date: Mon, 02 Nov 2026 11:00:00 +0000", f"Message-ID: <{random.getrandbits(64)}@ex.net>",
                        f"In-Reply-To: {ours['Message-ID']}", *(["Auto-Submitted: auto-replied"] if auto else []),
                        "Content-Type: text/plain", "", "Thank you for your email. " + body, ""]).encode()


def test_answers_to_our_notice_and_alert_are_held_never_a_case(daemon, sink):
    quarantined(daemon, nested())
    (notice,), (alert,) = sink.messages_to(REPORTER), sink.messages_to(ADMIN)
    before = len(sink.all())
    daemon.send(_answer(notice, auto=True))           # an automatic answer: held in silence
    daemon.send(_answer(alert, sender=f"Admin <{ADMIN}>"), mail_from=ADMIN)
    daemon.run_until_idle()
    assert daemon.store.codes() == []
    assert len(sink.all()) == before
    assert len(daemon.state.held.ids()) == 2


def test_a_report_is_unchanged(daemon, sink):
    daemon.send(report(subject="Your message was received badly at the meetup"))
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 1
