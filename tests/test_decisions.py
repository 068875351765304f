"""The decision rules, as the policy states them.

Deadlocks are a clock: see test_deadlines.py, which drives the scheduler through the daemon.
"""

from datetime import datetime, timezone

from mailrouter.cases.decisions import outcome

MEMBERS = ["a@x.org", "b@x.org", "c@x.org"]
OPENED = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)


def proposal(**votes):
    return {"status": "open", "opened": OPENED.isoformat(),
            "votes": {f"{k}@x.org": v for k, v in votes.items()}}


def test_consensus_needs_the_quorum_and_no_objection():
    assert outcome(proposal(a="yes", b="yes"), MEMBERS, "consensus", 1.0) is None
    assert outcome(proposal(a="yes", b="yes", c="abstain"), MEMBERS, "consensus", 1.0) == "passed"
    assert outcome(proposal(a="yes", b="yes", c="no"), MEMBERS, "consensus", 1.0) == "failed"
    assert outcome(proposal(a="yes", b="yes"), MEMBERS, "consensus", 0.6) == "passed"


def test_two_thirds_of_the_case_members():
    assert outcome(proposal(a="yes"), MEMBERS, "two-thirds", 0.5) is None
    assert outcome(proposal(a="yes", b="yes"), MEMBERS, "two-thirds", 0.5) == "passed"
    assert outcome(proposal(a="no", b="no"), MEMBERS, "two-thirds", 0.5) == "failed"


def test_votes_of_members_no_longer_on_the_case_do_not_count():
    votes = proposal(a="yes", b="yes", c="no")
    assert outcome(votes, ["a@x.org", "b@x.org"], "consensus", 1.0) == "passed"

