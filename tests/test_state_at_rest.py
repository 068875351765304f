"""Nothing at rest links the reporter to the case (P10), read the way an intruder would.

A report with HTML, a photo with EXIF, a PDF and a Word file with authors, a UTF-16 text
file and a forwarded message goes in; the reporter's acknowledgement is refused by the
relay (it stays in outbox/failed), a message for them waits in the queue, their own
auto-reply is held. Then every file in the state directory except the key is read as
bytes, in UTF-8, Latin-1 and UTF-16, as an email with every MIME part decoded, and as
image, PDF and Office metadata: the reporter's address and name are nowhere.
"""

import email
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path

from harness import member_says
from mailrouter.mail.names import fold
from readable import bytes_readable, readable_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import make_corpus2 as make  # noqa: E402  (the corpus generator's real file builders)

REPORTER, NAME = "noa.fischer@example.net", "Noa Fischer"
NEEDLES = [REPORTER, "noa.private@example.com", NAME, "Fischer", "noafischer"]


def hostile_report():
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"{NAME} <{REPORTER}>", "conduct@example.org", "Report about Gregor"
    msg["Message-ID"] = "<noa-fischer-original@mail.example.net>"
    text = ("Gregor Lindqvist (gregor@example.com) shouted at me during the sprint.\n"
            "My handle there is @noafischer.\n\nThanks,\nNoa Fischer\n+49 170 5550123\n")
    msg.set_content(text)
    msg.add_alternative(f"<p>{text.replace(chr(10), '<br>')}</p>", subtype="html")
    exif = make.exif_for(NAME, owner=NAME, copyright=REPORTER)
    msg.add_attachment(make.jpeg(1, exif=exif, xmp=make.xmp_packet(NAME)), maintype="image", subtype="jpeg",
                       filename="photo.jpg")
    msg.add_attachment(make.pdf_doc(["He shouted."], info={"Author": NAME}), maintype="application",
                       subtype="pdf", filename="statement.pdf")
    msg.add_attachment(make.docx(["He shouted at me."], make.core_xml(NAME, NAME), make.app_xml("Word", NAME)),
                       maintype="application", subtype="octet-stream", filename="notes.docx")
    msg.add_attachment(make.utf16(f"Log kept by {NAME} <{REPORTER}>\n"), maintype="application",
                       subtype="octet-stream", filename="log.txt")
    inner = EmailMessage()
    inner["From"], inner["To"] = "Gregor Lindqvist <gregor@example.com>", f"{NAME} <noa.private@example.com>"
    inner["Subject"] = "you again"
    inner.set_content("Nobody wants you at the sprint.\n")
    msg.add_attachment(inner, filename="forwarded.eml")
    return msg.as_bytes(policy=policy.SMTP)


def auto_reply_from_the_reporter():
    return (f"From: {NAME} <{REPORTER}>\r\nTo: conduct@example.org\r\nSubject: Out of office\r\n"
            "Auto-Submitted: auto-replied\r\nMessage-ID: <ooo-noa@mail.example.net>\r\n\r\n"
            f"I am away. {NAME}\r\n").encode()


def test_nothing_in_the_state_directory_names_the_reporter(daemon, sink):
    sink.answers[REPORTER] = ["550 5.1.1 <noa.fischer@example.net>: no such user"]
    assert daemon.send(hostile_report(), mail_from=REPORTER)[0] == 250
    daemon.run_until_idle()
    sink.answers[REPORTER] = ["451 4.3.0 try later"] * 5
    member_says(daemon, sink, "Ana Lima <ana@example.org>", "#to-reporter\nWe are looking into it.\n")
    assert daemon.send(auto_reply_from_the_reporter(), mail_from=REPORTER)[0] == 250
    daemon.run_until_idle()

    state = daemon.config.state_dir
    assert daemon.state.outbox.failed() and daemon.state.outbox.queue.ids() and daemon.state.held.ids()
    read = set()
    for path in sorted(p for p in state.rglob("*") if p.is_file() and p.name != "identity.key"):
        text = everything_readable(path.read_bytes())
        folded = fold(text)
        read.add(path.relative_to(state).parts[0])
        for needle in NEEDLES:
            assert fold(needle) not in folded, (needle, path.relative_to(state))
    assert {"cases", "identities", "outbox", "held", "acks"} <= read
    assert len(list((state / "identities").glob("*attachment-*"))) >= 5      # originals sealed


def everything_readable(data):
    """The bytes as text in every likely form, plus, if they hold an email, each decoded part."""
    text = bytes_readable(data)
    start = data.find(b"\n") + 1 if data.startswith(b"MAILROUTER-ENTRY") else 0
    body = data[start:]
    if b"\nSubject:" in body[:20000] or body[:20].lower().startswith((b"subject:", b"date:", b"from:", b"to:")):
        msg = email.message_from_bytes(body, policy=policy.default)
        text += "\n" + readable_text(msg, skip_top_to=False)
        for part in msg.walk():
            if not part.is_multipart():
                text += "\n" + bytes_readable(part.get_payload(decode=True) or b"")
    return text
