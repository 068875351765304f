"""Escalation (#escalate, and the scheduler's on deadlock) is member-bound mail like any other:
its recipients are screened by the same `decide` (an escalation contact conflicted with a
party gets nothing), and what it says is cleaned of the reporter, even one who agreed to be
known to the committee. Real SMTP against the running daemon.
"""

from harness import CONFLICTS, RunningDaemon, load, member_says, report, write_config

REPORTER, REPORTER_NAME = "reporter@example.net", "Jane Reporter"
STEERING = "steering@example.org"
ANA = "Ana Lima <ana@example.org>"
SAM_REPORT = "Sam Rivera <sam@example.net> kept interrupting me at the meetup.\n"


def escalations(sink):
    return [m for m in sink.messages_to(STEERING) if "Escalated to you" in str(m["Subject"])]


def run_escalation(tmp_path, sink, conflicts, body, reason):
    path = write_config(tmp_path, sink.port, conflicts=conflicts)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(body=body), mail_from=REPORTER)
        running.run_until_idle()
        member_says(running, sink, ANA, f"#escalate {reason}\n")
        running.run_until_idle()
        return next(iter(running.store.open_codes)), running.store
    finally:
        running.stop()


def test_an_escalation_contact_conflicted_with_a_party_is_not_sent_the_escalation(tmp_path, sink):
    conflicts = dict(CONFLICTS, **{STEERING: [{"name": "Sam Rivera", "emails": ["sam@example.net"]}]})
    code, store = run_escalation(tmp_path, sink, conflicts, SAM_REPORT, "no agreement in two weeks")
    assert escalations(sink) == [], "a conflicted escalation contact received the case"
    event = [e for e in store.events(code) if e.get("kind") == "escalated"][-1]
    assert event["contacts"] == 0 and event["withheld"] == 1


def test_an_unconflicted_escalation_contact_is_sent_it(tmp_path, sink):
    run_escalation(tmp_path, sink, CONFLICTS, SAM_REPORT, "no agreement in two weeks")
    (sent,) = escalations(sink)
    assert "no agreement in two weeks" in sent.text()


def test_the_escalation_carries_nothing_of_a_reporter_shared_with_the_committee(tmp_path, sink):
    body = SAM_REPORT + "Share my identity: yes\n"
    run_escalation(tmp_path, sink, CONFLICTS, body,
                   f"{REPORTER_NAME} ({REPORTER}) is afraid to come back; Jane asked us to hurry")
    (sent,) = escalations(sink)
    raw = sent.data.decode("utf-8", "replace").lower()
    assert "afraid to come back" in sent.text()
    for secret in (REPORTER, REPORTER_NAME, "jane"):
        assert secret.lower() not in raw, secret
