"""A report whose whole body is one part that is not inline text (F1, issue 11).

Over real SMTP. An S/MIME envelope, a TNEF file, an unnamed binary, a PDF marked as an
attachment, a photo, a calendar invite, a text file marked as an attachment, a bare forwarded
message: each sent as the message's only part reached the members as an empty report (no
attachment, no note, nothing sealed, nothing a chair could release). Such a part now goes
where the same part inside a multipart/mixed goes: cleaned and attached, or withheld with a
note and kept sealed as attachment 1; the same for the reporter's addition, whose relay says
what was withheld. Nothing of the reporter reaches a member on the way.
"""

import base64
import io

import pytest
from PIL import Image

from harness import RunningDaemon, load, reply_address, write_config

REPORTER, NAME = "reporter@example.net", "Jane Reporter"
MEMBERS = ("ana@example.org", "bo@example.org", "chidi@example.org")
SMIME = bytes(range(256)) * 8


def single_part(content_type, body, *fields, to="conduct@example.org", subject="Harassment at the meetup"):
    """A message whose only part is `body` (bytes, sent base64) with the given MIME fields."""
    lines = [f"From: {NAME} <{REPORTER}>", f"To: {to}", f"Subject: {subject}",
             "Date: Mon, 02 Nov 2026 08:55:00 +0000", "MIME-Version: 1.0",
             f"Content-Type: {content_type}", "Content-Transfer-Encoding: base64", *fields, "",
             base64.encodebytes(body).decode()]
    return "\r\n".join(lines).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()


def photo():
    exif = Image.Exif()
    exif[0x013B] = NAME                                # Artist: the reporter
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def running(tmp_path, sink):
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    yield daemon
    daemon.stop()


def to_members(sink, subject):
    sent = [m for m in sink.all() if subject in str(m["Subject"])]
    assert sorted(m.rcpt_tos[0] for m in sent) == sorted(MEMBERS)
    return sent


def assert_nothing_of_the_reporter(sink):
    for mail in sink.all():
        if mail.rcpt_tos[0] in MEMBERS:
            decoded = [part.get_payload(decode=True) or b"" for part in mail.msg.walk() if not part.is_multipart()]
            for seen in (mail.data, *decoded):                    # attachments are sent encoded
                assert REPORTER.encode() not in seen and NAME.encode() not in seen


WITHHELD = [
    ("smime_enveloped", 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"', SMIME, (),
     "smime.p7m (application/pkcs7-mime"),
    ("smime_marked_attachment", 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"', SMIME,
     ('Content-Disposition: attachment; filename="smime.p7m"',), "smime.p7m (application/pkcs7-mime"),
    ("tnef", 'application/ms-tnef; name="winmail.dat"', b"\x78\x9f\x3e\x22" + b"x" * 300, (),
     "winmail.dat (application/ms-tnef"),
    ("unnamed_binary", "application/octet-stream", b"\x00\x01junk" * 50, (),
     "an attachment (application/octet-stream"),
    ("broken_pdf_marked_attachment", 'application/pdf; name="x.pdf"', b"%PDF-1.4\n%%EOF\n",
     ('Content-Disposition: attachment; filename="x.pdf"',), "x.pdf (application/pdf"),
]


@pytest.mark.parametrize("content_type, body, fields, shown", [w[1:] for w in WITHHELD], ids=[w[0] for w in WITHHELD])
def test_a_lone_part_that_cannot_be_cleaned_is_withheld_with_a_note_and_sealed(running, sink, content_type, body,
                                                                                fields, shown):
    assert running.send(single_part(content_type, body, *fields), mail_from=REPORTER)[0] == 250
    running.run_until_idle()
    (code,) = running.store.codes()
    for forward in to_members(sink, "New report"):
        assert f"Withheld: {shown}" in forward.text() and "kept sealed as attachment 1" in forward.text()
    (listed,) = running.store.get(code)["attachments"]
    assert (listed["number"], listed["handling"], listed["size"]) == (1, "withheld", len(body))
    assert running.daemon.ctx.reporters.unseal(code, "attachment-1") == body     # what a chair releases
    assert_nothing_of_the_reporter(sink)


def test_a_lone_photo_reaches_the_members_cleaned(running, sink):
    data = photo()
    sent = single_part('image/png; name="IMG_0042.PNG"', data, "Content-Disposition: inline; filename=IMG_0042.PNG")
    assert running.send(sent, mail_from=REPORTER)[0] == 250
    running.run_until_idle()
    (code,) = running.store.codes()
    for forward in to_members(sink, "New report"):
        (image,) = [p for p in forward.msg.iter_attachments() if p.get_filename() == "IMG_0042.PNG"]
        assert 0x013B not in Image.open(io.BytesIO(image.get_payload(decode=True))).getexif()
    assert [a["handling"] for a in running.store.get(code)["attachments"]] == ["cleaned"]
    assert running.daemon.ctx.reporters.unseal(code, "attachment-1") == data
    assert_nothing_of_the_reporter(sink)


