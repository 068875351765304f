"""Run the `#` commands at the top of a member's reply; confirm each to the author.

A member who recused or was excluded posts nothing into the case and is told nothing
(invariant 1); one who leaves in this mail (#recuse, their own #reported) runs nothing after
it, and their words are not relayed. A member asked about a conflict (triage) may answer with #no-conflict,
#recuse or #help only; a member away, with #away, #back or #help only (issue 12).

Reads: msg, code, participant, dedup_key, message_key. Sets: reply (the member's words below
the commands, for relay_among_members), outside. Stops for a member not on the case.
"""

from mailrouter.commands import registry
from mailrouter.commands.parse import parse
from mailrouter.commands.reply import CommandError, Reply
from mailrouter.outbound.case_mail import on_case, to_members
from mailrouter.cases.declarations import own_text
from mailrouter.cases.eligibility import AWAY, eligibility_for
from mailrouter.errors import Stop
from mailrouter.mail.message import header_addresses
from mailrouter.mail.quoting import split_own_text, trimmed

CONFLICT_CHECK_COMMANDS = {"no-conflict", "recuse", "help"}
AVAILABILITY_COMMANDS = {"away", "back", "help"}


def run(item, ctx):
    case = ctx.store.get(item.code)
    member = ctx.committee.reader(item.participant.split(":", 1)[1])   # a member or an interim reader
    state = case.get("access", {}).get(member.email.lower()) if member else None
    member_on_case = on_case(ctx, case, member)
    if not member_on_case and state != "asked" and not away_from(ctx, case, member):
        raise Stop("reply from a member who is not on the case",
                   event={"kind": "reply from a member not on the case (not relayed)", "by": item.participant})
    body = own_text(item.msg)
    commands, text = parse(split_own_text(body)[0])
    item.reply = Reply(ctx, item.code, member, text=trimmed(text), full_text=parse(body)[1],
                       message_key=item.message_key)
    lines, left = [], False
    for command in commands:
        lines.append(_run_one(item, ctx, member, command, _refused(ctx, item.code, member, command, left,
                                                                  member_on_case, state)))
        case = ctx.store.get(item.code)    # away is not gone: #back still works, words still shared
        left = member_on_case and not on_case(ctx, case, member) and not away_from(ctx, case, member)
    item.outside = outside_recipients(item, ctx)
    if (lines or item.outside) and may_hear_about(ctx, item.code, member):
        confirm(item, ctx, member, lines)
    if not member_on_case and state == "asked":
        raise Stop("conflict-check answer handled")
    if not member_on_case and not on_case(ctx, ctx.store.get(item.code), member):
        raise Stop("away: availability handled, nothing relayed")
    if left:                                 # #recuse, or their own #reported made them a party
        raise Stop("left the case: the words below the commands are not relayed")


def _refused(ctx, code, member, command, left, member_on_case, state):
    """Why `command` may not run now, or None."""
    if left:
        return "not run: you are no longer on this case"
    if away_from(ctx, ctx.store.get(code), member) and command.name not in AVAILABILITY_COMMANDS:
        return "not available while you are away: send #back first"
    if not member_on_case and state == "asked" and command.name not in CONFLICT_CHECK_COMMANDS:
        return "not available until you answer the conflict check"
    return None


def _run_one(item, ctx, member, command, refused):
    """Run one command unless refused; log it; return its line of the confirmation."""
    outcome, ok = refused, False
    if refused is None:
        try:
            outcome, ok = registry.run(item.reply, command), True
        except CommandError as error:
            outcome = str(error)
    event = {"kind": "command", "by": item.participant, "command": command.name, "ok": ok, "line": command.line}
    if command.name in ("note", "action", "resolution", "propose", "reported") and command.arg:
        event["text"] = command.arg
    ctx.store.log(item.code, **event)
    ctx.audit.record("command", case=item.code, by=f"member:{member.name}", command=command.name, ok=ok)
    return f"line {command.line}: #{command.name}: {'done: ' if ok else 'error: '}{outcome}"


def may_hear_about(ctx, code, member):
    """After the commands ran: is the author still on the case (or only just recused)?

    A member whose own #reported made them a party or conflicted has had the one short
    notice; the confirmation of #recuse is the last mail a recusing member gets.
    """
    case = ctx.store.get(code)
    state = case.get("access", {}).get(member.email.lower())
    if state == "recused" or away_from(ctx, case, member):
        return True
    if state == "asked":
        return any(m.email == member.email
                   for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible)
    return on_case(ctx, case, member)


def outside_recipients(item, ctx):
    addresses = [address for name in ("To", "Cc") for address in header_addresses(item.msg, name)]
    return sum(1 for address in addresses if not (ctx.replies.is_alias(address) or ctx.replies.token_of(address)))


def confirm(item, ctx, member, lines):
    body = ctx.composer.render("confirmation.txt.j2", code=item.code, lines=lines, outside=item.outside)
    msg = ctx.composer.unaddressed(subject=f"[{item.code}] Your commands", body=body,
                                   auto_submitted="auto-replied")
    to_members(ctx, item.code, [member], msg, "confirmation", f"confirmation:{item.dedup_key}")


def away_from(ctx, case, member):
    """Is `member` on this case but for being away (their case address still takes #back)?"""
    if member is None or case.get("access", {}).get(member.email.lower()) != "granted":
        return False
    return eligibility_for(case, ctx.committee, ctx.reporters).excluded.get(member.email) == AWAY
