"""The reporter's identity stays with mailrouter; conflicted members never see the case."""

import re
import stat
import subprocess
import sys

from harness import RunningDaemon, load, report, write_config

REPORTER = "zoe.muller87@example.net"
NAME = "Zoë Müller"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def forwards(sink):
    return [m for m in sink.all() if "New report" in str(m["Subject"])]


def send_and_settle(daemon, raw, mail_from=REPORTER, **kwargs):
    code, _ = daemon.send(raw, mail_from=mail_from, **kwargs)
    assert code == 250
    daemon.run_until_idle()


def test_state_directory_does_not_reveal_who_reported(daemon, sink):
    body = (f"Hi, I am {NAME} ({REPORTER}). My handle is zoe.muller87.\n"
            "The comments in #general were hostile.\nZoë\n")
    send_and_settle(daemon, report(sender=f"{NAME} <{REPORTER}>", subject=f"From {NAME}", body=body))
    (ack,) = sink.messages_to(REPORTER)
    reply_address = ack["Reply-To"].addresses[0].addr_spec
    send_and_settle(daemon, report(sender=f"{NAME} <{REPORTER}>", body="More: I have logs.\n"),
                    rcpt_tos=[reply_address])
    needles = [REPORTER.encode(), b"zoe.muller87", NAME.encode(), "Müller".encode(),
               "M=C3=BCller".encode(), b"Zo=C3=AB"]
    state = daemon.config.state_dir
    checked = set()
    for path in state.rglob("*"):
        if path.is_file() and path.name != "identity.key":
            data = path.read_bytes().lower()
            checked.add(path.relative_to(state).parts[0] if path.parent != state else path.name)
            name = str(path.relative_to(state)).encode().lower()    # a file's name is no hiding place
            for needle in needles:
                assert needle.lower() not in data and needle.lower() not in name, (needle, path)
    # the case, its reports, the identity, the ack ledger and the throttle were all among the files read
    assert {"cases", "identities", "acks", "outbox", "throttle"} <= checked
    assert len(list((state / "cases").rglob("report-*.eml"))) == 2


def test_state_directory_is_private(daemon, sink):
    send_and_settle(daemon, report())
    state = daemon.config.state_dir
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    files = set()
    for path in state.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
        if path.is_file():
            files.add(path.relative_to(state).parts[0])
    # the files a report leaves behind were among those checked, not only the start-up ones
    assert {"cases", "identities", "acks", "outbox", "throttle"} <= files, files


def test_identity_store_is_encrypted_and_readable_with_the_key(daemon, sink):
    send_and_settle(daemon, report(sender=f"{NAME} <{REPORTER}>"))
    code = daemon.store.codes()[0]
    files = list((daemon.config.state_dir / "identities").iterdir())
    assert len(files) == 1 and REPORTER.encode() not in files[0].read_bytes()
    assert daemon.state.identities.get(code).addresses[0] == REPORTER


def test_reporter_who_asks_to_share_is_shown_to_members(daemon, sink):
    body = "Share my identity: yes\nI am happy to talk to you directly.\n"
    send_and_settle(daemon, report(sender=f"{NAME} <{REPORTER}>", body=body))
    sent = forwards(sink)
    assert len(sent) == 3
    for forward in sent:
        assert REPORTER in forward.text() and NAME in forward.text()


def test_quoted_share_line_does_not_count(daemon, sink):
    body = "See below.\n\n> Share my identity: yes\n"
    send_and_settle(daemon, report(sender=f"{NAME} <{REPORTER}>", body=body))
    sent = forwards(sink)
    assert len(sent) == 3
    for forward in sent:
        assert "See below." in forward.text()
        assert REPORTER not in forward.text() and "Müller" not in forward.text()


def test_reported_person_line_makes_a_party_and_excludes_the_conflicted_member(daemon, sink):
    body = "Reported person: S. Rivera <sam@example.net>\nIt happened twice.\n"
    send_and_settle(daemon, report(body=body))
    assert sink.messages_to("bo@example.org") == []
    assert {m.rcpt_tos[0] for m in forwards(sink)} == {"ana@example.org", "chidi@example.org"}
    case = daemon.store.get(daemon.store.codes()[0])
    # the conflict list's fuller record of the same person (same address) is kept
    assert [p["name"] for p in case["parties"]] == ["Sam Rivera"]


def test_reported_person_unknown_to_the_lists_is_recorded_as_a_party(daemon, sink):
    body = "It happened twice.\nReported person: Riley Quinn <riley.quinn@example.com>\n"
    send_and_settle(daemon, report(body=body))
    case = daemon.store.get(daemon.store.codes()[0])
    assert case["parties"] == [{"name": "Riley Quinn", "emails": ["riley.quinn@example.com"], "aliases": []}]
    assert len(forwards(sink)) == 3


