"""A report in over SMTP becomes one case, one acknowledgement, one forward per eligible member."""

from email.utils import getaddresses

from harness import report
from mailrouter.cases.eligibility import eligibility_for

REPORTER = "reporter@example.net"
ELIGIBLE = ["ana@example.org", "bo@example.org", "chidi@example.org"]   # Dana is inactive


def excluded(daemon):
    case = daemon.store.get(daemon.store.codes()[0])
    return eligibility_for(case, daemon.config.committee, daemon.daemon.ctx.reporters).excluded


def member_bound(sink):
    return [m for m in sink.all() if m.rcpt_tos[0] != REPORTER]


def test_report_gets_one_ack_and_one_forward_per_eligible_member(daemon, sink):
    code, reply = daemon.send(report())
    assert code == 250 and reply.startswith(b"2.0.0 Queued as")
    daemon.run_until_idle()
    received = sink.wait_for(1 + len(ELIGIBLE))
    assert len(received) == 4
    acks = sink.messages_to(REPORTER)
    assert len(acks) == 1
    for member in ELIGIBLE:
        forwards = sink.messages_to(member)
        assert len(forwards) == 1, member
        assert forwards[0].rcpt_tos == [member]          # addressed to that member alone
        assert [a for _, a in getaddresses([forwards[0]["To"]])] == [member]
    assert sink.messages_to("dana@example.org") == []
    assert len(daemon.store.codes()) == 1


def test_acknowledgement_carries_code_name_and_loop_headers(daemon, sink):
    daemon.send(report(message_id="<original-1@example.net>"))
    daemon.run_until_idle()
    sink.wait_for(4)
    (ack,) = sink.messages_to(REPORTER)
    code = daemon.store.codes()[0]
    assert code in ack["Subject"]
    assert code in ack.text()
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["X-Mailrouter-Loop"] == "example.org"
    assert ack["From"].addresses[0].addr_spec == "conduct@example.org"
    assert ack["In-Reply-To"] == "<original-1@example.net>"
    assert ack["Reply-To"].addresses[0].addr_spec.startswith("conduct+")


def test_forwards_carry_code_name_private_reply_address_and_new_message_id(daemon, sink):
    daemon.send(report(message_id="<leaky-id@example.net>"))
    daemon.run_until_idle()
    sink.wait_for(4)
    code = daemon.store.codes()[0]
    reply_addresses = set()
    for forward in member_bound(sink):
        assert code in forward["Subject"]
        assert forward["Message-ID"].endswith("@example.org>")
        assert "leaky-id" not in forward.data.decode()
        reply_to = forward["Reply-To"].addresses[0].addr_spec
        local, token = reply_to.split("@")[0].split("+")
        assert local == "conduct" and len(token) >= 26      # >= 128 bits in base32
        reply_addresses.add(reply_to)
        assert "Someone kept interrupting me." in forward.text()
    assert len(reply_addresses) == 3                         # one per member


def test_no_member_bound_byte_carries_the_reporters_address_or_name(daemon, sink):
    body = ("I'm writing as Jane Reporter (reporter@example.net, also REPORTER+coc@example.net).\n"
            "Thanks, Jane\n")
    daemon.send(report(subject="Report from Jane Reporter", body=body))
    daemon.run_until_idle()
    sink.wait_for(4)
    for forward in member_bound(sink):
        raw = forward.data.decode("utf-8", "replace").lower()
        text = forward.text().lower()
        for leak in ("reporter@example.net", "reporter+coc@example.net", "jane reporter", "jane"):
            assert leak not in raw and leak not in text, leak


def test_report_naming_a_conflicted_person_skips_that_member(daemon, sink):
    daemon.send(report(body="It was Sam Rivera again, at the sprint.\n"))
    daemon.run_until_idle()
    sink.wait_for(3)
    assert sink.messages_to("bo@example.org") == []
    assert len(sink.messages_to("ana@example.org")) == 1
    assert excluded(daemon)["bo@example.org"] == "declared a conflict"


def test_report_from_a_conflicted_person_skips_the_conflicted_member(daemon, sink):
    daemon.send(report(sender="Sam Rivera <sam@example.net>"), mail_from="sam@example.net")
    daemon.run_until_idle()
    sink.wait_for(3)
    assert sink.messages_to("bo@example.org") == []


def test_report_about_a_member_by_alias_never_reaches_that_member(daemon, sink):
    daemon.send(report(body="chidiO made the comment in the channel.\n"))
    daemon.run_until_idle()
    sink.wait_for(3)
    assert sink.messages_to("chidi@example.org") == []
    assert excluded(daemon)["chidi@example.org"] == "is a party"


def test_member_reporting_does_not_receive_their_own_report_as_member(daemon, sink):
    daemon.send(report(sender="Ana Lima <ana@example.org>"), mail_from="ana@example.org")
    daemon.run_until_idle()
    sink.wait_for(3)
    received = sink.messages_to("ana@example.org")
    assert len(received) == 1 and received[0]["Auto-Submitted"] == "auto-replied"
    assert "New report" not in received[0]["Subject"]


def test_same_message_twice_gives_one_case_one_ack_one_forward_each(daemon, sink):
    raw = report(message_id="<twice@example.net>")
    daemon.send(raw)
    daemon.run_until_idle()
    daemon.send(raw)
    daemon.run_until_idle()
    sink.wait_for(4)
    assert len(daemon.store.codes()) == 1
    assert len(sink.messages_to(REPORTER)) == 1
    for member in ELIGIBLE:
        assert len(sink.messages_to(member)) == 1


def test_reply_to_the_acknowledgement_adds_to_the_same_case(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    sink.wait_for(4)
    (ack,) = sink.messages_to(REPORTER)
    reply_address = ack["Reply-To"].addresses[0].addr_spec
    addition = report(subject="Re: more details", body="I also have a screenshot.\n")
    code, _ = daemon.send(addition, rcpt_tos=[reply_address])
    assert code == 250
    daemon.run_until_idle()
    assert len(daemon.store.codes()) == 1
    case_code = daemon.store.codes()[0]
    kinds = [e["kind"] for e in daemon.store.events(case_code)]
    assert "reporter added to the report" in kinds
    assert b"I also have a screenshot." in daemon.store.report(case_code, 2)
    assert len(sink.messages_to(REPORTER)) == 1       # no second acknowledgement
    for member in ELIGIBLE:                           # the addition reached each member
        relays = [m for m in sink.messages_to(member) if "added to the report" in str(m["Subject"])]
        assert len(relays) == 1 and "I also have a screenshot." in relays[0].text()


def test_new_message_ids_are_recorded_per_member_for_threading(daemon, sink):
    daemon.send(report())
    daemon.run_until_idle()
    sink.wait_for(4)
    case = daemon.store.get(daemon.store.codes()[0])
    for member in ELIGIBLE:
        (forward,) = sink.messages_to(member)
        assert case["threads"][f"member:{member}"] == [forward["Message-ID"]]
