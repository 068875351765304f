"""#to-reporter: a member writes to the reporter for the committee, through the alias.

The text is prepared by privacy.reporter_text (the member's name, signature and every
member address removed); text that looks like unrecognised earlier mail is held back.
"""

from mailrouter.casework.notices import tell_members
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Reply, command
from mailrouter.outbound.case_mail import audience, to_reporter
from mailrouter.privacy.reporter_text import for_reporter


def held_back_message(held: str, name: str = "to-reporter", whom: str = "the reporter") -> str:
    shown = "\n".join(f"    {line}" for line in held.splitlines()[:12])
    return (f"nothing was sent to {whom}. Below your words there is text that looks like "
            "earlier mail, and it could not be recognised as quoted mail to leave out:\n\n"
            f"{shown}\n\nDelete it and send again, or, if it is meant for {whom}, start "
            f"with `#{name} as-is` (member names and addresses are still removed).")


def prepare(reply: Reply, arg: str, name: str = "to-reporter", whom: str = "the reporter") -> str:
    """The member's words below `#name`, fit to go out signed by the committee (P9), or a
    CommandError saying why nothing can go (#to-reported uses it too)."""
    as_is = arg.strip().lower() in ("as-is", "as is")
    text = "\n".join(t for t in ("" if as_is else arg, reply.full_text or reply.text) if t).strip()
    if not text:
        raise CommandError(f"#{name} needs the text to send, below the command")
    prepared = for_reporter(text, reply.member, reply.ctx.committee, as_is=as_is)
    if prepared.held_back:
        raise CommandError(held_back_message(prepared.held_back, name, whom))
    if not prepared.text:
        raise CommandError(f"#{name} found no words of yours to send (only quoted mail)")
    return prepared.text


@command("to-reporter", help="the text below goes to the reporter, signed by the committee")
def to_the_reporter(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    if ctx.store.get(code).get("anonymous") is True:        # issue 14: `Anonymous: yes`
        raise CommandError("this report is anonymous: mailrouter kept nothing of who sent it, so nothing "
                           "can be sent to the reporter (no follow-up is possible)")
    clean = prepare(reply, arg)
    body = ctx.composer.render("to_reporter.txt.j2", code=code, text=clean)
    msg = ctx.composer.unaddressed(subject=f"[{code}] A message from the committee", body=body)
    stamp = iso(ctx.clock.now())
    to_reporter(ctx, code, msg, "to-reporter", reply.key("to-reporter"))
    case = ctx.store.get(code)
    ctx.store.update(code, {"followups": case.get("followups", []) + [{"at": stamp, "text": clean}],
                            "last_followup": stamp})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} wrote to the reporter for the committee:\n\n{clean}",
                 "to-reporter-copy", reply.key("to-reporter-copy"))
    reply.text_used = True
    return "sent to the reporter, signed by the committee; the other members have a copy"
