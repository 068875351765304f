"""A message to both the alias and the reporter's case address is added to its case once.

The reporter writes To: the alias, Cc: their case address (or answers all to our
acknowledgement). It arrives as one SMTP transaction with both recipients, or, through a
front MTA that splits recipients, as two transactions carrying the same Message-ID. Either
way the case gets one addition and each member one relay; no new case is opened.

A member's or the reported person's reply to all names their case address and the alias in
one transaction: it is handled once, on the case address's path (proven there), with its
commands run once; the alias's copy is not run beside it.
"""

import pytest

from harness import RunningDaemon, load, member_reply, member_says, reply_address, report, write_config

REPORTER = "reporter@example.net"
ALIAS = "conduct@example.org"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def addition(to, cc, in_reply_to=None):
    extra = [f"Cc: {cc}"] + ([f"In-Reply-To: {in_reply_to}"] if in_reply_to else [])
    raw = report(subject="One more thing", body="He also took my badge at the door.\n",
                 message_id="<one-more-thing.4711@example.net>", extra_headers=extra)
    return raw.replace(f"To: {ALIAS}".encode(), f"To: {to}".encode(), 1)


@pytest.mark.parametrize("shape, transactions", [
    ("new message", [("alias", "case")]),
    ("new message", [("alias",), ("case",)]),
    ("new message", [("case",), ("alias",)]),
    ("reply to all", [("case", "alias")]),
    ("reply to all", [("alias", "case")]),
    ("reply to all", [("alias",), ("case",)]),
], ids=["one-transaction", "two-alias-first", "two-case-first", "reply-all-one", "reply-all-one-alias-first",
        "reply-all-two"])
def test_mail_to_the_alias_and_the_case_address_is_added_once(daemon, sink, shape, transactions):
    daemon.send(report())
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    (ack,) = sink.messages_to(REPORTER)
    case_address = reply_address(sink, REPORTER)
    raw = addition(ALIAS, case_address) if shape == "new message" else \
        addition(case_address, ALIAS, in_reply_to=ack["Message-ID"])
    where = {"alias": ALIAS, "case": case_address}
    for recipients in transactions:
        answer, _ = daemon.send(raw, mail_from=REPORTER, rcpt_tos=[where[r] for r in recipients])
        assert answer == 250
        daemon.run_until_idle()
    assert daemon.store.codes() == [code]                          # no new case
    for member in MEMBERS:
        relays = [m for m in sink.messages_to(member) if "The reporter added" in str(m["Subject"])]
        assert len(relays) == 1, member
        assert "took my badge" in relays[0].text()
    added = [e for e in daemon.store.events(code) if e["kind"] == "reporter added to the report"]
    assert len(added) == 1
    assert len(sink.messages_to(REPORTER)) == 1                    # the acknowledgement alone


# A member's or the reported person's Reply-All names their case address and the alias: one
# message, handled once as the reply it is (the case-address path: proven, its commands run).

ANA = "Ana Lima <ana@example.org>"
SAM = "sam@example.net"                                   # Bo is conflicted with Sam (harness)
PASS = "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org"


def started(tmp_path, sink, body="Someone kept interrupting me.\n", **overrides):
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port, **overrides))).start()
    daemon.send(report(body=body))
    daemon.run_until_idle()
    return daemon, daemon.store.codes()[0]


def reply_all(daemon, sender, own, body, subject, order, in_reply_to=None, extra_headers=()):
    """`sender` answers to all: To their case address `own`, Cc the alias; `order` of the envelope."""
    raw = member_reply(sender, body, subject=subject, in_reply_to=in_reply_to, extra_headers=extra_headers,
                       cc=[ALIAS]).replace(f"To: {ALIAS}".encode(), f"To: {own}".encode(), 1)
    where = {"alias": ALIAS, "case": own}
    assert daemon.send(raw, mail_from=sender.split("<")[1].rstrip(">"),
                       rcpt_tos=[where[r] for r in order])[0] == 250
    daemon.run_until_idle()


ORDERS = pytest.mark.parametrize("order", [("alias", "case"), ("case", "alias")], ids=["alias-first", "case-first"])


