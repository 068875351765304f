"""A message to both the alias and the reporter's case address is added to its case once.

The reporter writes To: the alias, Cc: their case address (or answers all to our
acknowledgement). It arrives as one SMTP transaction with both recipients, or, through a
front MTA that splits recipients, as two transactions carrying the same Message-ID. Either
way the case gets one addition and each member one relay; no new case is opened.
"""

import pytest

from harness import reply_address, report

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
    ("reply to all", [("alias",), ("case",)]),
], ids=["one-transaction", "two-alias-first", "two-case-first", "reply-all-one", "reply-all-two"])
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
