"""A newcomer answers the welcome: `#conflict NAME` lines and `#no-conflicts` (commands/onboarding.py).

Only the holder of the welcome's reply address, writing from their own address (and passing
our front MTA's checks when authserv_id is set), answers for the newcomer (invariant 4);
anything else changes nothing. Each command is confirmed to the newcomer.

Reads: msg, recipient, dedup_key. Sets: nothing (the newcomer's onboarding record; the
conflicts they declare are in force at once).
"""

from mailrouter.cases.declarations import own_text
from mailrouter.cases.tokens import digest
from mailrouter.commands import onboarding
from mailrouter.commands.parse import parse
from mailrouter.commands.reply import CommandError
from mailrouter.casework.onboarding import to_newcomer
from mailrouter.errors import Stop
from mailrouter.mail.authentication import sender_problem
from mailrouter.mail.quoting import split_own_text


def run(item, ctx):
    token = ctx.replies.token_of(item.recipient)
    address = ctx.onboarding.by_token(digest(token)) if token else None
    member = ctx.committee.member(address)
    if member is None or not member.active:
        raise Stop("answer to a welcome: no longer a member")
    problem = sender_problem(item.msg, (member.email,), ctx.config.authserv_id)
    if problem is not None:
        raise Stop(f"answer to a welcome, not from the newcomer: {problem}")
    commands, _ = parse(split_own_text(own_text(item.msg))[0])
    answer = onboarding.Answer(ctx, member)
    lines = []
    for command in commands:
        try:
            outcome, ok = onboarding.run(answer, command.name, command.arg), True
        except CommandError as error:
            outcome, ok = str(error), False
        lines.append(f"line {command.line}: #{command.name}: {'done: ' if ok else 'error: '}{outcome}")
    text = "\n".join(lines) or "No command was found at the top of your message."
    body = ctx.composer.render("onboarding_note.txt.j2", text=text, onboarding_help=onboarding.HELP)
    to_newcomer(ctx, member, "Your answer to the welcome", body, f"onboarding-answer:{item.dedup_key}",
                "confirmation")
