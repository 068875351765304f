"""#consult and #enact: the reporter's say before a resolution is enacted (NumPy, Jupyter).

"Once a resolution is agreed upon, but before it is enacted, the committee will contact
the original reporter ... and explain the proposed resolution. The committee will ask if
this resolution is acceptable, and must note feedback for the record."

#consult sends the members' explanation of a passed proposal to the reporter, prepared
like #to-reporter (privacy.reporter_text: fail-closed), and records `consultation`; the
reporter's replies until #enact are noted in it (pipeline/stages/note_feedback.py).
#enact records `enacted`. It refuses when no proposal passed, and, with the policy's
`consult_reporter`, when the reporter was not consulted on the proposal being enacted.
An anonymous report has nobody to consult: #enact records that the step was skipped.
"""

from mailrouter.casework.notices import tell_members
from mailrouter.cases.stage import passed_proposals
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Reply, command
from mailrouter.commands.reporter import held_back_message
from mailrouter.outbound.case_mail import audience, to_reporter
from mailrouter.privacy.reporter_text import for_reporter

SKIPPED_ANONYMOUS = "consultation skipped: anonymous report"


@command("consult", help="the text below explains the passed proposal to the reporter and asks if it is acceptable")
def consult(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    proposal = _enactable(case, "")
    if case.get("anonymous") is True:
        raise CommandError("the report is anonymous: there is nobody to consult; #enact records the resolution")
    text = _prepared(reply, arg)
    body = ctx.composer.render("consult_reporter.txt.j2", code=code, text=text)
    msg = ctx.composer.unaddressed(subject=f"[{code}] The proposed resolution: is it acceptable to you?", body=body)
    stamp = iso(ctx.clock.now())
    if not to_reporter(ctx, code, msg, "consult", reply.key("consult")):
        raise CommandError("nothing was sent: there is no address to write to the reporter")
    earlier = case.get("consultation") or {}
    ctx.store.update(code, {"consultation": {"sent_at": stamp, "text": text, "proposal": proposal["number"],
                                             "by": reply.member.email.lower(),
                                             "feedback": list(earlier.get("feedback", []))},
                            "last_followup": stamp},        # a word to the reporter: the follow-up clock is met
                     event={"kind": "reporter consulted", "by": reply.member.email.lower(),
                            "proposal": proposal["number"]})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} asked the reporter whether proposal "
                 f"{proposal['number']} is acceptable:\n\n{text}", "consult-copy", reply.key("consult-copy"))
    reply.text_used = True
    return (f"proposal {proposal['number']} explained to the reporter, signed by the committee; their answer "
            "is noted for the record and relayed to you; #enact when the committee is ready")


@command("enact", "[N]", "record the passed proposal (or proposal N) as enacted")
def enact(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    proposal = _enactable(case, arg)
    number = proposal["number"]
    skipped = None
    if case.get("anonymous") is True:
        skipped = "anonymous report"
    elif ctx.config.policy.consult_reporter:
        _check_consulted(case, number)
    record = {"at": iso(ctx.clock.now()), "by": reply.member.email.lower(), "proposal": number}
    if skipped:
        record["consultation_skipped"] = skipped
        ctx.store.log(code, SKIPPED_ANONYMOUS, by=reply.member.email.lower(), proposal=number)
    ctx.store.update(code, {"enacted": record},
                     event={"kind": "resolution enacted", "by": reply.member.email.lower(), "proposal": number})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} recorded proposal {number} as enacted:\n\n"
                 f"{proposal['text']}", "enacted", f"enacted:{code}:{number}")
    return f"proposal {number} recorded as enacted" + (f" ({SKIPPED_ANONYMOUS})" if skipped else "")


def _enactable(case, arg):
    """The passed proposal #consult or #enact is about: proposal `arg`, or the last passed."""
    if case.get("enacted"):
        raise CommandError(f"proposal {case['enacted']['proposal']} was already enacted on "
                           f"{case['enacted']['at'][:10]}")
    passed = passed_proposals(case)
    if not passed:
        raise CommandError("no proposal has passed yet: the committee agrees on a resolution first "
                           "(#propose, then #vote)")
    if not arg.strip():
        return passed[-1]
    chosen = next((p for p in passed if str(p["number"]) == arg.strip()), None)
    if chosen is None:
        raise CommandError(f"proposal {arg.strip()} has not passed (passed: "
                           f"{', '.join(str(p['number']) for p in passed)})")
    return chosen


def _check_consulted(case, number):
    consultation = case.get("consultation")
    if not consultation:
        raise CommandError("not enacted: the policy asks the committee to consult the reporter before a "
                           "resolution is enacted (consult_reporter). Explain the proposed resolution to them "
                           "first: #consult, with the text below it")
    if consultation.get("proposal") != number:
        raise CommandError(f"not enacted: the reporter was consulted on proposal {consultation.get('proposal')}, "
                           f"not on proposal {number}; #consult again about proposal {number}")


def _prepared(reply, arg):
    """The text below #consult, fit for the reporter (as #to-reporter prepares it)."""
    as_is = arg.strip().lower() in ("as-is", "as is")
    text = "\n".join(t for t in ("" if as_is else arg, reply.full_text or reply.text) if t).strip()
    if not text:
        raise CommandError("#consult needs the explanation for the reporter, below the command")
    prepared = for_reporter(text, reply.member, reply.ctx.committee, as_is=as_is)
    if prepared.held_back:
        raise CommandError(held_back_message(prepared.held_back).replace("#to-reporter", "#consult"))
    if not prepared.text:
        raise CommandError("#consult found no words of yours to send (only quoted mail)")
    return prepared.text