TEXTS = [
    ("text_marked_attachment", "text/plain; charset=utf-8", ('Content-Disposition: attachment; filename="chat.txt"',)),
    ("calendar_invite", "text/calendar; method=REQUEST; charset=utf-8", ()),
]


@pytest.mark.parametrize("content_type, fields", [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_a_lone_text_part_reaches_the_members_as_text_scrubbed(running, sink, content_type, fields):
    words = (f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:The organiser shouted at volunteers\r\n"
             f"ORGANIZER;CN={NAME}:mailto:{REPORTER}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert running.send(single_part(content_type, words.encode(), *fields), mail_from=REPORTER)[0] == 250
    running.run_until_idle()
    for forward in to_members(sink, "New report"):
        texts = [p.get_content() for p in forward.msg.iter_attachments() if p.get_content_maintype() == "text"]
        assert any("The organiser shouted at volunteers" in text for text in texts)
    assert_nothing_of_the_reporter(sink)


def test_a_bare_forwarded_message_is_evidence_and_its_original_has_no_header_of_the_sender(running, sink):
    inner = (f"From: Pat Quinn <pat@example.com>\r\nTo: {NAME} <{REPORTER}>\r\nSubject: you will regret it\r\n"
             f"Date: Mon, 02 Nov 2026 08:00:00 +0000\r\n\r\nI know where you live.\r\n")
    lines = [f"From: {NAME} <{REPORTER}>", "To: conduct@example.org", "Subject: Threat",
             "Date: Mon, 02 Nov 2026 08:55:00 +0000", "MIME-Version: 1.0", "Content-Type: message/rfc822", "", inner]
    assert running.send("\r\n".join(lines).encode(), mail_from=REPORTER)[0] == 250
    running.run_until_idle()
    (code,) = running.store.codes()
    for forward in to_members(sink, "New report"):
        (evidence,) = [p for p in forward.msg.iter_attachments() if p.get_content_type() == "message/rfc822"]
        assert "I know where you live." in evidence.as_string() and "pat@example.com" in evidence.as_string()
    assert [a["handling"] for a in running.store.get(code)["attachments"]] == ["message"]
    sealed = running.daemon.ctx.reporters.unseal(code, "attachment-1")
    assert b"Subject: you will regret it" in sealed and b"Subject: Threat" not in sealed
    assert_nothing_of_the_reporter(sink)


def test_a_lone_part_added_by_the_reporter_is_sealed_and_the_relay_says_so(running, sink):
    report = single_part("text/plain; charset=utf-8", b"Pat Quinn shouted at me.\n")
    assert running.send(report, mail_from=REPORTER)[0] == 250
    running.run_until_idle()
    (code,) = running.store.codes()
    case_address = reply_address(sink, REPORTER)
    addition = single_part('application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"', SMIME,
                           to=case_address, subject="Re: your report")
    assert running.send(addition, mail_from=REPORTER, rcpt_tos=[case_address])[0] == 250
    running.run_until_idle()
    for relay in to_members(sink, "The reporter added to the report"):
        assert "Withheld: smime.p7m (application/pkcs7-mime" in relay.text()
        assert "kept sealed as attachment 1" in relay.text() and "see attachments" not in relay.text()
    assert [a["handling"] for a in running.store.get(code)["attachments"]] == ["withheld"]
    assert running.daemon.ctx.reporters.unseal(code, "attachment-1") == SMIME
    text_added = single_part("text/plain; charset=utf-8", b"He did it again at the sprint.\n",
                             'Content-Disposition: attachment; filename="more.txt"', to=case_address,
                             subject="Re: your report")
    assert running.send(text_added, mail_from=REPORTER, rcpt_tos=[case_address])[0] == 250
    running.run_until_idle()
    relays = [m for m in sink.all() if "The reporter added" in str(m["Subject"])]
    assert sum("He did it again at the sprint." in m.data.decode() for m in relays) == len(MEMBERS)
    assert_nothing_of_the_reporter(sink)


SIGNED = (b"\x30\x82\x04\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" + bytes(40)   # PKCS #7 signed data
          + b"\x30\x1f" + f"CN={NAME}, E={REPORTER}".encode() + bytes(200))        # and its certificate


@pytest.mark.parametrize("content_type", ['application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"',
                                          'application/octet-stream; name="smime.p7m"'])
def test_an_smime_message_is_never_passed_to_the_members_even_when_unknown_files_are(tmp_path, sink, content_type):
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port, attachments="pass"))).start()
    try:
        assert daemon.send(single_part(content_type, SIGNED), mail_from=REPORTER)[0] == 250
        daemon.run_until_idle()
        (code,) = daemon.store.codes()
        assert daemon.daemon.ctx.reporters.unseal(code, "attachment-1") == SIGNED
    finally:
        daemon.stop()
    for forward in to_members(sink, "New report"):
        assert "Withheld: smime.p7m" in forward.text() and "S/MIME" in forward.text()
    assert_nothing_of_the_reporter(sink)
