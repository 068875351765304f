"""How a proposal is decided: the policy's rule over the case's current members.

consensus (NumPy, Jupyter): passes once at least `quorum` of the members voted, at least
one yes and no "no"; fails when everyone voted and someone said no.
two-thirds (PyDistrict): passes when two thirds of the case's members voted yes (and the
quorum voted); fails when that can no longer happen.
Members who recused or are excluded never count: `voters` is the case's audience now.
"""

import math

VOTES = ("yes", "no", "abstain")


def outcome(proposal, voters, rule, quorum):
    """'passed', 'failed' or None (still open)."""
    members = {v.lower() for v in voters}
    votes = {m: v for m, v in proposal.get("votes", {}).items() if m in members}
    total = len(members)
    if total == 0:
        return None
    cast = len(votes)
    yes = sum(1 for v in votes.values() if v == "yes")
    no = sum(1 for v in votes.values() if v == "no")
    enough_voted = cast >= math.ceil(quorum * total)
    if rule == "consensus":
        if enough_voted and yes >= 1 and no == 0:
            return "passed"
        if cast == total and (no > 0 or yes == 0):
            return "failed"
        return None
    needed = math.ceil(2 * total / 3)
    if yes >= needed and enough_voted:
        return "passed"
    if total - no < needed or cast == total:
        return "failed"
    return None

