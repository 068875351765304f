"""T2: values written into headers can never add a header; S3: CRLF only."""

import email
import hashlib
from email import policy

from hypothesis import given, settings, strategies as st

from harness import START, load, write_config
from mailrouter.clock import FixedClock
from mailrouter.outbound.compose import Composer

NASTY = ["Eve\r\nBcc: evil@example.net", "Eve\nBcc: evil@example.net", "Eve\x00\r\n\r\nbody",
         "=?utf-8?q?Eve=0D=0ABcc:_evil@example.net?=", "E" * 2000]


def composer(tmp_path):
    return Composer(load(write_config(tmp_path)), FixedClock(START))


def test_addressed_bytes_have_exactly_the_expected_headers(tmp_path):
    c = composer(tmp_path)
    for bad in NASTY:
        base = c.as_bytes(c.unaddressed(subject=f"Subject {bad}", body="hello\n", sender_name=bad))
        data, message_id = c.addressed_bytes(base, to="ana@example.org", to_name=bad,
                                             reply_to="conduct+abc@example.org",
                                             thread=["<a@example.org>", f"<x\r\nBcc: {bad}>", "<b@example.org>"])
        msg = email.message_from_bytes(data, policy=policy.default)
        names = sorted(k.lower() for k in msg.keys())
        assert names == sorted(["to", "reply-to", "in-reply-to", "references", "message-id", "from",
                                "subject", "date", "auto-submitted", "x-mailrouter-loop",
                                "content-type", "content-transfer-encoding", "mime-version"])
        assert msg["Bcc"] is None and msg["To"].addresses[0].addr_spec == "ana@example.org"
        assert msg["Message-ID"] == message_id and msg["In-Reply-To"] == "<b@example.org>"
        assert b"\n" not in data.replace(b"\r\n", b"")                 # S3: CRLF line ends only
        assert msg.get_content().splitlines() == ["hello"]


def test_report_text_is_never_a_template(tmp_path):
    c = composer(tmp_path)
    text = c.render("forward.txt.j2", code="a b", received="now", notes=[], shared=False, reporter=None,
                    attachments=[], report_text="{{ 7*7 }} {% if true %}x{% endif %}")
    assert "{{ 7*7 }} {% if true %}x{% endif %}" in text and "49" not in text


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
ASCII = st.lists(st.sampled_from(["word", "Re:", "[brisk otter]", "=?", "?=", "=?utf-8?q?x?=", "(", ")", '"', "\\",
                                  ":", ";", ",", "<a@b>", " ", "  ", "\t", "~", "x" * 40]), max_size=12).map("".join)
LINES = st.lists(st.sampled_from(["", "plain words", "x" * 79, "Ünïcode ✓ " * 9, "From the start", ".", " lead",
                                  "trail ", "\r", "a\rb", "\t", "=?utf-8?q?x?=", "日本語のテキスト" * 6]), max_size=14)

SHARED = {}                          # one composer for every example: loading a config is slow


@settings(max_examples=300, deadline=None)
@given(subject=st.one_of(TEXT, ASCII), body=st.one_of(TEXT, LINES.map("\n".join)), sender=st.one_of(st.none(), TEXT),
       thread=st.lists(st.sampled_from(["<a@example.org>", "<b@example.net>"]), max_size=3))
def test_text_bytes_are_those_of_the_composed_message(tmp_path_factory, subject, body, sender, thread):
    c = SHARED.get("c") or SHARED.setdefault("c", composer(tmp_path_factory.mktemp("c")))
    head = dict(subject=subject, body=body, sender_name=sender, in_reply_to=thread[-1] if thread else None,
                references=thread[:-1])
    assert c.unaddressed_bytes(**head) == c.as_bytes(c.unaddressed(**head))


# The body encodings the stdlib's own chooser (email.contentmanager._encode_text, private)
# gave before the composer stopped calling it: 7bit and 8bit for lines that fit in 78
# bytes, quoted-printable or base64 (the shorter) for longer ones. Bytes, or their SHA-256.
ENCODED = [
    ("Hello Ana,\n\nplain words", "7bit", b"Hello Ana,\r\n\r\nplain words\r\n"),
    ("Olá Ana, ação é útil.\r\n", "8bit", "Olá Ana, ação é útil.\r\n".encode()),
    ("日本語のテキスト\n", "8bit", "日本語のテキスト\r\n".encode()),
    ("é" * 39, "8bit", "é".encode() * 39 + b"\r\n"),                  # 78 bytes: fits
    ("x" * 79 + "\nshort\n", "quoted-printable", b"x" * 77 + b"=\r\nxx\r\nshort\r\n"),
    (("é" * 100 + "\n") * 12, "base64", "acb391467bf9b6119edf714a7a6477da8c3dc33b649b5d341373ec54540e3203"),
    (("日本語のテキスト" * 12 + "\n") * 12, "base64", "114fd86a7d2b7f4d71beea92d9a5e3328a470a14e63e26f475083bfeaa17b170"),
    (("x" * 100 + "\n") * 11 + "é", "quoted-printable", "7b56e08b7df91f743364059c6d6f7d586eec076492e67b6583399fef0004ca89"),
]


def test_bodies_are_encoded_as_set_content_encoded_them(tmp_path):
    c = composer(tmp_path)
    for body, cte, expected in ENCODED:
        head, _, payload = c.unaddressed_bytes(subject="s", body=body).partition(b"\r\n\r\n")
        assert f"\r\nContent-Transfer-Encoding: {cte}\r\n".encode() in head, (body[:20], head)
        assert (payload if isinstance(expected, bytes) else hashlib.sha256(payload).hexdigest()) == expected
        assert payload == c.as_bytes(c.unaddressed(subject="s", body=body)).partition(b"\r\n\r\n")[2]
