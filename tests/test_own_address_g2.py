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
from mailrouter.privacy.authorship import find_author, rewritten_by_list

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


GOOGLE_GROUP = ["Mailing-list: list conduct@example.org; contact conduct+owners@example.org",
                "List-ID: <conduct.example.org>", "X-Google-Group-Id: 123456789", "Precedence: list",
                "List-Post: <https://groups.google.com/a/example.org/group/conduct/post>, <mailto:conduct@example.org>"]


def not_acknowledged(daemon, code):
    return [e.get("reason") for e in daemon.store.events(code) if e.get("kind") == "not acknowledged"]


def forwards(sink):
    return [m for m in sink.all() if any(r.startswith(("ana@", "bo@", "chidi@")) for r in m.rcpt_tos)]


def test_an_alias_that_is_a_group_leaving_from_as_it_was_acknowledges_the_person(daemon, sink):
    """Google Groups rewrites From only where the sender's domain asks it to (DMARC); for
    other senders it leaves From as it was and names the same address in X-Original-Sender.
    Its list headers name our alias: they say how the report came, not that it is a list's post."""
    raw = report(sender="Jane Reporter <jane@example.net>",
                 extra_headers=["X-Original-Sender: jane@example.net", *GOOGLE_GROUP])
    assert daemon.send(raw, mail_from="conduct+bncBXYZ@example.org")[0] == 250
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert [m["Subject"] for m in sink.messages_to("jane@example.net")] == [f"[{code}] Your report was received"]
    assert not not_acknowledged(daemon, code)
    assert forwards(sink) and not any(b"jane@example.net" in m.data.lower() for m in forwards(sink))
    assert ours(sink) == [] and sink.messages_to(ADMIN) == []


def test_a_post_of_another_list_that_reached_the_alias_is_filed_not_acknowledged(daemon, sink):
    """The same headers naming someone else's list: the alias was subscribed, or a list was
    given it as a member. Nobody is answered (the admin is told), as before."""
    other = [h.replace("conduct@example.org", "orga@lists.example.com").replace("conduct+owners@example.org",
             "orga-owner@lists.example.com").replace("conduct.example.org", "orga.lists.example.com")
             for h in GOOGLE_GROUP]
    raw = report(sender="Jane Reporter <jane@example.net>", extra_headers=["X-Original-Sender: jane@example.net",
                                                                          *other])
    assert daemon.send(raw, mail_from="orga+bncBXYZ@lists.example.com")[0] == 250
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    assert sink.messages_to("jane@example.net") == []
    assert not_acknowledged(daemon, code) == ["Precedence: list"]
    assert forwards(sink)


def test_an_original_sender_header_names_a_rewriting_only_when_it_is_not_from():
    plain = parse(report(sender="Jane <jane@example.net>", extra_headers=["X-Original-Sender: Jane@Example.net"]))
    assert not rewritten_by_list(plain, "Jane", "jane@example.net")
    assert find_author(plain, "jane@example.net").ack_to == "jane@example.net"
    rewritten = parse(report(sender="'Jane' via Orga <orga@googlegroups.com>",
                             extra_headers=["X-Original-Sender: jane@example.net"]))
    assert rewritten_by_list(rewritten, "'Jane' via Orga", "orga@googlegroups.com")
    assert find_author(rewritten, "orga+bncB@googlegroups.com").ack_to == "jane@example.net"
    unreadable = parse(report(sender="Orga <orga@example.com>", extra_headers=["X-Original-From: Jane"]))
    assert rewritten_by_list(unreadable, "Orga", "orga@example.com")      # present, unreadable: as before
