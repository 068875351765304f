"""Mail that claims to come from ourselves is held, never acknowledged to ourselves (L1).

A report whose From or envelope sender is the alias or one of its `+` addresses is our own
mail come back (a loop) or a forgery: it is held for the admin, who is alerted (once a day),
and nothing is sent to any address of ours. A web form that writes as the alias and names
the person in Reply-To stays a report. Over real SMTP.
"""

from harness import report
from mailrouter.mail.addresses import plausible_human
from mailrouter.mail.message import parse
from mailrouter.mail.screening import no_ack_reason

ADMIN = "admin@example.org"


def ours(sink):
    return [m for m in sink.all() if any(r.lower().split("+")[0].split("@")[0] == "conduct" for r in m.rcpt_tos)]


def alerts(sink):
    return [m for m in sink.messages_to(ADMIN) if "our own address" in m["Subject"]]


def test_report_from_our_subaddress_is_held_and_the_admin_told(daemon, sink):
    address = "conduct+r-abcdefg@example.org"
    assert daemon.send(report(sender=f"Jane <{address}>"), mail_from=address)[0] == 250
    daemon.run_until_idle()
    assert daemon.store.codes() == []
    assert len(daemon.state.held.ids()) == 1
    assert ours(sink) == []                                       # nothing to an address of ours
    assert len(alerts(sink)) == 1


def test_mail_from_the_alias_itself_is_held_with_one_alert_a_day(daemon, sink):
    for _ in range(2):
        daemon.send(report(sender="Example CoC Committee <conduct@example.org>"), mail_from="conduct@example.org")
    daemon.run_until_idle()
    assert daemon.store.codes() == [] and len(daemon.state.held.ids()) == 2
    assert ours(sink) == []
    assert len(alerts(sink)) == 1                                 # a loop is not a flood of alerts


def test_a_web_form_writing_as_the_alias_with_the_persons_reply_to_is_a_report(daemon, sink):
    raw = report(sender="Example CoC Committee <conduct@example.org>",
                 extra_headers=["Reply-To: Jane Reporter <jane@example.net>"])
    daemon.send(raw, mail_from="conduct@example.org")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert [m["Subject"] for m in sink.messages_to("jane@example.net")] == [f"[{code}] Your report was received"]
    assert ours(sink) == []


def test_a_subaddress_of_ours_gets_no_quarantine_notice():
    own = {"conduct@example.org", ADMIN}
    assert not plausible_human("conduct+r-abcdefg@example.org", own)
    assert not plausible_human("Conduct+b-xyz@Example.org", own)
    assert plausible_human("jane+conduct@example.net", own)


def test_an_alias_that_is_a_group_rewriting_from_still_files_the_persons_report(daemon, sink):
    raw = report(sender="'Jane Reporter' via Conduct <conduct@example.org>",
                 extra_headers=["X-Original-From: Jane Reporter <jane@example.net>",
                                "List-ID: <conduct.example.org>", "Precedence: list"])
    daemon.send(raw, mail_from="conduct+bncBXYZ@example.org")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert [m["Subject"] for m in sink.messages_to("jane@example.net")] == [f"[{code}] Your report was received"]
    assert ours(sink) == []


def test_our_subaddress_as_the_acknowledgement_address_is_never_answered():
    msg = parse(report())
    assert no_ack_reason(msg, "Conduct+r-abcdefg@example.org", {"conduct@example.org"}) == "sent by mailrouter itself"
    assert no_ack_reason(msg, "jane+conduct@example.net", {"conduct@example.org"}) is None
