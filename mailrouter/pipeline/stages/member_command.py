"""A member's #away or #back sent to the committee's alias rather than on a case thread.

Mail to the alias carries no secret, so it counts only when our front MTA verified the
sender (`authserv_id` set and DMARC or aligned SPF passing, A3), as for a member's reply
sent to the alias. Otherwise nothing changes, the message is held for the admin, and the
member is told, at their own address, to send it as a reply to any case mail instead.

Reads: msg, mail_from, dedup_key, message_key. Sets: nothing; the confirmation goes to the member alone.
"""

from mailrouter.cases.declarations import own_text
from mailrouter.cases.reference import sender_member
from mailrouter.commands import registry
from mailrouter.commands.parse import parse
from mailrouter.commands.reply import CommandError, Reply
from mailrouter.errors import Stop
from mailrouter.mail.authentication import sender_problem
from mailrouter.mail.quoting import split_own_text
from mailrouter.outbound.case_mail import return_path

NOT_VERIFIED = ("Your #away or #back sent to the committee's address could not be checked as coming "
                "from you, so nothing changed and it was not shared with anyone.\n\nSend it as a reply "
                "to any case mail you received: its Reply-To is your own address for that case.")


def run(item, ctx):
    member = sender_member(item.msg, item.mail_from, ctx.committee)
    if member is None:                 # classify saw a member; a reload may have changed it
        raise Stop("member's command to the alias: member no longer known")
    if not (ctx.config.authserv_id and sender_problem(item.msg, (member.email,), ctx.config.authserv_id) is None):
        ctx.held.put(item.raw, {"reason": "a member's #away or #back to the alias, sender not verified",
                                "received": ctx.clock.now().isoformat()})
        raise Stop("member's command to the alias: sender not verified, held",
                   notice=lambda item, ctx: _tell(ctx, member, item.dedup_key, NOT_VERIFIED))
    reply, lines = Reply(ctx, "", member, message_key=item.message_key), []
    for command in parse(split_own_text(own_text(item.msg))[0])[0]:
        try:
            outcome, ok = registry.run(reply, command), True
        except CommandError as error:
            outcome, ok = str(error), False
        lines.append(f"line {command.line}: #{command.name}: {'done: ' if ok else 'error: '}{outcome}")
    _tell(ctx, member, item.dedup_key, "\n".join(lines))


def _tell(ctx, member, key, text):
    msg = ctx.composer.unaddressed(subject="Your commands", auto_submitted="auto-replied",
                                   body=ctx.composer.render("member_how_to_reply.txt.j2", text=text))
    ctx.composer.address(msg, to=member.email, to_name=member.name)
    key = f"member-command:{key}"
    ctx.outbox.enqueue(key, return_path(ctx, key, member.email), member.email, ctx.composer.as_bytes(msg),
                       kind="member-command", case=None)
    ctx.poke()
