"""Record the parties of the case and log how many members may see it.

The reporter is a party through the identity store only, so the case store never records
who reported. Only counts are logged; the decision itself is recomputed (eligibility_for)
whenever mail is about to be sent.

Below the policy's `min_readers`, interim readers are brought in (casework/interim.py).

Reads: named (found by scrub, within the message's time budget, before the case opened:
nothing here can overrun it and leave the case without its forwards), code. Sets: nothing
(the case's parties, its interim readers).
"""

from mailrouter.casework.interim import bring_in
from mailrouter.cases.eligibility import eligibility_for, party_record


def run(item, ctx):
    records = [party_record(p) for p in item.named]
    case = dict(ctx.store.get(item.code), parties=records)
    decision = eligibility_for(case, ctx.committee, ctx.reporters)
    ctx.store.update(item.code, {"parties": records},
                     event={"kind": "routed", "by": "mailrouter",
                            "eligible": len(decision.eligible), "excluded": len(decision.excluded)})
    # Never nobody: too few members, and reserves or the escalation body read it too (the
    # forward stage sends it to them with the members).
    bring_in(ctx, item.code, "routing", send=False)
