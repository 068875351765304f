"""Member commands that fill the status spreadsheet's columns, and #note (the case log only)."""

from mailrouter.casework.council import report_to_council
from mailrouter.clock import iso
from mailrouter.commands.reply import CommandError, Handler, Reply, command, required

STATUSES = ("new", "investigating", "waiting", "resolved", "closed")


@command("status", "|".join(STATUSES))
def set_status(reply: Reply, arg: str) -> str:
    status = arg.lower()
    if status not in STATUSES:
        raise CommandError(f"status must be one of: {', '.join(STATUSES)}")
    changes = {"status": status}
    if status in ("resolved", "closed"):
        changes[f"{status}_at"] = iso(reply.ctx.clock.now())
    reply.ctx.store.update(reply.code, changes)
    told = report_to_council(reply.ctx, reply.code) if status in ("resolved", "closed") else 0
    return f"status is now {status}" + (f"; the resolution report went to {told} council contact(s)" if told else "")


def choice_setter(field_name: str, options: tuple[str, ...]) -> Handler:
    def handler(reply: Reply, arg: str) -> str:
        value = arg.lower()
        if value not in options:
            raise CommandError(f"answer with {' or '.join(options)}")
        reply.ctx.store.update(reply.code, {field_name: value})
        return f"{field_name.replace('_', ' ')} recorded: {value}"
    return handler


set_safety_risk = command("safety-risk", "yes|no", "the safety risk (status spreadsheet)")(
    choice_setter("safety_risk", ("yes", "no")))
set_repeat_risk = command("repeat-risk", "yes|no|maybe", "the repeat risk (status spreadsheet)")(
    choice_setter("repeat_risk", ("yes", "no", "maybe")))


@command("action", "TEXT", "an action needed (status spreadsheet)")
def add_action(reply: Reply, arg: str) -> str:
    text = required(arg, "#action needs the action on the same line")
    case = reply.ctx.store.get(reply.code)
    reply.ctx.store.update(reply.code, {"actions": case.get("actions", []) + [text]})
    return "action recorded"


@command("resolution", "TEXT", "the resolution (status spreadsheet)")
def set_resolution(reply: Reply, arg: str) -> str:
    reply.ctx.store.update(reply.code, {"resolution": required(arg, "#resolution needs the text")})
    return "resolution recorded"


@command("note", "TEXT", "recorded in the case log, not sent to anyone")
def note(reply: Reply, arg: str) -> str:
    required(arg, "#note needs the note on the same line")
    return "note recorded (not sent to anyone)"
