"""Escalation keeps invariants 1 and 2, as a property over random committees and conflicts:
a member's `#escalate` reaches the escalation body only when it is neither a party nor
conflicted with one (the same `decide` as every member-bound mail), and never carries who
reported, even when the reporter shared their identity and the member's reason names them.
"""

from hypothesis import HealthCheck, assume, example, given, settings

from harness import Sink, member_reply, reply_address
from test_properties import expected_excluded
from test_properties_interim import STEERING, started_with_report, steering_never_learns, with_reserves

REPORTER = ("Pat Quill-Reporter", "pat.quill@reporters.example")


def escalate(running, sink, member, reason):
    body = f"#escalate {reason}\n"
    assert running.send(member_reply(f"{member['name']} <{member['email']}>", body), mail_from=member["email"],
                        rcpt_tos=[reply_address(sink, member["email"])])[0] == 250
    running.run_until_idle()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(with_reserves())
# the escalation body conflicted with the person the report names: it gets nothing
@example(([{"name": "Ana Lima", "email": "m0@example.org"}, {"name": "Bo Chen", "email": "m1@example.org"}], [],
          {STEERING["email"]: [{"name": "Kim Park-Out0", "emails": ["kim0@outside.example"], "aliases": []}]},
          [{"name": "Kim Park-Out0", "emails": ["kim0@outside.example"], "aliases": []}], True))
# the reporter shared their identity and the member's reason names them: none of it goes out
@example(([{"name": "Ana Lima", "email": "m0@example.org"}], [], {}, [], True))
def test_escalation_reaches_only_an_unconflicted_body_and_never_says_who_reported(tmp_path_factory, scenario):
    members, reserves, conflicts, named, share = scenario
    excluded = expected_excluded(members, conflicts, REPORTER, named)
    readers = [m for m in members if m["email"] not in excluded]
    assume(readers)
    folder = tmp_path_factory.mktemp("escalation")
    sink = Sink().start()
    running = None
    try:
        running = started_with_report(folder, sink, scenario, REPORTER)
        escalate(running, sink, readers[0], f"{REPORTER[0]} ({REPORTER[1]}) asked us to hurry")
        sent = [m for m in sink.messages_to(STEERING["email"]) if "Escalated to you" in str(m["Subject"])]
        steering_excluded = STEERING["email"] in expected_excluded([dict(STEERING, active=True)], conflicts,
                                                                   REPORTER, named)
        assert len(sent) == (0 if steering_excluded else 1)
        steering_never_learns(sink, REPORTER)
    finally:
        if running:
            running.stop()
        sink.stop()
