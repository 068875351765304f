"""Keyed hashing in one place (mailrouter/keyed.py): every digest stored or sent is the same
bytes as before it moved there, so existing reply addresses, return paths, Message-IDs,
outbox entries and ledgers still verify. The vectors were computed with the code before
the move (hmac.new at each call site); a changed framing (separator, encoding, key
derivation) changes them."""

from types import SimpleNamespace

from mailrouter.cases.acks import AckLedger
from mailrouter.cases.message_ids import ReporterMessageIds
from mailrouter.cases.return_paths import ReturnPaths
from mailrouter.cases.throttle import SenderThrottle
from mailrouter.cases.tokens import ReplyAddresses, derive_token
from mailrouter.clock import FixedClock
from mailrouter.keyed import keyed_digest, purpose_key
from mailrouter.outbound.outbox import Outbox
from mailrouter.pipeline.item import Kind
from mailrouter.pipeline.lookups import CaseLookups

from harness import START

SECRET = b"k" * 32
CASE = "amber-otter"
REPLIES = ReplyAddresses("conduct@example.org")
SIGNED_PATH = "conduct+b-aerukz4jvn6dy55qonv4bufu6fom66m4lbr7fmi@example.org"
SIGNED_ID = "<r.aaaqeayeaudao.uzijjttnpfaomuko@example.org>"


def test_reply_tokens_and_message_ids_are_the_ones_already_sent():
    assert derive_token(SECRET, CASE, "member:Ana Lima") == "2epfdlxwq4n4j7akuvr4yeu4evekwape"
    ids = ReporterMessageIds(SECRET, "Example.org")
    assert ids.case_of(f"Re: {SIGNED_ID}", ["other-case", CASE]) == CASE
    assert ids.case_of(SIGNED_ID, ["other-case"]) is None


def test_return_paths_already_sent_still_verify():
    paths = ReturnPaths(SECRET, REPLIES)
    assert paths.address("0123456789abcdef" * 2, "ana@example.org", CASE) == SIGNED_PATH
    assert paths.address("fedcba9876543210" * 2, "ana@example.org") == \
        "conduct+b-73olvgdwkqzjuz7eoeopsb2itemxz232qa4wfjy@example.org"
    signed = paths.verify(REPLIES.return_token_of(SIGNED_PATH))
    assert paths.recipient_in(signed, ["bo@example.org", "ana@example.org"]) == "ana@example.org"
    assert paths.case_in(signed, [CASE]) == CASE


def test_stored_keys_stay_the_same(tmp_path):
    assert AckLedger(tmp_path / "acks", SECRET, 3).sender_key("  Ines.Duarte@Example.NET ") == \
        "7203ccd2fe8469a9f24fa2aad4226d86"
    # A text that is not valid UTF-8 (a lone surrogate) is digested as before, not refused.
    throttle = SenderThrottle(tmp_path / "throttle", SECRET, 3, 60)
    assert throttle._digest("text", "hello wörld \udcff") == "0c2db91a5b7801ae480a6250fbf3eb71"
    lookups = CaseLookups(SimpleNamespace(secret=SECRET))
    assert lookups.item_key("<abc@example.net>", Kind.REPORTER_REPLY, "x") == \
        "reporter:79e2a4a545929f0183def5602003546caa75039d"
    outbox = Outbox(tmp_path / "outbox", FixedClock(START), None, SECRET, None)
    assert outbox.entry_id(f"forward:{CASE}:ana@example.org") == "7714ebc21d3ba4ee1acd444900bbbd67a441e63d"


def test_parts_are_framed_so_that_they_cannot_run_together():
    assert keyed_digest(SECRET, "ab", "c") != keyed_digest(SECRET, "a", "bc")
    assert keyed_digest(SECRET, "a", b"b") == keyed_digest(SECRET, b"a\0b")
    assert purpose_key(SECRET, "return-path") != purpose_key(SECRET, "sender-throttle")
