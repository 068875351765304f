"""A Reply-All through the IMAP mailbox is handled as the SMTP door handles it: once.

Over IMAP there is no envelope: the recipients come from the delivered message's headers.
A member's, the reporter's or the reported person's answer to all names their case address
and the alias; the provider files one copy (Delivered-To: the alias, or the case address)
or one per address. Whatever the shape, the message runs once on the case address's path,
as `tests/test_alias_and_reply_address.py` checks over SMTP: one relay to each other
eligible member, its commands run once, no new case, no "how to write" answer, nothing held.
The alias Bcc'd (only in Delivered-To or X-Original-To) and the alias listed twice alike.
"""

import pytest

from dovecot import Dovecot, wait_until
from harness import RunningDaemon, load, member_reply, report, write_config

ALIAS = "conduct@example.org"
REPORTER = "reporter@example.net"
ANA = "Ana Lima <ana@example.org>"
SAM = "sam@example.net"                                   # Bo is conflicted with Sam (harness)
OTHERS = ("bo@example.org", "chidi@example.org")

# How the provider stored the answer: (Delivered-To, X-Original-To, To/Cc shape) per copy.
# "own" stands for the sender's case address; "to-own-cc-alias" is what Reply-All writes.
SHAPES = {
    "one-copy-delivered-to-alias": [("alias", None, "to-own-cc-alias")],
    "one-copy-delivered-to-own": [("own", None, "to-own-cc-alias")],
    "a-copy-per-address": [("alias", None, "to-own-cc-alias"), ("own", None, "to-own-cc-alias")],
    "alias-bccd-delivered-to": [("alias", None, "to-own")],
    "alias-bccd-x-original-to": [("box@provider.example", "alias", "to-own")],
    "alias-listed-twice": [("alias", None, "to-own-cc-alias-twice")],
}
ALL_SHAPES = pytest.mark.parametrize("shape", list(SHAPES))


@pytest.fixture
def dovecot():
    server = Dovecot().start()
    yield server
    server.cleanup()


