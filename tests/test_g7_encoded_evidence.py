"""A saved .eml attached base64 is read decoded by the caps, as the parser reads it (F2, issue 11).

Outlook and webmail attach a saved message as `message/rfc822` sent base64. The caps check
read the encoded lines of such a part as inline text, so one whose encoded size passed 3 MB
(a screenshot or a PDF inside) was quarantined "more than 3072 KB of text". Now the check
decodes it as the parser does and reads the message it is with the caps of the whole: its
inline text counts with the rest, its attachments do not, and its parts and nesting count
as those of an attached message sent plain do. Where the check cannot read it as the parser
would, the encoded lines count as text, as before.
"""

import base64
import os
import quopri
from email import policy
from email.message import EmailMessage

import pytest
from PIL import Image
import io

from harness import RunningDaemon, load, write_config
from mailrouter.mail import limits
from mailrouter.mail.limits import over_limits

REPORTER = "reporter@example.net"
MEMBERS = ("ana@example.org", "bo@example.org", "chidi@example.org")
LINE = "[10:00] кто-то: уходи, тебя здесь никто не ждёт\r\n"     # quoted-printable: 3 bytes a byte


def saved_mail(text="Screenshot attached, I will not stop.\r\n", image=None):
    inner = EmailMessage(policy=policy.SMTP)
    inner["From"], inner["To"], inner["Subject"] = "Pat Quinn <pat@example.com>", REPORTER, "you again"
    inner.set_content(text, cte="8bit")
    if image is not None:
        inner.add_attachment(image, maintype="image", subtype="png", filename="screen.png")
    return inner.as_bytes()


def with_attached(inner, encoding="base64", text="The mail is attached.\r\n", encode=None, after=""):
    encoded = (encode or (base64.encodebytes if encoding == "base64" else quopri.encodestring))(inner)
    return (b"From: Jane Reporter <reporter@example.net>\r\nTo: conduct@example.org\r\nSubject: harassment\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode() +
            b"\r\n--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: " + encoding.encode() +
            b"\r\nContent-Disposition: attachment; filename=\"saved.eml\"\r\n\r\n" + encoded +
            (b"\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + after.encode() if after else b"") +
            b"\r\n--b--\r\n")


def big_screenshot():
    """A PNG of noise, about 3 MB: it does not compress."""
    out = io.BytesIO()
    Image.frombytes("RGB", (1024, 1024), os.urandom(3 * 1024 * 1024)).save(out, "PNG", compress_level=1)
    return out.getvalue()


def text_of(megabytes):
    return LINE * int(megabytes * 1024 * 1024 // len(LINE.encode()))


def test_a_saved_mail_with_a_3_mb_screenshot_sent_base64_opens_a_case(tmp_path, sink):
    raw = with_attached(saved_mail(image=big_screenshot()))
    assert len(raw) > 4 * 1024 * 1024                       # past the text cap, encoded
    running = RunningDaemon(load(write_config(tmp_path, sink.port, limits={"message_cpu_seconds": 120}))).start()
    try:
        assert running.send(raw, mail_from=REPORTER)[0] == 250
        running.run_until_idle(timeout=120)
        assert running.state.spool.quarantined_ids() == []
        assert len(running.store.codes()) == 1
    finally:
        running.stop()
    forwards = [m for m in sink.all() if "New report" in str(m["Subject"])]
    assert sorted(m.rcpt_tos[0] for m in forwards) == sorted(MEMBERS)
    for forward in forwards:
        (evidence,) = [p for p in forward.msg.iter_attachments() if p.get_content_type() == "message/rfc822"]
        inner = evidence.get_payload(0)
        assert "Screenshot attached, I will not stop." in inner.as_string()
        assert [p.get_filename() for p in inner.iter_attachments()] == ["screen.png"]


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_the_decoded_text_of_an_attached_message_counts_and_its_encoding_does_not(encoding):
    under = with_attached(saved_mail(text_of(2.9)), encoding)
    assert len(under) > limits.MAX_TEXT and over_limits(under) is None
    assert "KB of text" in over_limits(with_attached(saved_mail(text_of(3.1)), encoding))


@pytest.mark.parametrize("where", ["before", "after"])
def test_the_text_of_the_report_and_of_its_attached_message_count_together(where):
    def report(megabytes):
        words = text_of(megabytes)
        return with_attached(saved_mail(text_of(1.5)), **({"text": words} if where == "before" else {"after": words}))
    assert over_limits(report(1.4)) is None
    assert "KB of text" in over_limits(report(1.6))


def test_an_attached_message_sent_base64_nests_and_counts_parts_as_one_sent_plain():
    def bare(inner, encoded):
        head = b"Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n"
        return head + (b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(inner) if encoded
                       else b"\r\n" + inner)
    for encoded in (False, True):
        chain = b"Content-Type: text/plain\r\n\r\nhi\r\n"
        for _ in range(limits.MAX_DEPTH):
            chain = bare(chain, encoded)
        assert over_limits(chain) is None
        assert "nested deeper" in over_limits(bare(chain, encoded))
    many = EmailMessage(policy=policy.SMTP)
    many["Subject"] = "parts"
    many.set_content("files\n")
    for number in range(limits.MAX_PARTS - 3):
        many.add_attachment(b"%d" % number, maintype="application", subtype="octet-stream")
    assert over_limits(with_attached(many.as_bytes())) is None        # 197 + 1 + 1 + 1 + 2
    many.add_attachment(b"one more", maintype="application", subtype="octet-stream")
    assert "MIME parts" in over_limits(with_attached(many.as_bytes()))


def test_where_the_check_cannot_read_it_as_the_parser_does_the_encoded_lines_count_as_text():
    inner = saved_mail(image=b"\x89PNG" + os.urandom(2_500_000))
    assert over_limits(with_attached(inner)) is None
    # one line of 3.3 MB: longer than a line the check keeps (mail/lines.py)
    assert "KB of text" in over_limits(with_attached(inner, encode=base64.b64encode))
    twice = with_attached(inner).replace(b"Content-Transfer-Encoding: base64\r\n",
                                         b"Content-Transfer-Encoding: base64\r\nContent-Transfer-Encoding: base64\r\n")
    assert "KB of text" in over_limits(twice)
