"""A newcomer answers the welcome: `#conflict NAME` lines and `#no-conflicts` (commands/onboarding.py).

At the welcome's reply address, only its holder writing from their own address (and passing
our front MTA's checks when authserv_id is set) answers for the newcomer (invariant 4). At
the alias, which carries no secret, the answer counts only when the front MTA verified the
sender (authserv_id set, DMARC or aligned SPF passing, A3); otherwise the newcomer is told to
answer the welcome itself and the message is held for the admin. Each command is confirmed.

Reads: msg, raw, recipient, mail_from, dedup_key. Sets: nothing (the newcomer's onboarding
record; the conflicts they declare are in force at once).
"""

from mailrouter.cases.declarations import own_text
from mailrouter.cases.reference import sender_member
from mailrouter.cases.tokens import digest
from mailrouter.commands import onboarding
from mailrouter.commands.parse import parse
from mailrouter.commands.reply import CommandError
from mailrouter.casework.onboarding import to_newcomer
from mailrouter.errors import Stop
from mailrouter.mail.authentication import sender_problem
from mailrouter.mail.quoting import split_own_text

TO_THE_WELCOME = ("Your message to the committee's address looked like an answer to the welcome, so it "
                  "was not filed as a report and was not shared with anyone. Please reply to the "
                  "welcome message itself: its Reply-To is your own address for the answer.")


def run(item, ctx):
    member = _newcomer(item, ctx)
    if member is None or not member.active:
        raise Stop("answer to a welcome: no longer a member")
    problem = sender_problem(item.msg, (member.email,), ctx.config.authserv_id)
    if ctx.replies.is_alias(item.recipient) and (problem or not ctx.config.authserv_id):
        ctx.held.put(item.raw, {"reason": "a newcomer's answer to the alias (not acted on)",
                                "received": ctx.clock.now().isoformat()})
        raise Stop("answer to a welcome at the alias, sender unverified: held, newcomer told",
                   notice=lambda item, ctx: to_newcomer(
                       ctx, member, "How to answer the welcome", ctx.composer.render(
                           "onboarding_note.txt.j2", text=TO_THE_WELCOME, onboarding_help=onboarding.HELP),
                       f"onboarding-how:{item.dedup_key}", "how-to-reply"))
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


def _newcomer(item, ctx):
    """The member answering: the holder of the welcome's address, or the sender at the alias."""
    if ctx.replies.is_alias(item.recipient):
        return sender_member(item.msg, item.mail_from, ctx.committee)
    token = ctx.replies.token_of(item.recipient)
    return ctx.committee.member(ctx.onboarding.by_token(digest(token)) if token else None)
