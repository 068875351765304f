"""The catch-up: what a member back from being away receives, one message per case.

For each open case they are still eligible for: the case as it stands and what happened
while they were away, in the case's thread; for a case opened while they were away (and
routed to them as the forward stage would have), the scrubbed report itself. Nothing that
was kept from the committee (#note, who was #reported) is in it.
"""

import email
from email import policy

from mailrouter.cases.eligibility import eligibility_for
from mailrouter.casework.context import Context
from mailrouter.casework.forwarding import sized_forward
from mailrouter.mail.message import parse
from mailrouter.outbound.case_mail import to_members
from mailrouter.settings.committee import Member

TRIAGE_ROLES = {"chair", "triage"}
SHOWN_TEXT = {"action", "resolution", "propose"}      # what the spreadsheet or a vote shows anyway
HIDDEN_COMMANDS = {"note", "reported", "away", "back"}
SHOWN_EVENTS = {"reporter added to the report", "status mail sent to the reporter", "escalated",
                "deadlock", "appeal", "identity revealed", "deadline",
                "reporter feedback noted for the record", "consultation skipped: anonymous report",
                "resolution enacted", "council report sent"}


def catch_up(ctx: Context, member: Member, since: str) -> int:
    """Queue the catch-up of every open case `member` is eligible for; return how many."""
    sent = 0
    for code in sorted(ctx.store.open_codes):
        case = ctx.store.get(code)
        if member.email not in eligibility_for(case, ctx.committee, ctx.reporters).eligible_emails:
            continue
        state = case.get("access", {}).get(member.email.lower())
        if state == "granted":
            msg = _summary(ctx, case, member, since)
        elif state is None and case["created"] >= since and _routed_to(ctx, member):
            ctx.store.update(code, {"access": dict(case.get("access", {}), **{member.email.lower(): "granted"})})
            report = parse(ctx.store.report(code))
            msg = sized_forward(ctx, code, report, case, case.get("notes", []), heading="Opened while you were away")
        else:
            continue
        sent += to_members(ctx, code, [member], msg, "catch-up", f"catch-up:{code}:{since}")
        ctx.store.log(code, "catch-up sent", member=member.name, since=since)
    return sent


def _routed_to(ctx, member):
    return ctx.config.policy.routing != "triage" or bool(TRIAGE_ROLES & set(member.roles))


def _summary(ctx, case, member, since):
    events = [e for e in ctx.store.events(case["code"]) if e.get("at", "") >= since]
    body = ctx.composer.render("catch_up.txt.j2", code=case["code"], member=member.name, since=since,
                               case=case, happened=[line for e in events if (line := _line(ctx, e))])
    return ctx.composer.unaddressed(subject=f"[{case['code']}] While you were away", body=body,
                                    auto_submitted="auto-generated")


def _line(ctx, event):
    """One event as the member reads it, or None for what is not theirs to read."""
    kind, at = event.get("kind"), event.get("at", "")[:16].replace("T", " ")
    who = _name(ctx, event.get("by", ""))
    if kind == "discussion":
        return f"{at}  {who} wrote:\n" + "\n".join(f"    {line}" for line in event.get("text", "").splitlines())
    if kind == "command" and event.get("ok") and event.get("command") not in HIDDEN_COMMANDS:
        text = f": {event['text']}" if event.get("command") in SHOWN_TEXT and event.get("text") else ""
        return f"{at}  {who} used #{event['command']}{text}"
    if kind in SHOWN_EVENTS:
        return f"{at}  {kind}" + (f": {event['deadline']}" if event.get("deadline") else "")
    return None


def _name(ctx, by):
    if by.startswith("member:"):
        member = ctx.committee.member(by.split(":", 1)[1])
        return member.name if member else "a former member"
    return {"reporter": "the reporter", "mailrouter": "mailrouter"}.get(by, "someone")
