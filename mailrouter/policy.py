"""The committee's procedure: how reports are routed and how the committee decides.

Set in the `policy:` section of mailrouter.yaml. Durations are written as people write
them (`24h`, `7d`, `2w`).
"""

from dataclasses import dataclass

from mailrouter.yamlsource import parse_duration

ROUTINGS = ("direct", "triage")
DECISION_RULES = ("consensus", "two-thirds")


@dataclass(frozen=True)
class Policy:
    routing: str = "direct"            # triage: chairs first, then members after a conflict check
    decision_rule: str = "consensus"   # NumPy, Jupyter; PyDistrict: two-thirds
    quorum: float = 1.0                # fraction of the case's members who must have voted
    deadlock: float = parse_duration("1w")


def load_policy(node):
    node = node.mapping().only_keys("routing", "decision_rule", "quorum", "deadlock")
    default = Policy()
    return Policy(
        routing=node.get("routing", default.routing).choice(*ROUTINGS),
        decision_rule=node.get("decision_rule", default.decision_rule).choice(*DECISION_RULES),
        quorum=node.get("quorum", default.quorum).number(0.01, 1),
        deadlock=node.get("deadlock", "1w").duration(),
    )
