"""Headers made, read and written at less cost (mail/header_cache.py) read and print exactly
as the email package's own policies make them: each header class made once, a short header
value read or set parsed once, a header object written out folded once, and a parsed
message still travels pickled from the reading process."""

import email
import pickle
import re
from email import policy
from email.message import EmailMessage
from email.utils import formataddr

from hypothesis import given, settings, strategies as st

from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.message import SAFE_SMTP, SAFE_SMTPUTF8, parse

NAMES = ["From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "Date", "X-Note",
         "Content-Type", "Auto-Submitted"]
PIECES = ["Ana Lima", "<ana@example.org>", "ana@example.org", '"Lima, Ana"', "=?utf-8?q?Jos=C3=A9?=", ",",
          " ", "(comment)", "Re:", "text/plain; charset=utf-8", "<id-1@host>", "Mon, 2 Nov 2026 09:00:00 +0000",
          "undisclosed:;", "@", "\"", "é", ";", "\t"]


def reading(value, names):
    raw = "".join(f"{name}: {value}\r\n" for name in names).encode("utf-8", "surrogateescape") + b"\r\nbody\r\n"
    return parse(raw), email.message_from_bytes(raw, policy=policy.default)


def read(msg, name):
    try:
        return msg[name]
    except Exception as error:       # the email package's own faults on hostile values
        return type(error)


def same(ours, theirs):
    if isinstance(theirs, type):
        assert ours is theirs
        return
    assert str(ours) == str(theirs)
    assert type(ours).__name__ == type(theirs).__name__ and type(ours).__bases__ == type(theirs).__bases__
    assert [type(d) for d in ours.defects] == [type(d) for d in theirs.defects]
    assert getattr(ours, "addresses", None) == getattr(theirs, "addresses", None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.lists(st.sampled_from(NAMES), min_size=1, max_size=4))
def test_a_value_read_under_any_name_reads_as_the_email_package_reads_it(pieces, names):
    # The same value under several names: one parsed under one name must never be handed
    # out for another (a Subject's text is not a From's addresses).
    ours, theirs = reading("".join(pieces).strip() or "x", names)
    for _ in range(2):
        for name in names:
            same(read(ours, name), read(theirs, name))


def test_a_header_read_twice_is_parsed_once():
    msg, _ = reading("Ana Lima <ana@example.org>", ["From"])
    assert msg["From"] is msg["From"]


def compose(chosen, subject="[Brave Otter] New report: " + "é long subject " * 8, sender="Conduct committee",
            body="Hello\n" * 3 + "ü" * 100 + "\n"):
    msg = EmailMessage(policy=chosen)
    msg["From"] = formataddr((sender, "conduct@example.org"))
    msg["Subject"] = subject
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content(body)
    return msg


def test_a_message_composed_with_classes_made_once_is_byte_for_byte_the_email_packages():
    assert compose(FAST_SMTP).as_bytes() == compose(policy.SMTP).as_bytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["x" * 70, "über", "\u4e2d\u6587"]), max_size=6),
       st.sampled_from(["Conduct committee", "Ana Lima via Conduct, PyCon", "Comité é", "x" * 90]),
       st.text(max_size=300))
def test_composed_mail_written_again_and_again_is_the_email_packages(pieces, sender, body):
    # Written out twice, as the forward and the acknowledgement are: the second time from
    # the headers parsed and folded once; by both of the daemon's output policies. The
    # Subject is ours (mail/subject_fold.py: the package's folder loses spaces): it reads
    # back as the same words, and every other byte is the package's.
    subject = " ".join(pieces).strip()
    expected = compose(policy.SMTP, subject, sender, body)
    for _ in range(2):
        ours = compose(FAST_SMTP, subject, sender, body)
        for out, reference in ((SAFE_SMTP, policy.SMTP), (SAFE_SMTPUTF8, policy.SMTPUTF8)):
            written = ours.as_bytes(policy=out)
            assert _without_subject(written) == _without_subject(expected.as_bytes(policy=reference))
            assert str(email.message_from_bytes(written, policy=policy.default)["Subject"]) == \
                " ".join(str(expected["Subject"]).split())      # runs of white space: one (clean_header)


def _without_subject(data):
    head, _, body = data.partition(b"\r\n\r\n")
    fields = re.split(rb"\r\n(?![ \t])", head)
    return b"\r\n".join(f for f in fields if not f.lower().startswith(b"subject:")) + b"\r\n\r\n" + body


def test_the_same_header_set_on_two_messages_is_parsed_and_folded_once(monkeypatch):
    first, second = compose(FAST_SMTP), compose(FAST_SMTP)
    assert first["From"] is second["From"]
    folds = []
    kind = type(first["From"])
    original = kind.fold

    def counted(self, *, policy):
        folds.append(1)
        return original(self, policy=policy)
    monkeypatch.setattr(kind, "fold", counted)
    first.as_bytes(policy=SAFE_SMTP)
    second.as_bytes(policy=SAFE_SMTP)
    assert len(folds) <= 1


def test_a_parsed_message_read_and_composed_travels_pickled():
    # The reading process answers with pickled messages: its policy, header classes included.
    msg, _ = reading("Ana Lima <ana@example.org>", ["From", "Subject"])
    assert msg["From"].addresses[0].username == "ana"
    composed = EmailMessage(policy=FAST_SMTP)
    composed["Subject"] = "x"
    for each in (msg, composed):
        back = pickle.loads(pickle.dumps(each))
        assert back.as_bytes() == each.as_bytes()
