"""Member commands about who is on a case: #reported, #recuse, #no-conflict (triage).

Members who leave a case get one short notice with no case content; under triage,
eligible members without access are asked about conflicts before they see the report.
"""

from mailrouter.casework.context import Context
from mailrouter.casework.forwarding import forward_stored_report
from mailrouter.casework.interim import bring_in
from mailrouter.casework.notices import tell_members
from mailrouter.casework.send_screen import withdraw_refused
from mailrouter.cases.declarations import reported_people
from mailrouter.cases.eligibility import eligibility_for, party_from_record, party_record, same_person
from mailrouter.commands.reply import CommandError, Reply, command, required
from mailrouter.outbound.case_mail import audience, to_members


@command("reported", "NAME <EMAIL>", "record the reported person (members with a conflict leave the case)")
def reported(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    people = reported_people(f"Reported person: {required(arg, '#reported needs a name or an email')}")
    case = ctx.store.get(code)
    before = {m.email for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible}
    parties = list(case.get("parties", []))
    for person in people + ctx.committee.people_named_in(arg):
        if not any(same_person(person, p) for p in _persons(parties)):
            parties.append(party_record(person))
    ctx.store.update(code, {"parties": parties, "reported": arg})
    withdraw_refused(ctx, {code})          # queued mail to whoever a new party now keeps out
    case = ctx.store.get(code)
    after = {m.email for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible}
    leaving = [m for m in ctx.committee.members if m.email in before - after]
    for member in leaving:   # one short notice, no case content
        tell_members(ctx, code, [member], "You have a conflict with, or are involved in, this case. You "
                     "will receive nothing more about it.", "removed", f"removed:{code}:removed:{member.email}")
    asked = ask_for_conflicts(ctx, code) if case.get("stage") == "triage" else 0
    interim = bring_in(ctx, code, "a reported person was recorded") if leaving else []
    return (f"reported person recorded; {len(leaving)} member(s) left the case"
            + (f"; {asked} member(s) asked about conflicts" if asked else "")
            + (f"; {len(interim)} interim reader(s) brought in" if interim else ""))


def ask_for_conflicts(ctx: Context, code: str) -> int:
    """Triage: ask eligible members without access whether they have a conflict."""
    case = ctx.store.get(code)
    access = dict(case.get("access", {}))
    pending = [m for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible
               if m.email.lower() not in access]
    access.update({m.email.lower(): "asked" for m in pending})
    ctx.store.update(code, {"access": access, "stage": "conflict-check"})
    body = ctx.composer.render("conflict_check.txt.j2", code=code, reported=case.get("reported", ""))
    msg = ctx.composer.unaddressed(subject=f"[{code}] Conflict check for a new case", body=body)
    return to_members(ctx, code, pending, msg, "conflict-check", f"conflict-check:{code}")


@command("recuse", "[public]", "leave this case (others are told someone recused; `public`: who)")
def recuse(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    ctx.store.update(code, {"access": dict(case.get("access", {}), **{reply.member.email.lower(): "recused"})})
    # What still waits in the queue for them about this case, as a member or as a moderator.
    withdraw_refused(ctx, {code})
    who = reply.member.name if arg.lower() == "public" else "A committee member"
    tell_members(ctx, code, others, f"{who} recused from this case.", "recusal",
                 f"recusal:{code}:recuse:{reply.member.email}")
    bring_in(ctx, code, "a recusal")
    return "you have recused: you will receive nothing more about this case"


@command("no-conflict", help="(when asked) you have no conflict: you will receive the report")
def no_conflict(reply: Reply, arg: str) -> str:
    case = reply.ctx.store.get(reply.code)
    state = case.get("access", {}).get(reply.member.email.lower())
    if state == "granted":
        return "you already receive this case"
    if state != "asked":
        raise CommandError("you were not asked about a conflict for this case")
    eligible = eligibility_for(case, reply.ctx.committee, reply.ctx.reporters).eligible
    if not any(m.email == reply.member.email for m in eligible):
        raise CommandError("you can no longer join this case")
    access = dict(case["access"], **{reply.member.email.lower(): "granted"})
    reply.ctx.store.update(reply.code, {"access": access})
    forward_stored_report(reply.ctx, reply.code, [reply.member])
    return "thank you: the report is on its way to you"


def _persons(records):
    return [party_from_record(r) for r in records]
