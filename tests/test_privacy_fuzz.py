"""Mutated real reports never make the privacy pipeline raise (T4, R1 for issue 8's code).

A raise in identify or the clean copy means retries, then quarantine: a report accepted
and never answered. 600 mutations of the three corpora (byte flips, cuts, injected CR/LF,
NUL, encoded words, `;` runs, nested message headers), seeded so a failure reproduces,
and the shapes that fuzzing found, each as a case of its own.
Found this way and fixed: an unknown charset with a NUL in its name, a Content-Type with a
line break in it, encoded words in a charset Python lacks, CPython's parser raising
AttributeError on broken display names.
"""

import glob
import random
from pathlib import Path

from mailrouter.settings.config import load_config
from mailrouter.mail.message import parse
from mailrouter.cases.parties import named_parties
from mailrouter.casework.reported_person import parse_contact
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.intermediaries import declared_reporters
from mailrouter.privacy.scrubber import Scrubber

TESTS = Path(__file__).parent
INSERTS = [b"\r\n", b"\n", b"=?utf-8?q?=0D=0A?=", b";;;;", b"\x00", b'"', b"(", b"<", b"@",
           b"Content-Type: message/rfc822\r\n\r\n", b"\r\n--", b"=?utf-8?b?", b"\xff\xfe", b"=?x-unknown?q?a?="]


def mutated(rng, corpus):
    raw = bytearray(rng.choice(corpus))
    for _ in range(rng.randint(1, 8)):
        op, at = rng.random(), rng.randrange(len(raw))
        if op < 0.4:
            raw[at] = rng.randrange(256)
        elif op < 0.6:
            del raw[at:at + rng.randint(1, 50)]
        elif op < 0.8:
            raw[at:at] = rng.choice(INSERTS)
        else:
            raw[at:at] = raw[rng.randrange(len(raw)):][:rng.randint(1, 200)]
    return bytes(raw)


def test_mutated_reports_never_make_identify_or_the_clean_copy_raise():
    committee = load_config(None).committee
    corpus = [Path(f).read_bytes() for f in sorted(glob.glob(str(TESTS / "corpus*" / "*.eml")))]
    rng = random.Random(1)
    failures = []
    for number in range(600):
        raw = mutated(rng, corpus)
        try:
            msg = parse(raw)
            identity = reporter_identity(msg, raw, "x@example.net", committee, {"conduct@example.org"})
            CleanCopy(Scrubber(identity)).of(msg)
            named_parties(msg, committee, identity)
        except Exception as error:          # the test's subject: anything at all escaping
            failures.append(f"mutation {number}: {error.__class__.__name__}: {error}")
    assert failures == []


def clean(raw):
    msg = parse(raw)
    identity = reporter_identity(msg, raw, "x@example.net", None, {"conduct@example.org"})
    return CleanCopy(Scrubber(identity)).of(msg)


def test_a_charset_with_a_nul_in_its_name_reads_as_utf8():
    raw = (b"From: Noa <noa@example.net>\r\nSubject: x\r\nContent-Type: text/plain; charset=\"utf\x00x\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gTm9h\r\n")
    assert "hello" in clean(raw).get_content()


def test_an_encoded_word_in_a_charset_python_lacks_does_not_stop_the_report():
    raw = b"From: =?\xbf\xbf?q?Noa?= <noa@example.net>\r\nSubject: x\r\n\r\nSam shouted.\r\n"
    assert "Sam shouted." in clean(raw).get_content()


def test_a_content_type_with_a_line_break_becomes_a_generic_type():
    raw = (b"From: Noa <noa@example.net>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee log\r\n"
           b"--b\r\nContent-Type: text/pl\x0cain; name=log.txt\r\nContent-Disposition: attachment; filename=log.txt\r\n"
           b"\r\nSam: go away\r\n--b--\r\n")
    (attachment,) = list(clean(raw).iter_attachments())
    assert "Sam: go away" in attachment.get_content()


def test_a_thousand_colons_in_a_header_line_of_the_body_do_not_stop_the_report():
    # Each colon opens a group to email.utils, which reads groups by recursion: "From:"
    # 1,600 times in a pasted header raised RecursionError, and the report was set aside.
    committee = load_config(None).committee
    for body in ("From:" * 1600, "Original reporter: " + "a:" * 1500, "Reported person: " + "a:" * 1500):
        raw = f"From: Noa <noa@example.net>\r\nSubject: x\r\n\r\n{body}\r\nSam shouted.\r\n".encode()
        msg = parse(raw)
        identity = reporter_identity(msg, raw, "noa@example.net", committee, {"conduct@example.org"})
        assert "Sam shouted." in CleanCopy(Scrubber(identity)).of(msg).get_content()
        named_parties(msg, committee, identity)
    assert parse_contact("a:" * 1500 + " <sam@example.net>") == ("sam@example.net", "sam@example.net")


def test_an_address_among_a_thousand_colons_is_still_protected():
    # Past the colons the parser is not asked, but the addresses written there are still
    # found: an original reporter's address must never go unprotected (the clean copy).
    committee = load_config(None).committee
    body = "Original reporter: " + "x:" * 150 + " Jane Doe <jane.doe@example.net>\r\nSam shouted.\r\n"
    assert declared_reporters(body) == [("", "jane.doe@example.net")]
    raw = f"From: Bo <bo@example.org>\r\nSubject: on behalf\r\n\r\n{body}".encode()
    msg = parse(raw)
    identity = reporter_identity(msg, raw, "bo@example.org", committee, {"conduct@example.org"})
    clean = CleanCopy(Scrubber(identity)).of(msg).get_content()
    assert "Sam shouted." in clean and "jane.doe@example.net" not in clean
