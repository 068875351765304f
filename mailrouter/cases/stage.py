"""Where a case stands, as the reporter may be told it: the stage the status mail names.

Computed from the case's facts, never stored, so a status mail always says what is true
when it is sent. The stages say nothing internal: no votes, members, parties or sanctions.
"""

RECEIVED = "received"
UNDER_REVIEW = "under review"
PROPOSED = "resolution proposed"
CONSULTATION = "consultation"
ENACTED = "enacted"
CLOSED = "closed"
STAGES = (RECEIVED, UNDER_REVIEW, PROPOSED, CONSULTATION, ENACTED, CLOSED)


def stage_of(case):
    """The latest stage the case has reached (STAGES, in order)."""
    if case.get("status", "new") in ("resolved", "closed"):
        return CLOSED
    if case.get("enacted"):
        return ENACTED
    if case.get("consultation"):
        return CONSULTATION
    if any(p.get("status") == "passed" for p in case.get("proposals", ())):
        return PROPOSED
    if case.get("status", "new") != "new" or case.get("proposals"):
        return UNDER_REVIEW
    return RECEIVED


def passed_proposals(case):
    """The proposals the committee passed, in order."""
    return [p for p in case.get("proposals", ()) if p.get("status") == "passed"]
