"""#propose and #vote: the committee's decisions, counted by policy.decision_rule."""

from mailrouter.casework.notices import tell_members
from mailrouter.cases.decisions import VOTES, outcome
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Reply, command, required
from mailrouter.outbound.case_mail import audience


@command("propose", "TEXT", "open a proposal for the committee to vote on")
def propose(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    text = required(arg or reply.text, "#propose needs the proposal")
    if not arg:
        reply.text_used = True         # the text below the command was the proposal
    case = ctx.store.get(code)
    proposals = list(case.get("proposals", []))
    number = len(proposals) + 1
    proposals.append({"number": number, "text": text, "by": reply.member.email.lower(),
                      "opened": iso(ctx.clock.now()), "status": "open", "votes": {}})
    ctx.store.update(code, {"proposals": proposals})
    tell_members(ctx, code, audience(ctx, case), f"{reply.member.name} proposes (proposal {number}):\n\n"
                 f"{text}\n\nReply with #vote yes, #vote no or #vote abstain. Rule: "
                 f"{ctx.config.policy.decision_rule}.", "proposal", f"proposal:{code}:proposal:{number}")
    return f"proposal {number} opened and sent to the committee"


@command("vote", "yes|no|abstain", "vote on the open proposal")
def vote(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    choice = arg.lower().strip()
    if choice not in VOTES:
        raise CommandError("vote yes, no or abstain")
    case = ctx.store.get(code)
    proposals = list(case.get("proposals", []))
    open_ones = [p for p in proposals if p["status"] == "open"]
    if not open_ones:
        raise CommandError("there is no open proposal to vote on")
    proposal = open_ones[-1]
    proposal["votes"] = dict(proposal["votes"], **{reply.member.email.lower(): choice})
    members = audience(ctx, case)
    result = outcome(proposal, [m.email for m in members], ctx.config.policy.decision_rule,
                     ctx.config.policy.quorum)
    if result:
        proposal["status"], proposal["decided"] = result, iso(ctx.clock.now())
    ctx.store.update(code, {"proposals": proposals})
    if result:
        ctx.store.log(code, f"proposal {proposal['number']} {result}", by="mailrouter",
                      rule=ctx.config.policy.decision_rule)
        tell_members(ctx, code, members, f"Proposal {proposal['number']} {result}:\n\n{proposal['text']}",
                     "decision", f"decision:{code}:decision:{proposal['number']}")
    return f"vote recorded on proposal {proposal['number']}" + (f"; it {result}" if result else "")