@ORDERS
@pytest.mark.parametrize("verified_by", [None, "mx.example.org"], ids=["plain", "verifying-mta"])
def test_a_members_reply_all_is_relayed_once_and_its_command_runs_once(tmp_path, sink, order, verified_by):
    daemon, code = started(tmp_path, sink, **({"authserv_id": verified_by} if verified_by else {}))
    try:
        forward = sink.messages_to("ana@example.org")[-1]
        reply_all(daemon, ANA, reply_address(sink, "ana@example.org"),
                  "#to-reporter\nThank you, we are looking into it.\n\nAnd we should ask for the chat logs.\n",
                  f"Re: {forward['Subject']}", order, in_reply_to=forward["Message-ID"], extra_headers=(PASS,))
        assert daemon.store.codes() == [code]
        for member in ("bo@example.org", "chidi@example.org"):
            assert len([m for m in sink.messages_to(member) if "chat logs" in m.text()]) == 1, member
        assert len([m for m in sink.messages_to(REPORTER) if "looking into it" in m.text()]) == 1
        assert not [m for m in sink.messages_to("ana@example.org") if "How to write" in str(m["Subject"])]
        assert not daemon.state.held.ids()
        assert len([e for e in daemon.store.events(code) if e["kind"] == "command"]) == 1     # run once
    finally:
        daemon.stop()


@ORDERS
def test_the_reported_persons_reply_all_is_confirmed_and_asks_for_the_review_once(tmp_path, sink, order):
    """Their client dropped In-Reply-To: the alias copy alone links by the subject (unconfirmed,
    no #review); the copy to their own reply address is proof."""
    daemon, code = started(tmp_path, sink, body=f"Reported person: Sam Rivera <{SAM}>\n\nSam interrupted me.\n")
    try:
        member_says(daemon, sink, ANA, "#to-reported\nWe would like to hear your side.\n")
        (ours,) = [m for m in sink.messages_to(SAM) if "hear your side" in m.text()]
        reply_all(daemon, f"Sam Rivera <{SAM}>", ours["Reply-To"].addresses[0].addr_spec,
                  "#review\nAnother thing about that evening.\n", f"Re: {ours['Subject']}", order)
        assert daemon.store.codes() == [code]
        (relay,) = [m for m in sink.messages_to("chidi@example.org") if "Another thing" in m.text()]
        assert "Unconfirmed" not in relay.text()
        (recorded,) = [m for m in daemon.store.get(code)["reported_messages"] if m["direction"] == "from"]
        assert not recorded.get("unconfirmed") and recorded["review"]
    finally:
        daemon.stop()


@ORDERS
def test_a_members_reply_all_with_a_new_subject_opens_no_new_case(tmp_path, sink, order):
    """Written fresh to their case address, Cc the alias, no In-Reply-To and no code name in
    the subject: the alias's copy alone would read as a new report (committee discussion
    forwarded as one); the case address says which case it is about."""
    daemon, code = started(tmp_path, sink)
    try:
        reply_all(daemon, ANA, reply_address(sink, "ana@example.org"),
                  "A quick thought: we should ask for the chat logs.\n", "A quick thought", order)
        assert daemon.store.codes() == [code]
        for member in ("bo@example.org", "chidi@example.org"):
            assert len([m for m in sink.messages_to(member) if "chat logs" in m.text()]) == 1, member
        assert not daemon.state.held.ids()
    finally:
        daemon.stop()


def test_a_witness_report_that_copies_a_members_case_address_still_opens_its_case(tmp_path, sink):
    """Not a member: the case address's copy is refused (not its holder), and the alias's copy
    is the report it reads as, with its acknowledgement and forwards."""
    daemon, code = started(tmp_path, sink)
    try:
        raw = report(sender="Wes Witness <wes@example.net>", subject="I saw it too",
                     body="I saw the same man shout at the registration desk.\n",
                     extra_headers=[f"Cc: {reply_address(sink, 'ana@example.org')}"])
        assert daemon.send(raw, mail_from="wes@example.net",
                           rcpt_tos=[ALIAS, reply_address(sink, "ana@example.org")])[0] == 250
        daemon.run_until_idle()
        assert len(daemon.store.codes()) == 2
        assert sink.messages_to("wes@example.net")                 # acknowledged
        assert [m for m in sink.messages_to("bo@example.org") if "registration desk" in m.text()]
    finally:
        daemon.stop()
