"""Return paths and bounces (issue 10): member mail carries a signed `conduct+b-…` envelope
sender; a bounce to it is matched to its delivery and marks the mailbox failing (hard) or
is recorded (soft); the admin and the case's chair hear once; nothing answers a bounce."""

import base64
import subprocess
import sys

from bounce_samples import exchange_plain, gmail_plain, postfix_dsn, vacation_reply
from harness import member_reply, member_says, report

REPORTER, ADMIN = "reporter@example.net", "admin@example.org"
COMMITTEE = ["ana@example.org", "bo@example.org", "chidi@example.org", "dana@example.org",
             "steering@example.org"]
ALERT = "[mailrouter alert] a committee mailbox is failing"


def filed(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    sink.wait_for(4)
    return daemon.store.codes()[0]


def forward_to(sink, member):
    (forward,) = [m for m in sink.messages_to(member) if "New report" in str(m["Subject"])]
    return forward


def bounce(daemon, raw, return_path, mail_from=""):
    code, reply = daemon.send(raw, mail_from=mail_from, rcpt_tos=[return_path])
    assert code == 250, reply
    daemon.run_until_idle()


def subjects(sink, to, words):
    return [m for m in sink.messages_to(to) if words in str(m["Subject"])]


def rcpt_answer(daemon, address):
    import smtplib
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=10) as client:
        client.ehlo()
        client.mail("")
        return client.rcpt(address)[0]


def test_every_kind_of_member_mail_carries_its_own_signed_return_path(tmp_path, sink):
    from harness import RunningDaemon, load, write_config
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port, policy="jupyter"))).start()
    try:
        code = filed(daemon, sink)
        member_says(daemon, sink, "Ana Lima <ana@example.org>", "#propose a written warning\nThoughts?\n")
        member_says(daemon, sink, "Ana Lima <ana@example.org>", "#escalate\n")
        member_says(daemon, sink, "Ana Lima <ana@example.org>", "#to-reporter\nThanks, we are on it.\n")
        ack = sink.messages_to(REPORTER)[0]
        daemon.send(report(subject="Re: ack", body="One more thing.\n"),
                    rcpt_tos=[ack["Reply-To"].addresses[0].addr_spec])
        daemon.send(member_reply("Ana Lima <ana@example.org>", "about it", subject=f"Re: [{code}] New report"),
                    mail_from="ana@example.org")                            # answered: how to reply
        daemon.run_until_idle()
        daemon.advance(days=9)
        daemon.tick()
        paths = daemon.daemon.return_paths
        seen, senders = set(), []
        for mail in sink.all():
            rcpt = mail.rcpt_tos[0]
            if rcpt == REPORTER:
                assert mail.mail_from == "<>", mail["Subject"]             # RFC 3834: the reporter
                continue
            signed = paths.verify(daemon.daemon.replies.return_token_of(mail.mail_from))
            assert signed is not None, (rcpt, mail["Subject"])
            assert paths.recipient_in(signed, COMMITTEE) == rcpt
            assert paths.case_in(signed, [code]) in (code, None)
            local = mail.mail_from.split("@")[0]
            # Neither the address nor the case can be read from it (random base32 may spell "bo").
            token = daemon.daemon.replies.return_token_of(mail.mail_from)[len("b-"):]
            decoded = base64.b32decode(token.upper() + "=")
            assert rcpt not in local and "overland" not in local and len(local) <= 64
            assert rcpt.split("@")[0].encode() not in decoded and b"overland" not in decoded
            senders.append(mail.mail_from)
            seen.add(str(mail["Subject"]).replace(f"[{code}] ", "").split(":")[0].split("(")[0].strip())
        assert len(set(senders)) == len(senders)                            # one per delivery
        assert {"New report", "Committee update", "Your commands", "Re", "Escalated to you",
                "The reporter added to the report", "How to write to the committee about a case",
                "Reminder", "Your open Code of Conduct cases"} <= seen, seen
        assert len(sink.messages_to(REPORTER)) >= 3
    finally:
        daemon.stop()


def test_a_forged_return_path_is_refused_at_rcpt(daemon, sink):
    filed(daemon, sink)
    genuine = forward_to(sink, "bo@example.org").mail_from
    local, domain = genuine.split("@")
    flipped = local[:-1] + ("a" if local[-1] != "a" else "b")
    assert rcpt_answer(daemon, f"{flipped}@{domain}") == 550
    assert rcpt_answer(daemon, "conduct+b-" + "a" * 39 + "@example.org") == 550
    assert rcpt_answer(daemon, "conduct+b-short@example.org") == 550
    assert rcpt_answer(daemon, genuine) == 250
    assert rcpt_answer(daemon, genuine.upper()) == 250                      # a relay may fold case