def test_accent_and_case_insensitive_mention_of_a_member_excludes_them(daemon, sink):
    send_and_settle(daemon, report(body="CHÍDI OKAFOR was there too.\n"))
    assert sink.messages_to("chidi@example.org") == []
    assert sorted(m.rcpt_tos[0] for m in forwards(sink)) == ["ana@example.org", "bo@example.org"]


def tiny_png():
    import base64
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def test_pgp_key_and_the_reporters_vcard_are_dropped_with_a_note(daemon, sink):
    raw = (f"From: {NAME} <{REPORTER}>\r\nTo: conduct@example.org\r\nSubject: report\r\n"
           "Message-ID: <pgp-vcard@example.net>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
           "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the screenshot.\r\n"
           "--b\r\nContent-Type: application/pgp-keys; name=key.asc\r\n"
           "Content-Disposition: attachment; filename=key.asc\r\n\r\n"
           f"-----BEGIN PGP PUBLIC KEY BLOCK-----\r\nuid {REPORTER}\r\n-----END PGP PUBLIC KEY BLOCK-----\r\n"
           "--b\r\nContent-Type: text/vcard; name=me.vcf\r\nContent-Disposition: attachment; filename=me.vcf\r\n\r\n"
           f"BEGIN:VCARD\r\nFN:{NAME}\r\nEMAIL:{REPORTER}\r\nTEL:+44 7700 900123\r\nEND:VCARD\r\n"
           "--b\r\nContent-Type: text/vcard; name=him.vcf\r\nContent-Disposition: attachment; filename=him.vcf\r\n\r\n"
           "BEGIN:VCARD\r\nFN:Someone Else\r\nEMAIL:other@example.net\r\nEND:VCARD\r\n"
           "--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"Zoë Müller screenshot.png\"\r\n"
           f"Content-Transfer-Encoding: base64\r\n\r\n{tiny_png()}\r\n--b--\r\n").encode()
    send_and_settle(daemon, raw)
    sent = forwards(sink)
    assert len(sent) == 3
    for forward in sent:
        names = [p.get_filename() for p in forward.msg.iter_attachments()]
        assert names == ["him.vcf", "[reporter] screenshot.png"]
        assert "a key or signature" in forward.text() and "contact card of the reporter" in forward.text()
        assert "+44 7700 900123" not in forward.data.decode() and "other@example.net" in forward.text()


def test_html_report_stays_html_without_the_reporter(daemon, sink):
    raw = (f"From: {NAME} <{REPORTER}>\r\nTo: conduct@example.org\r\nSubject: html\r\n"
           "Message-ID: <html-only@example.net>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n"
           f"<html><body><p>The <b>comments</b> were hostile.</p>"
           f"<p>Write to me: <a href=\"mailto:{REPORTER}\">{REPORTER}</a></p><p>{NAME}</p></body></html>\r\n").encode()
    send_and_settle(daemon, raw)
    sent = forwards(sink)
    assert len(sent) == 3
    for forward in sent:
        html_part = forward.msg.get_body(preferencelist=("html",))
        markup = html_part.get_content()
        assert "The <b>comments</b> were hostile." in markup
        assert REPORTER not in markup and "Müller" not in markup and "M&uuml;ller" not in markup
        assert len(re.findall(r"<p[ >]", markup)) == markup.count("</p>")


