"""#severe: a clear and severe breach (NumPy), acted on at once; the committee signs off
with `#confirm severe` (commands/urgent.py hands it here) within the policy's
`severe_confirm_hours`, and is reminded once if it does not (deadlines/actions.py), as
for #acted.

The reporter's acknowledgement has always gone out by the time a member can write
#severe (the acknowledge stage answers as the report arrives), so when the policy has a
`severe_ack`, #severe sends the reporter that text as a status mail of its own, once.
"""

from mailrouter.casework.notices import tell_members
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Reply, command
from mailrouter.outbound.case_mail import audience, to_reporter


@command("severe", "[TEXT]", "mark a clear and severe breach acted on at once (another member must "
         "#confirm severe)")
def severe(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    if case.get("severe"):
        raise CommandError(f"already marked as a clear and severe breach on {case['severe']['at'][:10]}")
    by = reply.member.email.lower()
    ctx.store.update(code, {"severe": {"at": iso(ctx.clock.now()), "by": by, "text": arg.strip(),
                                       "confirmed": None}},
                     event={"kind": "severe", "by": f"member:{by}", "text": arg.strip()})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} marked this case as a clear and severe breach"
                 + (f":\n\n{arg.strip()}" if arg.strip() else ".") + "\n\nReview it and reply #confirm severe "
                 "for the committee.", "severe", f"severe:{code}:marked")
    told = _tell_reporter(ctx, code, case)
    return ("marked as a clear and severe breach; another member must #confirm severe"
            + ("; the reporter was told the originator has been disconnected" if told else ""))


def confirm_severe(reply: Reply) -> str:
    ctx, code = reply.ctx, reply.code
    marked = ctx.store.get(code).get("severe")
    if not marked or marked.get("confirmed"):
        raise CommandError("no unconfirmed clear and severe breach on this case")
    if marked["by"] == reply.member.email.lower():
        raise CommandError("another member must confirm a breach you marked")
    by = reply.member.email.lower()
    confirmed = dict(marked, confirmed={"by": by, "at": iso(ctx.clock.now())})
    ctx.store.update(code, {"severe": confirmed}, event={"kind": "severe confirmed", "by": f"member:{by}"})
    return "the clear and severe breach is confirmed for the committee"


def _tell_reporter(ctx, code, case):
    """The policy's `severe_ack` to the reporter, once; only to one who was acknowledged."""
    text = ctx.config.policy.severe_ack
    if not text:
        return False
    if not case.get("acknowledged"):
        ctx.store.log(code, "severe breach notice not sent", reason="the report was not acknowledged")
        return False
    body = ctx.composer.render("severe_to_reporter.txt.j2", code=code, text=text)
    msg = ctx.composer.unaddressed(subject=f"[{code}] Your report was received", body=body)
    if not to_reporter(ctx, code, msg, "severe", f"severe:{code}:reporter"):
        return False
    ctx.store.log(code, "severe breach notice sent to the reporter")
    return True