def test_a_postfix_dsn_marks_the_mailbox_failing_and_tells_admin_and_chair_once(daemon, sink, config_path):
    code = filed(daemon, sink)
    return_path = forward_to(sink, "bo@example.org").mail_from
    bounce(daemon, postfix_dsn(return_path, "bo@example.org"), return_path)
    bounce(daemon, postfix_dsn(return_path, "bo@example.org"), return_path)          # the same DSN again
    bounce(daemon, postfix_dsn(return_path, "bo@example.org", message_id="<dsn-2@mx.example.org>"), return_path)
    mailbox = daemon.state.mailboxes.get("bo@example.org")
    assert mailbox["failing"] and mailbox["last_status"] == "5.1.1" and len(mailbox["bounces"]) == 2
    assert daemon.state.mailboxes.failing().keys() == {"bo@example.org"}
    (alert,) = subjects(sink, ADMIN, ALERT)
    assert alert.mail_from == "<>" and "Bo Chen" in alert.text() and "5.1.1" in alert.text()
    (notice,) = subjects(sink, "ana@example.org", "Delivery problem")
    assert "Bo Chen" in notice.text() and notice.mail_from.startswith("conduct+b-")
    for word in ("Sam", "Rivera", "conflict", "reporter@"):                 # Bo's conflict is Sam Rivera
        assert word not in notice.data.decode(), word
    for other in ("bo@example.org", "chidi@example.org", REPORTER):
        assert subjects(sink, other, "Delivery problem") == []
    assert len(sink.messages_to(REPORTER)) == 1                             # the ack, nothing more
    assert all(m.rcpt_tos[0] != "MAILER-DAEMON@mx.example.org" for m in sink.all())   # never answered
    events = [e for e in daemon.store.events(code) if e["kind"] == "delivery problem"]
    assert len(events) == 2 and events[0]["member"] == "bo@example.org"
    # the case goes on: Bo is still on it and still gets the discussion
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "Let us meet on Friday.\n")
    assert any("Friday" in m.text() for m in sink.messages_to("bo@example.org"))
    shown = subprocess.run([sys.executable, "-m", "mailrouter", "case", "show", code.replace(" ", "-"),
                            "--config", str(config_path)], capture_output=True, text=True)
    assert "Delivery problem: bo@example.org (hard bounce 5.1.1, 2026-11-02)" in shown.stdout, shown.stdout
    daemon.advance(days=1)                                                  # a new day: told again
    bounce(daemon, postfix_dsn(return_path, "bo@example.org", message_id="<dsn-3@mx.example.org>"), return_path)
    assert len(subjects(sink, ADMIN, ALERT)) == 2


def test_plain_exchange_and_gmail_bounces_are_hard(daemon, sink):
    filed(daemon, sink)
    chidi, bo = forward_to(sink, "chidi@example.org").mail_from, forward_to(sink, "bo@example.org").mail_from
    bounce(daemon, exchange_plain(chidi, "chidi@example.org"), chidi, mail_from="postmaster@exchange.example.org")
    bounce(daemon, gmail_plain(bo, "bo@example.org"), bo)
    assert daemon.state.mailboxes.get("chidi@example.org")["last_status"] == "5.1.10"
    assert daemon.state.mailboxes.get("bo@example.org")["last_status"] == "5.1.1"
    assert daemon.state.mailboxes.failing().keys() == {"chidi@example.org", "bo@example.org"}
    assert len(subjects(sink, ADMIN, ALERT)) == 2
    assert len(subjects(sink, "ana@example.org", "Delivery problem")) == 2


def test_a_4xx_dsn_is_recorded_only(daemon, sink):
    code = filed(daemon, sink)
    return_path = forward_to(sink, "bo@example.org").mail_from
    before = len(sink.all())
    bounce(daemon, postfix_dsn(return_path, "bo@example.org", status="4.4.1", action="delayed",
                               diagnostic="connect to mail.example.org[192.0.2.25]:25: Connection timed out"),
           return_path)
    mailbox = daemon.state.mailboxes.get("bo@example.org")
    assert not mailbox["failing"] and mailbox["bounces"][0]["severity"] == "soft"
    assert [e["status"] for e in daemon.store.events(code) if e["kind"] == "delivery delayed"] == ["4.4.1"]
    assert not [e for e in daemon.store.events(code) if e["kind"] == "delivery problem"]
    assert len(sink.all()) == before and daemon.state.held.ids() == []


def test_a_bounce_from_the_chair_tells_the_admin_but_not_the_failing_chair(daemon, sink):
    filed(daemon, sink)
    return_path = forward_to(sink, "ana@example.org").mail_from
    bounce(daemon, postfix_dsn(return_path, "ana@example.org"), return_path)
    assert len(subjects(sink, ADMIN, ALERT)) == 1
    assert subjects(sink, "ana@example.org", "Delivery problem") == []


def test_a_bounce_with_a_bad_signature_is_held_and_counts_nothing(daemon, sink):
    filed(daemon, sink)
    genuine = forward_to(sink, "bo@example.org").mail_from
    forged = genuine[:12] + ("a" if genuine[12] != "a" else "b") + genuine[13:]
    before = len(sink.all())
    daemon.state.spool.put(postfix_dsn(forged, "bo@example.org"), {"mail_from": "", "rcpt_tos": [forged]})
    daemon.run_until_idle()
    (held,) = daemon.state.held.ids()
    assert "signature fails" in daemon.state.held.meta(held)["reason"]
    assert daemon.state.mailboxes.failing() == {} and len(sink.all()) == before


def test_an_auto_reply_to_a_return_path_is_held_not_counted_not_answered(daemon, sink):
    filed(daemon, sink)
    return_path = forward_to(sink, "bo@example.org").mail_from
    before = len(sink.all())
    bounce(daemon, vacation_reply(return_path), return_path)
    assert len(daemon.state.held.ids()) == 1 and daemon.state.mailboxes.get("bo@example.org")["bounces"] == []
    assert len(sink.all()) == before
