"""Member commands for what cannot wait for a decision: #escalate, #eta, #acted, #confirm."""

from datetime import timedelta

from mailrouter.casework.escalation import escalate_case
from mailrouter.casework.notices import tell_members
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Reply, command, required
from mailrouter.commands.severe import confirm_severe
from mailrouter.outbound.case_mail import audience
from mailrouter.settings.yaml_source import parse_duration


@command("escalate", help="send a code-named summary to the escalation contacts")
def escalate(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    sent = escalate_case(ctx, code, reason=f"requested by a committee member{': ' + arg if arg else ''}",
                         key=reply.key("escalation"))
    if not sent and not ctx.committee.escalation:
        raise CommandError("no escalation contacts are configured in members.yaml")
    if not sent:    # each one a party, conflicted with one, or kept out of the case
        raise CommandError("no escalation contact may receive this case (a conflict keeps each one out)")
    return f"a code-named summary went to {sent} escalation contact(s)"


@command("eta", "2w", "the projected timeline told to the reporter when the target passes")
def set_eta(reply: Reply, arg: str) -> str:
    try:
        seconds = parse_duration(required(arg, "#eta needs a duration such as 10d or 2w"))
    except ValueError as error:
        raise CommandError(str(error))
    eta = reply.ctx.clock.now() + timedelta(seconds=seconds)
    reply.ctx.store.update(reply.code, {"eta": iso(eta)})
    return f"projected resolution recorded: {eta.date().isoformat()}"


@command("acted", "TEXT", "record an urgent action taken alone (another member must #confirm)")
def acted(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    text = required(arg, "#acted needs what you did, on the same line")
    case = ctx.store.get(code)
    actions = list(case.get("acted", []))
    number = len(actions) + 1
    actions.append({"number": number, "by": reply.member.email.lower(), "at": iso(ctx.clock.now()),
                    "text": text, "confirmed": None})
    ctx.store.update(code, {"acted": actions})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} took urgent action {number}:\n\n{text}\n\n"
                 f"Review it and reply #confirm {number} for the committee.", "acted",
                 f"acted:{code}:acted:{number}")
    return f"urgent action {number} recorded; another member must #confirm {number}"


@command("confirm", "N|severe", "confirm urgent action N (or the clear and severe breach) for the committee")
def confirm(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    actions = list(case.get("acted", []))
    waiting = [a for a in actions if not a.get("confirmed")]
    if arg.strip().lower() == "severe" or (not arg.strip() and not waiting and case.get("severe")):
        return confirm_severe(reply)
    chosen = next((a for a in waiting if str(a["number"]) == arg.strip()), None) if arg.strip() else \
        (waiting[-1] if waiting else None)
    if chosen is None:
        raise CommandError("no unconfirmed urgent action with that number")
    if chosen["by"] == reply.member.email.lower():
        raise CommandError("another member must confirm an action you took")
    chosen["confirmed"] = {"by": reply.member.email.lower(), "at": iso(ctx.clock.now())}
    ctx.store.update(code, {"acted": actions})
    return f"urgent action {chosen['number']} confirmed"
