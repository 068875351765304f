"""The mail a report sends, byte for byte: each member's forward and the reporter's
acknowledgement, as the relay receives them, against files recorded under tests/data/golden/.

Composing the eight mails of a report is where issue 11 trims CPU (parts rendered once,
shared bytes reused); none of that may change a byte a member or the reporter receives.
Only what is random in every run is replaced before comparing: Message-IDs, MIME
boundaries and the signed return path; each reply token is replaced by whom it belongs
to (so a member given another's reply address shows). To record the files again after a
deliberate change of wording: MAILROUTER_WRITE_GOLDEN=1 pytest tests/test_forward_golden.py
"""

import os
import re
from email.message import EmailMessage
from pathlib import Path

from harness import RunningDaemon, load, report, write_config
from mailrouter.cases.tokens import digest

GOLDEN = Path(__file__).parent / "data" / "golden"
LONG = "Ünïcode line that is longer than seventy-eight characters, so the body is encoded " * 2
PLAIN = report(subject="Sam Rivera at the meetup – again", message_id="<golden-1@example.net>",
               body=f"Sam Rivera (samr) kept interrupting me.\n{LONG}\n\nNo more.\n")

AGAIN = report(subject="Sam Rivera, once more", message_id="<golden-3@example.net>",
               body="Sam Rivera did it again at the sprint.\n")   # members told of the earlier case


def rich_report():
    msg = EmailMessage()
    msg["From"], msg["To"] = "Jane Reporter <reporter@example.net>", "conduct@example.org"
    msg["Subject"], msg["Message-ID"] = "Photos from the sprint", "<golden-2@example.net>"
    msg["Date"] = "Mon, 02 Nov 2026 08:56:00 +0000"
    msg.set_content("Someone shouted at a volunteer.\nSee the photo.\n")
    msg.add_alternative("<html><body><p>Someone <b>shouted</b> at a volunteer.</p></body></html>",
                        subtype="html")
    msg.add_attachment(b"Line one of the notes.\r\nLine two.\r\n", maintype="application",
                       subtype="octet-stream", filename="notes.txt")
    return msg.as_bytes()


def normalised(data, participants):
    text = data.decode("utf-8", "surrogateescape")
    text = re.sub(r"(?im)^(Message-ID|In-Reply-To): <[^>]*>", r"\1: <ID>", text)
    text = re.sub(r"(?m)^References: .*(\r\n[ \t].*)*", "References: <IDS>", text)
    text = re.sub(r"={15}\d+==", "=BOUNDARY=", text)
    return re.sub(r"conduct\+([a-z2-7]{32})@",
                  lambda m: f"conduct+<{participants.get(digest(m.group(1)), 'unknown token')}>@", text)


def received_mail(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        for raw in (PLAIN, rich_report(), AGAIN):
            assert running.send(raw)[0] == 250
            running.run_until_idle()
        participants = {}
        for code in running.store.codes():
            participants.update(running.store.get(code).get("tokens", {}))
    finally:
        running.stop()
    mails = sorted(sink.all(), key=lambda m: (m.msg["Subject"], m.rcpt_tos))
    return {f"{i:02d}-{m.rcpt_tos[0]}.eml": normalised(m.data, participants) for i, m in enumerate(mails)}


def test_each_report_mail_is_byte_for_byte_as_recorded(tmp_path, sink):
    mails = received_mail(tmp_path, sink)
    if os.environ.get("MAILROUTER_WRITE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.eml"):
            old.unlink()
        for name, text in mails.items():
            (GOLDEN / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    recorded = {p.name: p.read_bytes().decode("utf-8", "surrogateescape") for p in GOLDEN.glob("*.eml")}
    assert sorted(mails) == sorted(recorded)
    for name, text in mails.items():
        assert text == recorded[name], name
    assert "unknown token" not in "".join(mails.values())
