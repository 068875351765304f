"""`#reported-contact` cannot be used to find who reported (issue 14's one door, invariant 2).

Its refusal says an address cannot be used, and one it refuses is the reporter's; a member
trying address after address would learn which. So each new address tried counts, per member
(across cases) and per case, and past the limit within a day nothing is checked: the answer
is the same whatever the address, and the admin is alerted. Real SMTP, the running daemon.
"""

from harness import member_says, report

REPORTER = "reporter@example.net"
ANA, CHIDI = "Ana Lima <ana@example.org>", "Chidi Okafor <chidi@example.org>"
TOO_MANY = "too many addresses were tried"


def a_case(daemon):
    daemon.send(report(body="Someone kept interrupting me at the meetup.\n"), mail_from=REPORTER)
    daemon.run_until_idle()
    return next(iter(daemon.store.open_codes))


def answer(sink, who):
    return [m for m in sink.messages_to(who) if "Your commands" in str(m["Subject"])][-1].text()


def alerts(sink):
    return [m for m in sink.messages_to("admin@example.org") if "tried too often" in str(m["Subject"])]


def tries(daemon, sink, member, address):
    member_says(daemon, sink, member, f"#reported-contact Pat <{address}>\n")
    return answer(sink, member.split("<")[1].rstrip(">"))


def test_a_member_past_the_limit_learns_nothing_of_the_reporters_address_and_the_admin_is_told(daemon, sink):
    code = a_case(daemon)
    for n in range(3):
        assert "recorded" in tries(daemon, sink, ANA, f"pat{n}@elsewhere.example")
    said = tries(daemon, sink, ANA, REPORTER)
    assert TOO_MANY in said and "cannot be used" not in said, said
    assert daemon.store.get(code)["reported_contact"]["email"] == "pat2@elsewhere.example"
    (alert,) = alerts(sink)
    assert code in alert.text() and REPORTER not in alert.data.decode().lower()


def test_members_together_past_the_cases_limit_learn_nothing_either(daemon, sink):
    a_case(daemon)
    for n in range(3):
        tries(daemon, sink, ANA, f"pat{n}@elsewhere.example")
    for n in range(2):
        assert TOO_MANY not in tries(daemon, sink, CHIDI, f"kim{n}@elsewhere.example")
    said = tries(daemon, sink, CHIDI, REPORTER)
    assert TOO_MANY in said and "cannot be used" not in said, said
    assert len(alerts(sink)) == 1


def test_within_the_limit_the_reporters_address_is_refused_and_a_day_later_a_member_may_try_again(
        daemon, sink):
    a_case(daemon)
    for n in range(3):
        tries(daemon, sink, ANA, f"pat{n}@elsewhere.example")
    daemon.advance(days=1, minutes=1)
    assert "cannot be used" in tries(daemon, sink, ANA, REPORTER)
