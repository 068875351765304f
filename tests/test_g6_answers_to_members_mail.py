"""Answers at the alias to our mail to members, from people who are not on the committee (issue 11, F4, F3).

A member's mailbox forwards a case's forward to a colleague, a second address or a helpdesk;
the answer goes to the forward's From, the alias. It answers a case: never a new case (whose
acknowledgement would go to its writer and whose forward would carry the first case's forward
to every member). It is held on the case it answers, as the same writer at the member's case
address is: not relayed, its writer sent nothing, the member whose mail it answers told, the
admin alerted once. Only the case's reporter, from their own address, adds to it.
"""

import random
import subprocess
import sys

import pytest

from harness import member_says, report

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
OUTSIDER = "lee@other.example"
HELD_EVENT = "answer from outside the committee (held, not relayed)"


def mail(sender, subject, body, extra=()):
    address = sender.split("<")[-1].rstrip(">")
    lines = [f"From: {sender}", "To: conduct@example.org", f"Subject: {subject}",
             "Date: Mon, 02 Nov 2026 11:00:00 +0000",
             f"Message-ID: <{random.getrandbits(64)}@{address.split('@')[1]}>", *extra,
             "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


def forwarded(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    (forward,) = [m for m in sink.messages_to("ana@example.org") if "New report" in m["Subject"]]
    return code, forward


def by_subject(forward):
    return mail(f"Lee Park <{OUTSIDER}>", f"Re: Fwd: {forward['Subject']}",
                "Ana, I was there too; I can confirm it.\n")


def by_thread(forward):
    return mail(f"Lee Park <{OUTSIDER}>", "my notes from that evening", "I was there too.\n",
                extra=(f"In-Reply-To: {forward['Message-ID']}", f"References: {forward['Message-ID']}"))


def by_subject_of_a_relay(forward, daemon, sink):
    member_says(daemon, sink, "Bo Chen <bo@example.org>", "Shall we talk to them?\n", subject="Next steps")
    (relay,) = [m for m in sink.messages_to("ana@example.org") if "Next steps" in m["Subject"]]
    return mail(f"Lee Park <{OUTSIDER}>", f"AW: WG: {relay['Subject']}", "Yes, talk to them.\n")


def outcome(daemon, sink, code, before):
    new = sink.all()[before:]
    assert daemon.store.codes() == [code]                                     # never a new case
    assert not sink.messages_to(OUTSIDER)                                     # its writer is sent nothing
    assert not [m for m in new if m.rcpt_tos[0] in MEMBERS and "New report" in m["Subject"]]
    assert not [m for m in new if "confirm" in m.text() or "talk to them" in m.text()]    # not relayed
    assert [e["kind"] for e in daemon.store.events(code)].count(HELD_EVENT) == 1
    return new


@pytest.mark.parametrize("shape", [by_subject, by_thread, by_subject_of_a_relay])
def test_outsiders_answer_to_members_mail_is_held_on_its_case(daemon, sink, shape):
    code, forward = forwarded(daemon, sink)
    raw = shape(forward, daemon, sink) if shape is by_subject_of_a_relay else shape(forward)
    held, before = len(daemon.state.held.ids()), len(sink.all())
    assert daemon.send(raw, mail_from=OUTSIDER)[0] == 250
    daemon.run_until_idle()
    new = outcome(daemon, sink, code, before)
    assert len(daemon.state.held.ids()) == held + 1
    (alert,) = [m for m in new if m.rcpt_tos == ["admin@example.org"]]
    assert code in alert.text() and OUTSIDER not in alert.text()


def test_the_member_whose_mail_it_answers_is_told_once_and_the_admin_alerted_once(daemon, sink):
    code, forward = forwarded(daemon, sink)
    before = len(sink.all())
    for _ in range(3):
        daemon.send(by_thread(forward), mail_from=OUTSIDER)
        daemon.run_until_idle()
    new = sink.all()[before:]
    (told,) = [m for m in new if m.rcpt_tos[0] in MEMBERS]
    assert told.rcpt_tos == ["ana@example.org"] and "outside the committee" in told["Subject"]
    assert OUTSIDER not in told.text()
    assert len([m for m in new if m.rcpt_tos == ["admin@example.org"]]) == 1
    assert len(daemon.state.held.ids()) == 3
    assert daemon.store.codes() == [code] and not sink.messages_to(OUTSIDER)


def test_a_plain_helpdesk_answering_a_members_forward_settles_at_once(daemon, sink):
    """bo's mailbox forwards into a helpdesk that answers every mail's From (the alias) with a new
    ticket number in its subject and text, and no RFC 3834 header (F3)."""
    code, _ = forwarded(daemon, sink)
    desk, seen, sent = "helpdesk@example.org", {"bo@example.org": 0, "helpdesk@example.org": 0}, 0
    for _ in range(8):
        new = []
        for who in seen:
            new += sink.messages_to(who)[seen[who]:]
            seen[who] = len(sink.messages_to(who))
        if not new:
            break
        for got in new:
            sent += 1
            daemon.send(mail(f"IT Helpdesk <{desk}>", f"Re: {got['Subject']} [#{sent}{sent}{sent}]",
                             f"Thank you for contacting IT. Your ticket #{4470 + sent} has been created.\n"),
                        mail_from=desk)
        daemon.run_until_idle()
    assert sent <= 2
    assert daemon.store.codes() == [code]


def test_the_reporter_answering_with_a_members_subject_adds_to_their_case(daemon, sink):
    code, forward = forwarded(daemon, sink)
    daemon.send(mail(f"Jane Reporter <{REPORTER}>", f"Re: {forward['Subject']}", "He did it again on Tuesday.\n"))
    daemon.run_until_idle()
    assert daemon.store.codes() == [code]
    for member in MEMBERS:
        (added,) = [m for m in sink.messages_to(member) if "The reporter added" in m["Subject"]]
        assert "again on Tuesday" in added.text()
    assert HELD_EVENT not in [e["kind"] for e in daemon.store.events(code)]


def test_the_admins_release_files_a_held_answer(daemon, sink, config_path):
    """`mailrouter queue release` is the admin's decision: the answer is no longer held again."""
    code, forward = forwarded(daemon, sink)
    daemon.send(by_subject(forward), mail_from=OUTSIDER)
    daemon.run_until_idle()
    (held,) = daemon.state.held.ids()
    released = subprocess.run([sys.executable, "-m", "mailrouter", "queue", "release", held, "--config",
                               str(config_path)], capture_output=True, text=True, timeout=60)
    assert released.returncode == 0, released.stderr
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 2 and not daemon.state.held.ids()
