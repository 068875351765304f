"""Send the scrubbed report to each member who may see it, one message each.

Direct routing: every eligible member. Triage routing (PyDistrict): the eligible members
with the chair or triage role first; the others after a conflict check (#no-conflict).
If no chair or triage member is eligible, the report goes to every eligible member.

Reads: code, report, notes. Sets: nothing (the case records who was granted access).
"""

from mailrouter.casework.forwarding import forward_to_members
from mailrouter.cases.eligibility import eligibility_for

TRIAGE_ROLES = {"chair", "triage"}


def run(item, ctx):
    case = ctx.store.get(item.code)
    decision = eligibility_for(case, ctx.committee, ctx.reporters)   # as of now, not as routed
    recipients = list(decision.eligible)
    triage = ctx.config.policy.routing == "triage"
    if triage:
        recipients = [m for m in decision.eligible if TRIAGE_ROLES & set(m.roles)] or recipients
    access = dict(case.get("access", {}))
    access.update({m.email.lower(): "granted" for m in recipients})
    ctx.store.update(item.code, {"access": access, "stage": "triage" if triage else "open"})
    forward_to_members(ctx, item.code, recipients, item.report, case, item.notes)
    ctx.store.log(item.code, "forwarded", members=len(recipients), routing=ctx.config.policy.routing)

