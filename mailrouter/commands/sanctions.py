"""Member commands for sanctions: #sanction KIND TEXT [until DATE] and #sanction end N.

The sanction is recorded against the case's reported persons (the `#reported` line, else
the people the report named), never anyone else; the other members on the case are told.
Review reminders before and on its end date come from the deadlines tick
(deadlines/sanction_reviews.py).
"""

from mailrouter.casework.notices import tell_members
from mailrouter.cases.declarations import reported_people
from mailrouter.cases.eligibility import party_from_record
from mailrouter.cases.sanctions import SanctionError, parse_sanction
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Reply, command
from mailrouter.outbound.case_mail import audience


@command("sanction", "KIND TEXT [until DATE]", "record a sanction (ban, temporary-ban, hiatus, warning, "
         "final-warning) against the reported person; `#sanction end N` ends one")
def sanction(reply: Reply, arg: str) -> str:
    first, _, rest = arg.strip().partition(" ")
    if first.lower() == "end":
        return end_sanction(reply, rest.strip())
    ctx, code = reply.ctx, reply.code
    try:
        kind, text, until = parse_sanction(arg, ctx.clock.now().astimezone(ctx.config.policy.zone).date())
    except SanctionError as error:
        raise CommandError(str(error))
    case = ctx.store.get(code)
    against = reported_names(case)
    if not against:
        raise CommandError("no reported person is recorded on this case: record them first with "
                           "#reported NAME <EMAIL>")
    sanctions = list(case.get("sanctions", []))
    sanctions.append({"kind": kind, "text": text, "until": until, "by": reply.member.email.lower(),
                      "at": iso(ctx.clock.now()), "ended": None, "against": against, "reminded": {}})
    number = len(sanctions)
    ctx.store.update(code, {"sanctions": sanctions},
                     event={"kind": "sanction", "by": f"member:{reply.member.email.lower()}", "number": number,
                            "sanction": kind, "until": until, "text": text})
    ends = f" until {until}" if until else ""
    _tell_others(reply, f"{reply.member.name} recorded sanction {number}: {kind}{ends}, against "
                 f"{', '.join(against)}.\n\n{text}", f"sanction:{code}:{number}:recorded")
    return f"sanction {number} recorded: {kind}{ends} (end it early with #sanction end {number})"


def end_sanction(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    sanctions = list(ctx.store.get(code).get("sanctions", []))
    if not arg.isdigit() or not 1 <= int(arg) <= len(sanctions):
        raise CommandError(f"#sanction end needs the number of a sanction on this case (1 to {len(sanctions)})"
                           if sanctions else "this case has no sanction to end")
    number = int(arg)
    chosen = dict(sanctions[number - 1])
    if chosen.get("ended"):
        raise CommandError(f"sanction {number} already ended on {chosen['ended'][:10]}")
    chosen["ended"] = iso(ctx.clock.now())
    sanctions[number - 1] = chosen
    ctx.store.update(code, {"sanctions": sanctions},
                     event={"kind": "sanction ended", "by": f"member:{reply.member.email.lower()}",
                            "number": number})
    _tell_others(reply, f"{reply.member.name} ended sanction {number} ({chosen['kind']}).",
                 f"sanction:{code}:{number}:ended")
    return f"sanction {number} ended"


def reported_names(case):
    """The reported persons' names as the case records them (an address where no name was given)."""
    if case.get("reported"):
        people = reported_people(f"Reported person: {case['reported']}")
    else:
        people = [party_from_record(record) for record in case.get("parties", ())]
    return [person.name or (person.emails[0] if person.emails else "") for person in people
            if person.name or person.emails]


def _tell_others(reply, text, key):
    others = [m for m in audience(reply.ctx, reply.ctx.store.get(reply.code)) if m.email != reply.member.email]
    tell_members(reply.ctx, reply.code, others, text, "sanction", key)
