"""A moderator's reply, recorded: `#accept` or `#disagree` on the first line (reasons after
it or below) answers the recommendation of each space it went to them for and they have not
answered yet (`#accept SPACE` names one); anything else is a remark, recorded too.

Reads: msg, code, participant. Sets: moderation. Stops for someone who is no longer a
moderator of a space the case was sent to, or may no longer receive mail about it.
"""

from dataclasses import dataclass

from mailrouter.cases.declarations import own_text
from mailrouter.casework.moderation import ANSWERS, on_case_as_moderator, record_answer
from mailrouter.commands.parse import parse
from mailrouter.errors import Stop
from mailrouter.mail.quoting import trimmed


@dataclass(frozen=True)
class ModeratorAnswer:
    name: str
    spaces: tuple
    answer: str | None       # "accept", "disagree", or None: a remark
    text: str


def run(item, ctx):
    email = item.participant.split(":", 1)[1]
    case = ctx.store.get(item.code)
    spaces, moderator = on_case_as_moderator(ctx, case, email)
    if moderator is None:
        raise Stop("reply from a moderator not on the case",
                   event={"kind": "reply from a moderator not on the case (not relayed)", "by": item.participant})
    own = trimmed(own_text(item.msg))
    commands, below = parse(own)
    if not own:
        raise Stop("empty reply from a moderator", event={"kind": "empty moderator reply (not relayed)",
                                                          "by": item.participant})
    first = commands[0] if commands else None      # the `#` lines at the top: the first is the answer
    answer = first.name if first is not None and first.name in ANSWERS else None
    if answer is None:
        spaces, text = spaces[:1], own
    else:
        spaces, text = _answered(case, email, spaces, first.arg.strip(), below)
    for space in spaces:
        record_answer(ctx, item.code, space, email, answer, text)
    ctx.audit.record("moderator answer", case=item.code, by="moderator", command=answer or "remark")
    item.moderation = ModeratorAnswer(moderator.name, tuple(spaces), answer, text)


def _answered(case, email, spaces, arg, below):
    """The spaces an answer is for, and its reasons."""
    if arg.lower() in spaces:
        return [arg.lower()], below
    pending = [s for s in spaces if case["moderation"][s]["moderators"][email]["answer"] is None]
    return pending or spaces, "\n".join(t for t in (arg, below) if t).strip()
