"""The signed return path and the bounce reader, on their own (see test_bounces.py end to end)."""

import pytest

from bounce_samples import exchange_plain, gmail_plain, postfix_dsn, vacation_reply
from mailrouter.cases.return_paths import ReturnPaths
from mailrouter.cases.tokens import ReplyAddresses
from mailrouter.mail.bounces import read_bounce
from mailrouter.mail.message import parse

REPLIES = ReplyAddresses("conduct@example.org")
PATHS = ReturnPaths(b"k" * 32, REPLIES)
ENTRY = "3f" * 20
RETURN = "conduct+b-aaaa@example.org"


def token(address):
    return REPLIES.return_token_of(address)


def test_round_trip_names_the_delivery_without_showing_it():
    address = PATHS.address(ENTRY, "Bo.Private@Example.org", "home shelf")
    local = address.split("@")[0]
    assert len(local) <= 64 and local.startswith("conduct+b-")
    assert all(word not in local for word in ("private", "home", "shelf"))
    signed = PATHS.verify(token(address))
    assert signed.entry == ENTRY[:12]
    assert PATHS.recipient_in(signed, ["ana@example.org", "bo.private@example.org"]) == "bo.private@example.org"
    assert PATHS.case_in(signed, ["other case", "home shelf"]) == "home shelf"
    assert PATHS.case_in(PATHS.verify(token(PATHS.address(ENTRY, "bo@example.org"))), ["home shelf"]) is None


def test_every_changed_character_and_another_secret_fail():
    address = PATHS.address(ENTRY, "bo@example.org", "home shelf")
    local, domain = address.split("@")
    for i in range(len("conduct+b-"), len(local)):
        other = "a" if local[i] != "a" else "b"
        assert PATHS.verify(token(f"{local[:i]}{other}{local[i + 1:]}@{domain}")) is None, i
    assert ReturnPaths(b"x" * 32, REPLIES).verify(token(address)) is None


def test_two_deliveries_to_one_member_cannot_be_linked():
    one = PATHS.verify(token(PATHS.address("aa" * 20, "bo@example.org", "home shelf")))
    two = PATHS.verify(token(PATHS.address("bb" * 20, "bo@example.org", "home shelf")))
    assert one.rcpt_tag != two.rcpt_tag and one.case_tag != two.case_tag


def test_only_the_alias_plus_b_shape_is_a_return_token():
    address = PATHS.address(ENTRY, "bo@example.org")
    assert token(address) and token(address.upper())
    assert token(address.replace("conduct", "other")) is None
    assert token(address.replace("example.org", "example.net")) is None
    assert REPLIES.token_of(address) is None                    # never taken for a case reply address


@pytest.mark.parametrize("raw, mail_from, severity, status", [
    (postfix_dsn(RETURN, "bo@example.org"), "", "hard", "5.1.1"),
    (postfix_dsn(RETURN, "bo@example.org", status="4.4.1", action="delayed"), "", "soft", "4.4.1"),
    (postfix_dsn(RETURN, "bo@example.org", status="2.0.0", action="delivered"), "", "none", "2.0.0"),
    (exchange_plain(RETURN, "bo@example.org"), "postmaster@exchange.example.org", "hard", "5.1.10"),
    (gmail_plain(RETURN, "bo@example.org"), "", "hard", "5.1.1"),
])
def test_bounces_are_graded(raw, mail_from, severity, status):
    bounce = read_bounce(parse(raw), mail_from)
    assert (bounce.severity, bounce.status) == (severity, status)


def test_a_bounce_without_any_code_is_hard_and_a_delay_notice_soft():
    failed = (b"From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n\r\n"
              b"I'm afraid I wasn't able to deliver your message. I've given up.\r\n")
    delayed = (b"From: Mail Delivery Subsystem <mailer-daemon@mx.example.net>\r\n"
               b"Subject: Delivery Status Notification (Delay)\r\n\r\nWe will keep trying to deliver it.\r\n")
    assert read_bounce(parse(failed), "").severity == "hard"
    assert read_bounce(parse(delayed), "").severity == "soft"


def test_auto_replies_and_read_receipts_are_not_bounces():
    receipt = (b"From: bo@example.org\r\nSubject: Read: report\r\nMIME-Version: 1.0\r\n"
               b"Content-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n"
               b"--b\r\nContent-Type: text/plain\r\n\r\nread\r\n--b--\r\n")
    assert read_bounce(parse(vacation_reply(RETURN)), "") is None
    assert read_bounce(parse(receipt), "bo@example.org") is None
    person = b"From: Bo Chen <bo@example.org>\r\nSubject: hello\r\n\r\nA word.\r\n"
    assert read_bounce(parse(person), "bo@example.org") is None