def test_route_dry_run_gives_reason_classes_never_the_person(tmp_path):
    path = write_config(tmp_path)
    eml = tmp_path / "report.eml"
    eml.write_bytes(report(sender="Ana Lima <ana@example.org>", body="Sam Rivera again.\n"))
    result = subprocess.run([sys.executable, "-m", "mailrouter", "route", "--dry-run", str(eml),
                             "--config", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "would receive:  Chidi Okafor <chidi@example.org>" in out
    assert "excluded:       Ana Lima <ana@example.org>: is a party" in out
    assert "excluded:       Bo Chen <bo@example.org>: declared a conflict" in out
    assert "excluded:       Dana Weiss <dana@example.org>: inactive" in out
    assert "Sam" not in out and "Rivera" not in out
    assert not (tmp_path / "state" / "cases").exists() or not any((tmp_path / "state" / "cases").iterdir())


def test_chair_reveal_is_logged_and_told_to_eligible_members(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(sender=f"{NAME} <{REPORTER}>", body="Sam Rivera again.\n"), mail_from=REPORTER)
        running.run_until_idle()
        code = running.store.codes()[0]
        running.reveal_from_cli(path, code, "ana@example.org", "the reporter agreed on the phone")
    finally:
        running.stop()
    reveals = [m for m in sink.all() if "identity has been shared" in str(m["Subject"])]
    assert sorted(m.rcpt_tos[0] for m in reveals) == ["ana@example.org", "chidi@example.org"]
    assert all(REPORTER in m.text() and "the reporter agreed on the phone" in m.text() for m in reveals)
    events = running.store.events(code)
    assert any(e["kind"] == "identity revealed" and e["by"] == "member:ana@example.org" for e in events)


def test_reveal_refuses_a_non_chair(tmp_path):
    path = write_config(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mailrouter", "case", "reveal", "any-case",
                             "--reason", "x", "--chair", "bo@example.org", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "not an active member with the chair role" in result.stderr


def test_reporters_later_mail_reaches_members_without_their_identity(tmp_path, sink):
    from harness import member_says, reply_address
    from mailrouter.clock import FixedClock
    from harness import START

    clock = FixedClock(START)
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy="pytorch")), clock=clock).start()
    signed = f"More detail: it happened twice.\n\nThanks,\nZoë\n{NAME} <{REPORTER}>\n"
    try:
        running.send(report(sender=f"{NAME} <{REPORTER}>", body="It happened.\n"), mail_from=REPORTER)
        running.run_until_idle()
        code = running.store.codes()[0]
        running.send(report(sender=f"{NAME} <{REPORTER}>", subject="Re: more", body=signed),
                     mail_from=REPORTER, rcpt_tos=[reply_address(sink, REPORTER)])   # an addition
        running.run_until_idle()
        member_says(running, sink, "Ana Lima <ana@example.org>", "#status resolved\n")
        clock.advance(days=3)
        running.send(report(sender=f"{NAME} <{REPORTER}>", subject=f"Appeal for {code}", body=signed),
                     mail_from=REPORTER)                                              # an appeal
        running.run_until_idle()
    finally:
        running.stop()
    later = [m for m in sink.all() if m.rcpt_tos[0] in MEMBERS and
             ("added to the report" in str(m["Subject"]) or "Appeal received" in str(m["Subject"]))]
    assert len(later) == 6                                   # 3 members × (addition, appeal)
    for mail in later:
        assert "it happened twice" in mail.text()
        raw = mail.data.decode("utf-8", "replace").lower()
        assert not re.search(r"(?<![\w.+-])zoe\.muller87@example\.net", raw)
        assert "müller" not in mail.text().lower() and "zoë" not in mail.text().lower()


def test_reporters_answer_at_the_alias_reaches_members_without_their_identity(daemon, sink):
    """The vacation-bot path (issue 11, R4): plain mail `Re:` our acknowledgement, In-Reply-To
    our Message-ID, sent to the alias. Its relay to the members is the clean copy: nothing of
    From, Reply-To, Message-ID or the reporter's name, in any header or decoded part."""
    private = "zoe.private@example.com"
    send_and_settle(daemon, report(sender=f"{NAME} <{REPORTER}>", body="It happened.\n"))
    (ack,) = sink.messages_to(REPORTER)
    own_id = "<zoe-muller87.answer.4711@example.net>"
    answer = "\r\n".join([
        f"From: {NAME} <{REPORTER}>", "To: Example CoC Committee <conduct@example.org>",
        f"Reply-To: Zoë M. <{private}>", f"Subject: Re: {ack['Subject']}",
        "Date: Mon, 02 Nov 2026 11:00:00 +0000", f"Message-ID: {own_id}",
        f"In-Reply-To: {ack['Message-ID']}", f"References: {ack['Message-ID']}",
        "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "",
        "It happened again at the evening session.", "", "Zoë", f"{NAME} <{REPORTER}>",
        f"private: {private}", ""]).encode()
    before = {id(m) for m in sink.all()}
    send_and_settle(daemon, answer)
    assert daemon.store.codes() and len(daemon.store.codes()) == 1
    bound = [m for m in sink.all() if id(m) not in before and m.rcpt_tos[0] in MEMBERS]
    assert sorted(m.rcpt_tos[0] for m in bound) == MEMBERS      # the relay, one per member
    for mail in bound:
        assert "again at the evening session" in mail.text()
        seen = "\n".join(f"{name}: {value}" for part in mail.msg.walk()
                         for name, value in part.items()) + "\n" + mail.text()
        seen += "\n" + mail.data.decode("utf-8", "replace")
        seen = seen.lower()
        for secret in (REPORTER, private, own_id.strip("<>"), "zoe-muller87", "müller", "zoë",
                       "muller", "zoe.private"):
            assert secret.lower() not in seen, secret


def test_a_reply_to_naming_a_committee_member_never_gets_the_reporters_mail(daemon, sink):
    """Invariant 1: a report whose Reply-To is a member's address (the reported member's, typed
    in or forged) is acknowledged at its From; the member is sent nothing meant for the reporter."""
    raw = report(body="Bo keeps following me around the venue.\n", sender=f"{NAME} <{REPORTER}>",
                 extra_headers=("Reply-To: Bo <bo@example.org>",))
    send_and_settle(daemon, raw)
    acks = [m for m in sink.all() if "Your report was received" in str(m["Subject"])]
    assert [m.rcpt_tos for m in acks] == [[REPORTER]]
    assert not [m for m in sink.all() if m.rcpt_tos == ["bo@example.org"] and "New report" not in str(m["Subject"])]
