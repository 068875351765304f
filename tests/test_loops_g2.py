"""Loops and repeats an attacker found at the alias (issue 11, R4), over real SMTP.

A plain-mail bot at the reporter's address answers each acknowledgement with its own,
changing subject and no threading headers: each answer looked like a new report, with its
own acknowledgement for the bot to answer. The same text from the same sender within the
throttle window now joins the case it filed, so such a bot settles within two messages, and
a person who sends their report twice keeps one case and one acknowledgement.
"""

import base64
import random

from harness import report

BOT = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
AWAY = "I am away and will answer when I'm back.\n"


def own_answer(body, subject=None):
    """The bot's answer: its own subject, no In-Reply-To/References, no Auto-Submitted."""
    return report(subject=subject or f"Notice {random.getrandbits(30)}: I am away", body=body)


def loop(daemon, sink, body, rounds=15):
    """Answer every mail the sink received for the bot; return how many the bot sent."""
    answered = sent = 0
    for _ in range(rounds):
        daemon.run_until_idle()
        mails = sink.messages_to(BOT)
        if len(mails) == answered:
            break
        for _mail in mails[answered:]:
            assert daemon.send(own_answer(body(sent)), mail_from=BOT)[0] == 250
            sent += 1
        answered = len(mails)
    return sent


def acks(sink):
    return [m for m in sink.messages_to(BOT) if "Your report was received" in m["Subject"]]


def test_subject_changing_bot_without_threading_settles_within_two(daemon, sink):
    daemon.send(report())
    sent = loop(daemon, sink, lambda n: AWAY)
    assert sent <= 2
    # the report's case and the bot's first answer (it reads as a report); nothing more
    assert len(daemon.store.codes()) == 2
    assert len(acks(sink)) == 2


def test_person_sending_the_same_report_twice_keeps_one_case_and_one_acknowledgement(daemon, sink):
    text = "He shouted at me at the registration desk on Saturday.\n"
    daemon.send(report(subject="Incident at registration", body=text))
    daemon.run_until_idle()
    daemon.send(report(subject="Fwd: incident (sending again to be sure)", body=text))
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert len(acks(sink)) == 1                                    # no second acknowledgement
    for member in MEMBERS:                                         # nothing lost: it joined the case
        mails = sink.messages_to(member)
        assert [m["Subject"] for m in mails] == [f"[{code}] New report: Incident at registration",
                                                 f"[{code}] The reporter added to the report"]
        assert "registration desk" in mails[1].text() and BOT not in mails[1].text()


def test_the_same_message_received_twice_is_still_one_report_and_no_addition(daemon, sink):
    raw = report(message_id="<once@example.net>")
    daemon.send(raw)
    daemon.run_until_idle()
    daemon.send(raw)
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert not any("added" in m["Subject"] for m in sink.all())


def test_new_text_or_a_repeat_after_the_window_is_a_new_report(daemon, sink):
    daemon.send(report(body="First incident: he shouted at me.\n"))
    daemon.run_until_idle()
    daemon.send(report(body="Second incident: someone else took my badge.\n"))
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 2
    daemon.advance(minutes=200)                                    # past the 180-minute window
    daemon.send(report(body="First incident: he shouted at me.\n"))
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 3


def screenshot(n):
    """The same words each time (none), a different screenshot attached."""
    data = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes([n]) * 600).decode()
    return "\r\n".join([f"From: Jane Reporter <{BOT}>", "To: conduct@example.org", "Subject: ",
                        f"Message-ID: <shot-{n}@example.net>", "MIME-Version: 1.0",
                        'Content-Type: multipart/mixed; boundary="b"', "", "--b", "Content-Type: text/plain", "", "",
                        "--b", f'Content-Type: image/png; name="shot{n}.png"', "Content-Transfer-Encoding: base64",
                        f'Content-Disposition: attachment; filename="shot{n}.png"', "", data, "--b--", ""]).encode()


def test_the_same_words_with_another_screenshot_each_time_lose_nothing(daemon, sink):
    for n in range(4):
        daemon.send(screenshot(n))
    daemon.run_until_idle()
    assert daemon.state.held.ids() == []
    # each reached the members, as a report or as an addition to one
    assert len(sink.messages_to(MEMBERS[0])) == 4


def test_with_joining_turned_off_the_same_report_again_is_its_own_case(tmp_path, sink):
    """`limits: join_repeated_reports: false` (the benchmark's setting: smtp-source sends one
    text from one address, and each is to be filed as a report) files each as a case."""
    from harness import RunningDaemon, load, write_config

    running = RunningDaemon(load(write_config(tmp_path, sink.port, limits={"join_repeated_reports": False})))
    running.start()
    try:
        text = "He shouted at me at the registration desk on Saturday.\n"
        for _ in range(2):
            running.send(report(subject="Incident at registration", body=text))
            running.run_until_idle()
        assert len(running.store.codes()) == 2 and len(acks(sink)) == 2
    finally:
        running.stop()
