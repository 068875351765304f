"""An anonymous report (`Anonymous: yes`): once acknowledged, nothing of who sent it is kept.

Runs after `acknowledge` (the acknowledgement waits in the outbox, sealed, and goes once
it is delivered) and `forward`. Before the identity goes, the members (and moderators,
reserves, escalation and core-team contacts) a declared conflict with the reporter excludes
now are marked `excluded` in the case's access (cases/eligibility.kept_out), so no later
mail reaches them: without the identity, eligibility could no longer tell. A member who is
the reporter is not marked (that would keep their address on the case): they were never
granted access, and only their own #no-conflict or a catch-up could grant it. Then the identity, the sealed originals and the case's key are destroyed (the
identity written in this group commit never reaches the disk), and the reporter's reply
address stops working.

Reads: code. Sets: nothing (the case's access, tokens, and its log: no follow-up possible).
"""

import logging
from dataclasses import replace

from mailrouter.cases.eligibility import CONFLICT, EXCLUDED, decide, eligibility_for, parties_of
from mailrouter.settings.committee import Member

log = logging.getLogger("mailrouter.pipeline.stages.forget_reporter")


def run(item, ctx):
    case = ctx.store.get(item.code)
    if case.get("anonymous") is not True or not ctx.reporters.known(item.code):
        return
    # Every member as if present and active, the case as if nobody had recused: absent or
    # recused now, a conflicted member would be screened again on their return.
    present = replace(ctx.committee, members=tuple(replace(m, active=True, absent=False)
                                                   for m in ctx.committee.members))
    decision = eligibility_for(dict(case, access={}), present, ctx.reporters)
    kept_out = [email for email, reason in decision.excluded.items() if reason == CONFLICT]
    # Moderators, reserves, escalation and core-team contacts too: they are screened by the
    # same conflicts, which could no longer be told either.
    outside = decide(replace(present, members=()), parties_of(case, ctx.reporters), interim=_outsiders(ctx.committee))
    kept_out += [email for email, reason in outside.excluded.items() if reason == CONFLICT]
    access = dict(case.get("access", {}), **{email.lower(): EXCLUDED for email in sorted(kept_out)})
    ctx.reporters.forget(item.code)
    ctx.store.drop_participant(item.code, "reporter")
    ctx.store.update(item.code, {"access": access},
                     event={"kind": "anonymous: no follow-up possible", "by": "mailrouter",
                            "detail": "the reporter's identity was not kept after the acknowledgement"})
    log.info("case %s: anonymous, the reporter's identity is not kept", item.code)


def _outsiders(committee):
    """Everyone but members who may be sent mail about a case, as present Members."""
    people = (*committee.interim_pool, *committee.core_team, *(m for ms in committee.moderators.values() for m in ms))
    return [Member(p.name, p.email, ("outside",), aliases=getattr(p, "aliases", ())) for p in people]