def addressed(raw, own, shape):
    """`raw` (written To: the alias) readdressed as `shape` says."""
    head, body = raw.split(b"\r\n\r\n", 1)
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith((b"to:", b"cc:"))]
    lines.append(f"To: {own}".encode())
    if shape != "to-own":
        twice = ", The Committee <CONDUCT@Example.org>" if shape.endswith("twice") else ""
        lines.append(f"Cc: Code of Conduct <{ALIAS}>{twice}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def copies(raw, sender, own, shape):
    """The copies of `raw` the provider filed in the mailbox, with its trace headers."""
    where = {"alias": ALIAS, "own": own}
    found = []
    for delivered_to, original_to, header_shape in SHAPES[shape]:
        trace = f"Return-Path: <{sender}>\r\nDelivered-To: {where.get(delivered_to, delivered_to)}\r\n"
        if original_to:
            trace += f"X-Original-To: {where[original_to]}\r\n"
        found.append(trace.encode() + addressed(raw, own, header_shape))
    return found


def take(running, dovecot, *raws):
    """Deliver `raws` into the mailbox and wait until the daemon took and handled them all."""
    imap = running.daemon.imap
    before = imap.counts["spooled"]
    for raw in raws:
        dovecot.append(raw)
    wait_until(lambda: imap.counts["spooled"] >= before + len(raws), what="the messages spooled")
    running.run_until_idle()


def started(tmp_path, sink, dovecot, body="Someone kept interrupting me.\n"):
    config_path = write_config(tmp_path, sink.port, intake=dovecot.intake())
    running = RunningDaemon(load(config_path)).start()
    take(running, dovecot, f"Return-Path: <{REPORTER}>\r\nDelivered-To: {ALIAS}\r\n".encode() + report(body=body))
    (code,) = running.store.codes()
    return running, code


def own_address(sink, who):
    return [m for m in sink.messages_to(who) if m["Reply-To"]][-1]["Reply-To"].addresses[0].addr_spec


def nothing_else_happened(running, sink, code, sender):
    assert running.store.codes() == [code]                                  # no new case
    assert not [m for m in sink.messages_to(sender) if "How to write" in str(m["Subject"])]
    assert not running.state.held.ids()


@ALL_SHAPES
def test_a_members_reply_all_is_relayed_once_and_its_command_runs_once(tmp_path, sink, dovecot, shape):
    running, code = started(tmp_path, sink, dovecot)
    try:
        forward = sink.messages_to("ana@example.org")[-1]
        raw = member_reply(ANA, "#to-reporter\nThank you, we are looking into it.\n\n"
                                "And we should ask for the chat logs.\n",
                           subject=f"Re: {forward['Subject']}", in_reply_to=forward["Message-ID"])
        take(running, dovecot, *copies(raw, "ana@example.org", own_address(sink, "ana@example.org"), shape))
        nothing_else_happened(running, sink, code, "ana@example.org")
        for member in OTHERS:
            assert len([m for m in sink.messages_to(member) if "chat logs" in m.text()]) == 1, member
        assert len([m for m in sink.messages_to(REPORTER) if "looking into it" in m.text()]) == 1
        assert len([e for e in running.store.events(code) if e["kind"] == "command"]) == 1     # run once
    finally:
        running.stop()


@ALL_SHAPES
def test_the_reporters_reply_all_is_added_to_their_case_once(tmp_path, sink, dovecot, shape):
    running, code = started(tmp_path, sink, dovecot)
    try:
        (ack,) = sink.messages_to(REPORTER)
        raw = member_reply(f"Jane Reporter <{REPORTER}>", "He also took my badge at the door.\n",
                           subject=f"Re: {ack['Subject']}", in_reply_to=ack["Message-ID"])
        take(running, dovecot, *copies(raw, REPORTER, own_address(sink, REPORTER), shape))
        nothing_else_happened(running, sink, code, REPORTER)
        for member in ("ana@example.org", *OTHERS):
            relays = [m for m in sink.messages_to(member) if "took my badge" in m.text()]
            assert len(relays) == 1, member
        added = [e for e in running.store.events(code) if e["kind"] == "reporter added to the report"]
        assert len(added) == 1
        assert len(sink.messages_to(REPORTER)) == 1                    # the acknowledgement alone
    finally:
        running.stop()


@pytest.mark.parametrize("shape", ["one-copy-delivered-to-alias", "a-copy-per-address", "alias-bccd-x-original-to"])
def test_the_reported_persons_reply_all_is_confirmed_and_asks_for_the_review_once(tmp_path, sink, dovecot, shape):
    """Their client dropped In-Reply-To: the alias's copy alone links by the subject (unconfirmed,
    no #review); the case address among the recipients is proof."""
    running, code = started(tmp_path, sink, dovecot,
                            body=f"Reported person: Sam Rivera <{SAM}>\n\nSam interrupted me.\n")
    try:
        ana_own, forward = own_address(sink, "ana@example.org"), sink.messages_to("ana@example.org")[-1]
        ask = member_reply(ANA, "#to-reported\nWe would like to hear your side.\n",
                           subject=f"Re: {forward['Subject']}", in_reply_to=forward["Message-ID"])
        take(running, dovecot, *copies(ask, "ana@example.org", ana_own, "one-copy-delivered-to-own"))
        (ours,) = [m for m in sink.messages_to(SAM) if "hear your side" in m.text()]
        raw = member_reply(f"Sam Rivera <{SAM}>", "#review\nAnother thing about that evening.\n",
                           subject=f"Re: {ours['Subject']}")
        take(running, dovecot, *copies(raw, SAM, ours["Reply-To"].addresses[0].addr_spec, shape))
        assert running.store.codes() == [code]
        (relay,) = [m for m in sink.messages_to("chidi@example.org") if "Another thing" in m.text()]
        assert "Unconfirmed" not in relay.text()
        (recorded,) = [m for m in running.store.get(code)["reported_messages"] if m["direction"] == "from"]
        assert not recorded.get("unconfirmed") and recorded["review"]
    finally:
        running.stop()


def test_a_report_listing_the_alias_twice_is_one_case_acknowledged_once(tmp_path, sink, dovecot):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, intake=dovecot.intake()))).start()
    try:
        raw = report().replace(f"To: {ALIAS}".encode(),
                               f"To: {ALIAS}, The Committee <CONDUCT@Example.org>\r\nCc: {ALIAS}".encode(), 1)
        take(running, dovecot, f"Return-Path: <{REPORTER}>\r\nDelivered-To: {ALIAS}\r\n"
                               f"X-Original-To: {ALIAS}\r\n".encode() + raw)
        assert len(running.store.codes()) == 1
        assert len(sink.messages_to(REPORTER)) == 1                     # one acknowledgement
        for member in ("ana@example.org", *OTHERS):
            assert len([m for m in sink.messages_to(member) if "kept interrupting" in m.text()]) == 1, member
    finally:
        running.stop()
