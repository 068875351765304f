"""Send the scrubbed report to each member who may see it, one message each.

Direct routing: every eligible member, and any interim readers the route stage brought in
(casework/interim.py) with a note saying why they read it. Triage routing (PyDistrict): the eligible members
with the chair or triage role first; the others after a conflict check (#no-conflict).
If no chair or triage member is eligible, the report goes to every eligible member.

Reads: code, report, notes. Sets: nothing (the case records who was granted access).
"""

from mailrouter.casework.forwarding import send_forward
from mailrouter.casework.interim import INTERIM_NOTE
from mailrouter.cases.eligibility import eligibility_for

TRIAGE_ROLES = {"chair", "triage"}


def run(item, ctx):
    case = ctx.store.get(item.code)
    decision = eligibility_for(case, ctx.committee, ctx.reporters)   # as of now, not as routed
    interim_emails = {r["email"] for r in case.get("interim", ())}
    interim = [m for m in decision.eligible if m.email.lower() in interim_emails]
    recipients = [m for m in decision.eligible if m not in interim]
    triage = ctx.config.policy.routing == "triage"
    if triage:
        recipients = [m for m in recipients if TRIAGE_ROLES & set(m.roles)] or recipients
    access = dict(case.get("access", {}))
    access.update({m.email.lower(): "granted" for m in recipients + interim})
    ctx.store.update(item.code, {"access": access, "stage": "triage" if triage else "open"})
    send_forward(ctx, item.code, item.report, case, item.notes, recipients)
    # Interim readers were screened when brought in: under triage too, they read it now.
    send_forward(ctx, item.code, item.report, case, [*item.notes, INTERIM_NOTE], interim)
    recipients += interim
    ctx.store.log(item.code, "forwarded", members=len(recipients), routing=ctx.config.policy.routing)

